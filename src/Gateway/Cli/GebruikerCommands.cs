using System.CommandLine;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Beheer;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Cli;

/// <summary>
/// <c>gateway gebruiker create|list|deactiveer|reset-totp</c>: local /beheer accounts. Creating one prints a one-time
/// activation link (72 h); the person chooses the password and enrols the authenticator themselves.
/// </summary>
internal static class GebruikerCommands
{
    public static Command Build(CliContext cli)
    {
        var gebruiker = new Command("gebruiker", "Manage people who sign in to /beheer with a local account.");
        gebruiker.Subcommands.Add(Create(cli));
        gebruiker.Subcommands.Add(List(cli));
        gebruiker.Subcommands.Add(Wijzig(cli, "deactiveer", "Deactivate an account and end its sessions.", (s, id, ct) => Geen(s.DeactiveerAsync(id, CliContext.HuidigeActor.Naam, ct))));
        gebruiker.Subcommands.Add(Wijzig(cli, "reset-totp", "Clear password and authenticator; prints a new activation link.", (s, id, ct) => Wrap(s.ResetTotpAsync(id, CliContext.HuidigeActor.Naam, ct))));
        return gebruiker;
    }

    private static Command Create(CliContext cli)
    {
        var email = new Option<string>("--email") { Description = "The person's e-mail address (their sign-in name)", Required = true };
        var naam = new Option<string>("--naam") { Description = "The person's name", Required = true };
        var rol = new Option<string>("--rol") { Description = "helpdesk, backoffice or admin", Required = true };
        rol.AcceptOnlyFromAmong([.. Rollen.Alle]);
        var create = new Command("create", "Create an account; prints the one-time activation link.") { TreatUnmatchedTokensAsErrors = false };
        create.Options.Add(email);
        create.Options.Add(naam);
        create.Options.Add(rol);
        create.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var r = await Service(sp).MaakAsync(pr.GetValue(email), pr.GetValue(naam), pr.GetValue(rol), CliContext.HuidigeActor.Naam, token);
            return cli.Toon(pr, Uitvoer(r), n => Tekst(n));
        }));
        return create;
    }

    private static Command List(CliContext cli)
    {
        var list = new Command("list", "List accounts (never passwords or secrets).") { TreatUnmatchedTokensAsErrors = false };
        list.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var lijst = (await Service(sp).LijstAsync(token)).Select(g => new
            {
                g.Id, g.Email, g.Naam, g.Rol,
                Stand = g.GedeactiveerdOp is not null ? "gedeactiveerd" : g.IsActief ? "actief" : "wacht op activering",
                g.LaatstAangemeldOp, g.GeblokkeerdTot,
            }).ToList();
            cli.Schrijf(pr, lijst, () => lijst.Count == 0 ? "Nog geen accounts." : string.Join(Environment.NewLine, lijst.Select(g =>
                $"{g.Id}  {g.Rol,-10}  {g.Email}  {g.Naam}  {g.Stand}{(g.LaatstAangemeldOp is { } op ? $"  laatst aangemeld {op:yyyy-MM-dd HH:mm}" : "")}")));
            return GatewayCli.Ok;
        }));
        return list;
    }

    private static Command Wijzig(CliContext cli, string naam, string beschrijving,
        Func<GebruikerService, string, CancellationToken, Task<Core.Fouten.Result<NieuweGebruiker?>>> actie)
    {
        var wie = new Argument<string>("id-of-email") { Description = "The account's id or e-mail address" };
        var command = new Command(naam, beschrijving) { TreatUnmatchedTokensAsErrors = false };
        command.Arguments.Add(wie);
        command.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var service = Service(sp);
            var waarde = pr.GetValue(wie)!.Trim();
            var id = waarde.Contains('@', StringComparison.Ordinal)
                ? (await Store(sp).ZoekOpEmailAsync(waarde.ToLowerInvariant(), token))?.Id ?? waarde
                : waarde;
            var r = await actie(service, id, token);
            if (!r.IsSuccess)
            {
                return cli.Weiger(pr, r.Fouten, GatewayCli.NietGevonden);
            }

            cli.Schrijf(pr, r.Value is null ? new { id } : Uitvoer(r.Value), () => r.Value is null ? "Gedaan." : Tekst(Uitvoer(r.Value)));
            return GatewayCli.Ok;
        }));
        return command;
    }

    private sealed record Aangemaakt(string Id, string Email, string Naam, string Rol, string ActivatieUrl, DateTimeOffset GeldigTot);

    private static Aangemaakt Uitvoer(NieuweGebruiker n) =>
        new(n.Gebruiker.Id, n.Gebruiker.Email, n.Gebruiker.Naam, n.Gebruiker.Rol, n.ActivatieUrl, n.GeldigTot);

    private static Core.Fouten.Result<Aangemaakt> Uitvoer(Core.Fouten.Result<NieuweGebruiker> r) =>
        r.IsSuccess ? Core.Fouten.Result<Aangemaakt>.Ok(Uitvoer(r.Value!)) : Core.Fouten.Result<Aangemaakt>.Fail(r.Fouten);

    private static string Tekst(Aangemaakt n) =>
        $"Account {n.Email} ({n.Naam}, rol {n.Rol}). Stuur deze activeringslink aan de persoon; hij werkt één keer, tot {n.GeldigTot:yyyy-MM-dd HH:mm} UTC:"
        + Environment.NewLine + n.ActivatieUrl;

    private static async Task<Core.Fouten.Result<NieuweGebruiker?>> Geen<T>(Task<Core.Fouten.Result<T>> taak)
    {
        var r = await taak;
        return r.IsSuccess ? Core.Fouten.Result<NieuweGebruiker?>.Ok(null) : Core.Fouten.Result<NieuweGebruiker?>.Fail(r.Fouten);
    }

    private static async Task<Core.Fouten.Result<NieuweGebruiker?>> Wrap(Task<Core.Fouten.Result<NieuweGebruiker>> taak)
    {
        var r = await taak;
        return r.IsSuccess ? Core.Fouten.Result<NieuweGebruiker?>.Ok(r.Value) : Core.Fouten.Result<NieuweGebruiker?>.Fail(r.Fouten);
    }

    /// <summary>The CLI's host has no web parts; the account service is built here on its store and the Beheer settings.</summary>
    private static GebruikerService Service(IServiceProvider sp)
    {
        var opties = sp.GetRequiredService<IConfiguration>().GetSection(BeheerOptions.Section).Get<BeheerOptions>() ?? new BeheerOptions();
        return new GebruikerService(Store(sp), Options.Create(opties), sp.GetRequiredService<TimeProvider>());
    }

    /// <summary>The store with the TOTP protection on the database's shared key ring (a TOTP secret is encrypted at rest).</summary>
    private static GebruikerStore Store(IServiceProvider sp)
    {
        var db = sp.GetRequiredService<DbConnectionFactory>();
        return new GebruikerStore(db, TotpBescherming.Los(db, sp.GetRequiredService<TimeProvider>()));
    }
}

using System.CommandLine;
using System.Globalization;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Gateway.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Cli;

/// <summary><c>gateway esis register|list|revoke</c>: Esis verification codes (the helpdesk's "koppeling activeren").</summary>
internal static class EsisCommands
{
    public static Command Build(CliContext cli)
    {
        var esis = new Command("esis", "Esis-verificatiecodes ('koppeling activeren' van de helpdesk).");
        esis.Subcommands.Add(Register(cli));
        esis.Subcommands.Add(List(cli));
        esis.Subcommands.Add(Revoke(cli));
        return esis;
    }

    private static Command Register(CliContext cli)
    {
        var brin = new Option<string>("--brin") { Description = "BRIN, bijv. 12AB", Required = true };
        var vestiging = new Option<string>("--vestiging") { Description = "Vestiging, bijv. 00", Required = true };
        var omgeving = new Option<string>("--omgeving") { Description = "Esis-omgeving", DefaultValueFactory = _ => "productie" };
        var callbackUrl = new Option<string>("--callback-url") { Description = "Waar statusberichten heen gaan", Required = true };
        var email = new Option<string?>("--contact-email") { Description = "E-mailadres van de contactpersoon van de school" };
        var register = new Command("register", "Registreer een verificatiecode; de code wordt van standaardinvoer gelezen, nooit van de opdrachtregel.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        register.Options.Add(brin);
        register.Options.Add(vestiging);
        register.Options.Add(omgeving);
        register.Options.Add(callbackUrl);
        register.Options.Add(email);
        register.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            // Command lines end up in shell history and process lists; standard input does not.
            var code = (await cli.Invoer.ReadLineAsync(token))?.Trim();
            var r = await sp.GetRequiredService<EsisRegistratieBeheer>().RegistreerAsync(
                new RegistratieVerzoek(pr.GetValue(brin), pr.GetValue(vestiging), pr.GetValue(omgeving), code, pr.GetValue(callbackUrl), pr.GetValue(email)),
                CliContext.HuidigeActor, token);
            return cli.Toon(pr, r, v =>
                $"Registratie {v.Registratie.Id} voor {v.Registratie.Brin}{v.Registratie.Vestiging} ({v.Registratie.Omgeving}) aangemaakt."
                + Environment.NewLine + $"Callback-secret (alleen nu zichtbaar; geef het aan Esis): {v.CallbackSecret}");
        }));
        return register;
    }

    private static Command List(CliContext cli)
    {
        var filter = new Option<string?>("--brin") { Description = "Alleen deze BRIN" };
        var list = new Command("list", "Toon de registraties (nooit codes of geheimen).") { TreatUnmatchedTokensAsErrors = false };
        list.Options.Add(filter);
        list.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var lijst = await sp.GetRequiredService<EsisRegistratieBeheer>().LijstAsync(pr.GetValue(filter), CliContext.HuidigeActor, token);
            return cli.Toon(pr, lijst, l => string.Join(Environment.NewLine, l.Select(r =>
                $"{r.Id}  {r.Brin}{r.Vestiging}  {r.Omgeving,-10}  {r.CallbackUrl}  laatst gebruikt {r.LaatstGebruiktOp?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "nooit"}{(r.GeldigTot is null ? "" : "  INGETROKKEN")}")));
        }));
        return list;
    }

    private static Command Revoke(CliContext cli)
    {
        var id = new Argument<Guid>("id") { Description = "Id van de registratie" };
        var revoke = new Command("revoke", "Trek een registratie direct in.") { TreatUnmatchedTokensAsErrors = false };
        revoke.Arguments.Add(id);
        revoke.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var r = await sp.GetRequiredService<EsisRegistratieBeheer>().TrekInAsync(pr.GetValue(id), CliContext.HuidigeActor, token);
            if (!r.IsSuccess)
            {
                return cli.Weiger(pr, r.Fouten, r.Code == Core.Fouten.FoutCodes.NietGevonden ? GatewayCli.NietGevonden : GatewayCli.Geweigerd);
            }

            cli.Uit.WriteLine("Registratie ingetrokken.");
            return GatewayCli.Ok;
        }));
        return revoke;
    }
}

using System.CommandLine;
using System.Globalization;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Cli;

/// <summary><c>gateway apikey create|list|revoke</c>: admin API keys.</summary>
internal static class ApiKeyCommands
{
    public static Command Build(CliContext cli)
    {
        var apikey = new Command("apikey", "API-sleutels voor de beheer-API.");
        apikey.Subcommands.Add(Create(cli));
        apikey.Subcommands.Add(List(cli));
        apikey.Subcommands.Add(Revoke(cli));
        return apikey;
    }

    private static Command Create(CliContext cli)
    {
        var naam = new Option<string>("--naam") { Description = "Voor wie of wat de sleutel is", Required = true };
        var rol = new Option<string>("--rol") { Description = "helpdesk, backoffice of admin", Required = true };
        rol.AcceptOnlyFromAmong([.. Rollen.Alle]);
        var create = new Command("create", "Maak een sleutel; hij wordt één keer getoond.") { TreatUnmatchedTokensAsErrors = false };
        create.Options.Add(naam);
        create.Options.Add(rol);
        create.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var r = await sp.GetRequiredService<ApiSleutelBeheer>().MaakAsync(pr.GetValue(naam), pr.GetValue(rol), CliContext.HuidigeActor, token);
            if (!r.IsSuccess)
            {
                return cli.Weiger(pr, r.Fouten);
            }

            var sleutel = r.Value!;
            cli.Schrijf(pr, new { sleutel.Info.Id, sleutel.Info.Naam, sleutel.Info.Rol, sleutel = sleutel.Sleutel }, () =>
                $"Sleutel {sleutel.Info.Id} ({sleutel.Info.Naam}, rol {sleutel.Info.Rol}) aangemaakt. Bewaar hem nu; hij wordt niet opnieuw getoond:"
                + Environment.NewLine + sleutel.Sleutel);
            return GatewayCli.Ok;
        }));
        return create;
    }

    private static Command List(CliContext cli)
    {
        var list = new Command("list", "Toon de sleutels (nooit de sleutels zelf).") { TreatUnmatchedTokensAsErrors = false };
        list.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var lijst = await sp.GetRequiredService<ApiSleutelBeheer>().LijstAsync(CliContext.HuidigeActor, token);
            return cli.Toon(pr, lijst, l => CliTabel.Tekst(
                ["ID", "ROL", "NAAM", "AANGEMAAKT", "INGETROKKEN"],
                l.Select(k => new[] { k.Id, k.Rol, k.Naam, k.AangemaaktOp.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), k.IngetrokkenOp?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
                "Geen sleutels."));
        }));
        return list;
    }

    private static Command Revoke(CliContext cli)
    {
        var id = new Argument<string>("id") { Description = "Het id van de sleutel (het deel na hgw_)" };
        var revoke = new Command("revoke", "Trek een sleutel direct in.") { TreatUnmatchedTokensAsErrors = false };
        revoke.Arguments.Add(id);
        revoke.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var r = await sp.GetRequiredService<ApiSleutelBeheer>().TrekInAsync(pr.GetValue(id)!, CliContext.HuidigeActor, token);
            return cli.Toon(pr, r, _ => "Sleutel ingetrokken.");
        }));
        return revoke;
    }
}

using System.CommandLine;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Cli;

/// <summary><c>gateway status set</c>: change a hulpvraag's status; the school's system is called back.</summary>
internal static class StatusCommands
{
    public static Command Build(CliContext cli)
    {
        var dossier = new Option<long>("--dossier") { Description = "Dossiernummer", Required = true };
        var code = new Option<string>("--status") { Description = "Statuscode, bijv. dossier-incompleet", Required = true };
        var kwalificatie = new Option<string?>("--kwalificatie") { Description = "Het deel [functie] / [nadere aanduiding]" };
        var toelichting = new Option<string?>("--toelichting") { Description = "De reden die de school te zien krijgt" };
        var heropenen = new Option<bool>("--heropenen") { Description = "Heropen een eindstatus (naar aanmelding)" };
        var set = new Command("set", "Wijzig de status van een hulpvraag; het systeem van de school krijgt bericht.") { TreatUnmatchedTokensAsErrors = false };
        set.Options.Add(dossier);
        set.Options.Add(code);
        set.Options.Add(kwalificatie);
        set.Options.Add(toelichting);
        set.Options.Add(heropenen);
        set.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var resultaat = await sp.GetRequiredService<StatusBeheer>().WijzigAsync(pr.GetValue(dossier),
                new StatusWijziging(pr.GetValue(code), pr.GetValue(kwalificatie), pr.GetValue(toelichting), null, pr.GetValue(heropenen)),
                CliContext.HuidigeActor, token);
            if (!resultaat.IsSuccess)
            {
                return cli.Weiger(pr, resultaat.Fouten, resultaat.Code == FoutCodes.DossierOnbekend ? GatewayCli.NietGevonden : GatewayCli.Geweigerd);
            }

            var h = resultaat.Value!;
            cli.Schrijf(pr, HulpvraagDto.Van(h), () => $"Dossier {h.Dossiernummer}: {StatusCatalogus.Weergave(h.Status.Code, h.Status.Kwalificatie)} (versie {h.Versie}).");
            return GatewayCli.Ok;
        }));

        var status = new Command("status", "Statuswijzigingen.");
        status.Subcommands.Add(set);
        return status;
    }
}

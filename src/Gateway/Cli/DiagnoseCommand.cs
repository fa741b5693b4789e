using System.CommandLine;
using System.Globalization;
using Hulpvraag.Gateway.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Cli;

/// <summary><c>gateway diagnose --brin</c>: everything that arrived from a school (BRIN or BRIN6), for the helpdesk.</summary>
internal static class DiagnoseCommand
{
    public static Command Build(CliContext cli)
    {
        var brin = new Option<string>("--brin") { Description = "BRIN (12AB, alle vestigingen) of BRIN6 (12AB00) van de school", Required = true };
        var dagen = new Option<int>("--dagen") { Description = "Hoeveel dagen terug", DefaultValueFactory = _ => 30 };
        var diagnose = new Command("diagnose", "Alles wat van een school binnenkwam: aangenomen of geweigerd (code en tekst), OSO-ophaalacties, statusberichten.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        diagnose.Options.Add(brin);
        diagnose.Options.Add(dagen);
        diagnose.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var vanaf = sp.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-Math.Clamp(pr.GetValue(dagen), 0, 3650));
            var selectie = Zoekvragen.Diagnose(pr.GetValue(brin), vanaf.ToString("O", CultureInfo.InvariantCulture));
            if (!selectie.IsSuccess)
            {
                return cli.Weiger(pr, selectie.Fouten);
            }

            var r = await sp.GetRequiredService<BeheerOverzichten>().DiagnoseAsync(selectie.Value!, CliContext.HuidigeActor, token);
            return cli.Toon(pr, r, Tekst);
        }));
        return diagnose;
    }

    private static string Tekst(Diagnose d)
    {
        var uit = new StringWriter(CultureInfo.InvariantCulture);
        uit.WriteLine($"School {d.Brin}{d.Vestiging}, sinds {d.Vanaf:yyyy-MM-dd}:");
        foreach (var o in d.Ontvangen)
        {
            uit.WriteLine($"  {o.Op:yyyy-MM-dd HH:mm}  {o.Systeem,-9} {o.Referentie,-20} {o.Uitkomst,-11} {(o.Dossiernummer is null ? "" : $"dossier {o.Dossiernummer} ")}{o.Foutcode} {o.Melding}");
        }

        foreach (var n in d.OsoNotificaties)
        {
            uit.WriteLine($"  OSO {n.OntvangenOp:yyyy-MM-dd HH:mm}  {n.Koppelsleutel}  {n.Toestand} (pogingen {n.Pogingen}) {n.LaatsteFout}");
        }

        foreach (var c in d.Callbacks)
        {
            uit.WriteLine($"  callback {c.Id} {c.AangemaaktOp:yyyy-MM-dd HH:mm}  {c.Systeem} {c.Referentie}  {c.StatusCode} -> {c.Toestand} (pogingen {c.Pogingen}) {c.LaatsteFout}");
        }

        foreach (var e in d.Emails)
        {
            uit.WriteLine($"  e-mail {e.Id} {e.AangemaaktOp:yyyy-MM-dd HH:mm}  dossier {e.Dossiernummer}  {e.StatusCode} -> {e.Toestand} (pogingen {e.Pogingen}) {e.Ontvanger} {e.LaatsteFout ?? e.LaatsteAntwoord}");
        }

        if (d.Ontvangen.Count + d.OsoNotificaties.Count + d.Callbacks.Count + d.Emails.Count == 0)
        {
            uit.WriteLine("  Niets ontvangen in deze periode.");
        }

        return uit.ToString().TrimEnd();
    }
}

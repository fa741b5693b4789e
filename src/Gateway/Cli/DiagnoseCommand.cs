using System.CommandLine;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Cli;

/// <summary><c>gateway diagnose --brin</c>: everything that arrived from a school, for the helpdesk.</summary>
internal static class DiagnoseCommand
{
    public static Command Build(CliContext cli)
    {
        var brin = new Option<string>("--brin") { Description = "BRIN of the school", Required = true };
        var dagen = new Option<int>("--dagen") { Description = "How far back", DefaultValueFactory = _ => 30 };
        var diagnose = new Command("diagnose", "Everything that arrived from a school: accepted or refused (code and text), OSO fetches, callbacks.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        diagnose.Options.Add(brin);
        diagnose.Options.Add(dagen);
        diagnose.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var b = pr.GetValue(brin)!.Trim().ToUpperInvariant();
            var vanaf = sp.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-pr.GetValue(dagen));
            var beheer = sp.GetRequiredService<BeheerStore>();
            var ontvangen = await beheer.OntvangstenAsync(b, vanaf, token);
            var notificaties = await beheer.NotificatiesAsync(null, b, vanaf, token);
            var callbacks = await sp.GetRequiredService<OutboxStore>().ZoekAsync(null, null, b, 200, token);
            if (cli.Json(pr))
            {
                cli.Uit.WriteLine(cli.AlsJson(new { ontvangen, notificaties, callbacks }));
                return GatewayCli.Ok;
            }

            var uit = cli.Uit;
            uit.WriteLine($"School {b}, sinds {vanaf:yyyy-MM-dd}:");
            foreach (var o in ontvangen)
            {
                uit.WriteLine($"  {o.Op:yyyy-MM-dd HH:mm}  {o.Systeem,-9} {o.Referentie,-20} {o.Uitkomst,-11} {(o.Dossiernummer is null ? "" : $"dossier {o.Dossiernummer} ")}{o.Foutcode} {o.Melding}");
            }

            foreach (var n in notificaties)
            {
                uit.WriteLine($"  OSO {n.OntvangenOp:yyyy-MM-dd HH:mm}  {n.Koppelsleutel}  {n.Toestand} (pogingen {n.Pogingen}) {n.LaatsteFout}");
            }

            foreach (var c in callbacks)
            {
                uit.WriteLine($"  callback {c.Id} {c.AangemaaktOp:yyyy-MM-dd HH:mm}  {c.Systeem} {c.Referentie}  {c.StatusCode} -> {c.Toestand} (pogingen {c.Pogingen}) {c.LaatsteFout}");
            }

            if (ontvangen.Count + notificaties.Count + callbacks.Count == 0)
            {
                uit.WriteLine("  Niets ontvangen in deze periode.");
            }

            return GatewayCli.Ok;
        }));
        return diagnose;
    }
}

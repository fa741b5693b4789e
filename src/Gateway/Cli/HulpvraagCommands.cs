using System.CommandLine;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Cli;

/// <summary><c>gateway hulpvraag show</c>: read hulpvragen.</summary>
internal static class HulpvraagCommands
{
    public static Command Build(CliContext cli)
    {
        var hulpvraag = new Command("hulpvraag", "Read hulpvragen.");
        hulpvraag.Subcommands.Add(Show(cli));
        return hulpvraag;
    }

    private static Command Show(CliContext cli)
    {
        var nummer = new Argument<long>("dossiernummer");
        var show = new Command("show", "Show one hulpvraag with its history and attachments.") { TreatUnmatchedTokensAsErrors = false };
        show.Arguments.Add(nummer);
        show.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var h = await sp.GetRequiredService<Core.Ports.IHulpvraagStore>().FindByDossiernummerAsync(pr.GetValue(nummer), token);
            if (h is null)
            {
                cli.Uit.WriteLine($"Geen hulpvraag met dossiernummer {pr.GetValue(nummer)}.");
                return GatewayCli.NietGevonden;
            }

            if (cli.Json(pr))
            {
                cli.Uit.WriteLine(cli.AlsJson(HulpvraagDto.Van(h)));
                return GatewayCli.Ok;
            }

            var uit = cli.Uit;
            uit.WriteLine($"Dossier {h.Dossiernummer} ({h.Bron.Systeem} {h.Bron.Brin}{h.Bron.Vestiging}, kenmerk {h.Bron.Referentie}), versie {h.Versie}");
            uit.WriteLine($"  Titel:   {h.TitelOrigineel} ({h.Titel})");
            uit.WriteLine($"  Status:  {StatusCatalogus.Weergave(h.Status.Code, h.Status.Kwalificatie)} sinds {h.Status.Sinds:yyyy-MM-dd HH:mm}{(h.Status.Toelichting is null ? "" : $" – {h.Status.Toelichting}")}");
            uit.WriteLine($"  Contact: {h.Aanvrager.Naam} {h.Aanvrager.Email}");
            foreach (var s in h.StatusHistorie)
            {
                uit.WriteLine($"  {s.Op:yyyy-MM-dd HH:mm}  {s.Van ?? "-"} -> {StatusCatalogus.Weergave(s.Naar, s.Kwalificatie)}  ({s.Door})");
            }

            foreach (var b in h.Bijlagen)
            {
                uit.WriteLine($"  bijlage {b.Id}  {b.Categorie,-30} {b.Grootte,10:N0} B  {b.Bestandsnaam}");
            }

            foreach (var w in h.Waarschuwingen)
            {
                uit.WriteLine($"  waarschuwing {w.Code}: {w.Melding}");
            }

            return GatewayCli.Ok;
        }));
        return show;
    }
}

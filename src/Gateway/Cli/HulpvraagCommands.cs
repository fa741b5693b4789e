using System.CommandLine;
using System.Globalization;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Cli;

/// <summary><c>gateway hulpvraag show|list</c>: read hulpvragen; <c>list</c> takes the admin API's filters.</summary>
internal static class HulpvraagCommands
{
    public static Command Build(CliContext cli)
    {
        var hulpvraag = new Command("hulpvraag", "Hulpvragen bekijken.");
        hulpvraag.Subcommands.Add(Show(cli));
        hulpvraag.Subcommands.Add(List(cli));
        return hulpvraag;
    }

    private static Command Show(CliContext cli)
    {
        var nummer = new Argument<long>("dossiernummer") { Description = "Het dossiernummer" };
        var show = new Command("show", "Toon één hulpvraag met statusgeschiedenis en bijlagen.") { TreatUnmatchedTokensAsErrors = false };
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
                cli.Uit.WriteLine(CliContext.AlsJson(HulpvraagDto.Van(h)));
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

    private static Command List(CliContext cli)
    {
        var status = new Option<string?>("--status") { Description = "Een of meer statuscodes, gescheiden door komma's" };
        var brin = new Option<string?>("--brin") { Description = "BRIN of BRIN6 van de school" };
        var titel = new Option<string?>("--titel") { Description = "Titel, bijv. 'TLV -Nieuw'" };
        var bron = new Option<string?>("--bron") { Description = "parnassys of esis" };
        var vanaf = new Option<string?>("--ontvangen-vanaf") { Description = "Ontvangen op of na (bijv. 2026-11-01)" };
        var tot = new Option<string?>("--ontvangen-tot") { Description = "Ontvangen voor (bijv. 2026-12-01)" };
        var pagina = new Option<string?>("--pagina") { Description = "Pagina (standaard 1)" };
        var per = new Option<string?>("--per") { Description = "Aantal per pagina (1 tot 500, standaard 50)" };
        var list = new Command("list", "Toon hulpvragen, met dezelfde filters als de beheer-API.") { TreatUnmatchedTokensAsErrors = false };
        foreach (var optie in new Option[] { status, brin, titel, bron, vanaf, tot, pagina, per })
        {
            list.Options.Add(optie);
        }

        list.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            // The admin API's own filter reading: the same values are understood or refused the same way.
            var selectie = Zoekvragen.Hulpvragen(pr.GetValue(status), pr.GetValue(brin), pr.GetValue(titel), pr.GetValue(bron),
                pr.GetValue(vanaf), pr.GetValue(tot), pr.GetValue(pagina), pr.GetValue(per));
            if (!selectie.IsSuccess)
            {
                return cli.Weiger(pr, selectie.Fouten);
            }

            var r = await sp.GetRequiredService<BeheerOverzichten>().HulpvragenAsync(selectie.Value!, CliContext.HuidigeActor, token);
            return cli.Toon(pr, r, pag => CliTabel.Tekst(
                ["DOSSIER", "BRON", "BRIN6", "TITEL", "STATUS", "ONTVANGEN", "AANVRAGER"],
                pag.Items.Select(h => new[]
                {
                    h.Dossiernummer.ToString(CultureInfo.InvariantCulture), h.Systeem, h.Brin + h.Vestiging, h.Titel,
                    StatusCatalogus.Weergave(h.StatusCode, h.StatusKwalificatie), h.OntvangenOp.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    h.AanvragerNaam,
                }),
                "Geen hulpvragen die aan de filters voldoen.") + Environment.NewLine + $"{pag.Totaal} gevonden (pagina {pag.Pagina}, {pag.Per} per pagina).");
        }));
        return list;
    }
}

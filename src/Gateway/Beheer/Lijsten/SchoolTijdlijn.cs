using Hulpvraag.Gateway.Limieten;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Beheer.Lijsten;

/// <summary>One event in a school's diagnose timeline.</summary>
/// <param name="Ernst"><c>ok</c>, <c>fout</c> or <c>info</c> (shown as text and colour, never colour alone).</param>
public sealed record TijdlijnRegel(DateTimeOffset Op, string Soort, string Ernst, string Tekst, long? Dossiernummer);

/// <summary>
/// The answer to "is mijn hulpvraag aangekomen?" and "mijn koppeling werkt niet": everything from and to the school
/// in one list, newest first: failed verification-code attempts (which check, the address shortened to /24), receipts (accepted or refused with code and text), OSO notificaties and pulls, callbacks, e-mails to the contact.
/// </summary>
public static class SchoolTijdlijn
{
    public static IReadOnlyList<TijdlijnRegel> Bouw(
        IEnumerable<MisluktePoging> pogingen, IEnumerable<OntvangstOverzicht> ontvangsten, IEnumerable<NotificatieOverzicht> notificaties, IEnumerable<CallbackOverzicht> callbacks,
        IEnumerable<EmailOverzicht> emails)
    {
        var regels = new List<TijdlijnRegel>();
        regels.AddRange(pogingen.Select(p => new TijdlijnRegel(p.Op, "Verificatiecode Esis", "fout",
            $"Mislukte poging: {p.Reden}, vanaf {p.Adres}{(p.Vestiging is null ? "" : $" (vestiging {p.Vestiging})")}", null)));
        regels.AddRange(ontvangsten.Select(o => o.Uitkomst == "geweigerd"
            ? new TijdlijnRegel(o.Op, $"Ontvangst {o.Systeem}", "fout",
                $"Geweigerd: {o.Foutcode} – {o.Melding}{(o.Referentie is null ? "" : $" (referentie {o.Referentie})")}", o.Dossiernummer)
            : new TijdlijnRegel(o.Op, $"Ontvangst {o.Systeem}", "ok",
                $"{Hoofdletter(o.Uitkomst)}: referentie {o.Referentie}{(o.Vestiging is null ? "" : $", vestiging {o.Vestiging}")}", o.Dossiernummer)));
        regels.AddRange(notificaties.Select(n => new TijdlijnRegel(n.OntvangenOp, "OSO-notificatie",
            n.Toestand is "mislukt" or "geweigerd" ? "fout" : n.Toestand == "afgerond" ? "ok" : "info",
            $"{Hoofdletter(n.Toestand)} na {n.Pogingen} poging(en), koppelsleutel {n.Koppelsleutel}{(n.LaatsteFout is null ? "" : $" – {n.LaatsteFout}")}",
            n.Dossiernummer)));
        regels.AddRange(callbacks.Select(c => new TijdlijnRegel(c.AangemaaktOp, $"Callback naar {c.Systeem}",
            c.Toestand == "dood" ? "fout" : c.Toestand == "afgeleverd" ? "ok" : "info",
            $"{c.Soort}{(c.StatusCode is null ? "" : $" ({Weergave.Status(c.StatusCode)})")}: {c.Toestand}, {c.Pogingen} poging(en)"
            + (c.LaatsteFout is null ? "" : $" – {c.LaatsteFout}"),
            c.Dossiernummer)));
        regels.AddRange(emails.Select(e => new TijdlijnRegel(e.AangemaaktOp, "E-mail aan de contactpersoon", EmailErnst(e.Toestand),
            EmailTekst(e), e.Dossiernummer)));
        return regels.OrderByDescending(r => r.Op).Take(500).ToList();
    }

    /// <summary>The same words on the Hulpvraag page and in the timeline; the address itself is never shown here.</summary>
    public static string EmailTekst(EmailOverzicht e) =>
        $"{Weergave.Status(e.StatusCode)}: {e.Toestand}{(e.AfgeleverdOp is { } a ? $" {Weergave.Tijd(a)}" : "")}, {e.Pogingen} poging(en)"
        + (e.LaatsteFout is null ? "" : $" – {e.LaatsteFout}");

    public static string EmailErnst(string toestand) => toestand switch
    {
        "afgeleverd" => "ok",
        "dood" or "mislukt" => "fout",
        _ => "info",
    };

    private static string Hoofdletter(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

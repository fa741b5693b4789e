using System.Globalization;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Core.Titels;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Application;

/// <summary>A school as the helpdesk names it: a BRIN (all locations) or a BRIN6 (one location).</summary>
public sealed record SchoolSelectie(string Brin, string? Vestiging)
{
    public override string ToString() => Brin + Vestiging;
}

public sealed record HulpvraagSelectie(HulpvraagFilter Filter, int Pagina, int Per);

public sealed record CallbackSelectie(string? Toestand, string? Systeem, string? Brin);

public sealed record NotificatieSelectie(string? Toestand, string? Brin);

public sealed record EmailSelectie(string? Toestand, SchoolSelectie? School);

public sealed record DiagnoseSelectie(SchoolSelectie School, DateTimeOffset? Vanaf);

/// <summary>
/// The filters of the admin API, the CLI (<c>hulpvraag list</c>, <c>diagnose</c>) and the helpdesk pages, read from the
/// text a person typed. Every value is either understood or refused with a coded error naming the parameter and the
/// value: an unknown status, source or title never silently selects nothing.
/// </summary>
public static class Zoekvragen
{
    public const int MaxPer = 500;
    public const int StandaardPer = 50;

    public static Result<HulpvraagSelectie> Hulpvragen(
        string? status, string? brin, string? titel, string? bron, string? ontvangenVanaf, string? ontvangenTot, string? pagina = null, string? per = null)
    {
        var fouten = new List<Fout>();
        var statussen = new List<string>();
        foreach (var s in (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var code = s.ToLowerInvariant();
            if (StatusCatalogus.ZoekOpCode(code) is null)
            {
                fouten.Add(Weigeringen.VeldOngeldig("status",
                    $"Onbekende status '{Kort(s)}'. Kies uit: {string.Join(", ", StatusCatalogus.Alle.Select(x => x.Code))}."));
            }
            else
            {
                statussen.Add(code);
            }
        }

        var school = Leeg(brin) is null ? null : School(brin, "brin", fouten);
        var titelCode = Leeg(titel) is null ? null : Titel(titel!, fouten);
        var systeem = Leeg(bron) is null ? null : Bron(bron!, fouten);
        var vanaf = Moment(ontvangenVanaf, "ontvangenVanaf", fouten);
        var tot = Moment(ontvangenTot, "ontvangenTot", fouten);
        if (vanaf is not null && tot is not null && tot <= vanaf)
        {
            fouten.Add(Weigeringen.VeldOngeldig("ontvangenTot", "'ontvangenTot' moet na 'ontvangenVanaf' liggen."));
        }

        var p = Getal(pagina, "pagina", 1, 1, int.MaxValue / MaxPer, fouten);
        var n = Getal(per, "per", StandaardPer, 1, MaxPer, fouten);
        return fouten.Count > 0
            ? Result<HulpvraagSelectie>.Fail(fouten)
            : Result<HulpvraagSelectie>.Ok(new HulpvraagSelectie(
                new HulpvraagFilter(statussen, school?.Brin, titelCode, systeem, vanaf, tot) { Vestiging = school?.Vestiging }, p, n));
    }

    /// <summary><paramref name="bestemming"/>: a source system (<c>esis</c>, <c>parnassys</c>) or one school's system as the dispatcher names it (<c>esis:12AB</c>).</summary>
    public static Result<CallbackSelectie> Callbacks(string? toestand, string? bestemming)
    {
        var fouten = new List<Fout>();
        var t = Keuze(toestand, "toestand", [AfleverToestanden.Wachtend, AfleverToestanden.Afgeleverd, AfleverToestanden.Dood], fouten);
        string? systeem = null;
        string? brin = null;
        if (Leeg(bestemming) is { } b)
        {
            var delen = b.Split(':', 2, StringSplitOptions.TrimEntries);
            systeem = Bron(delen[0], fouten, "bestemming");
            if (delen.Length == 2)
            {
                brin = delen[1].ToUpperInvariant();
                if (!AanvraagValidatie.IsBrin(brin))
                {
                    fouten.Add(Weigeringen.VeldOngeldig("bestemming", $"Onbekende bestemming '{Kort(b)}'. Gebruik esis, parnassys of bijvoorbeeld esis:12AB."));
                }
            }
        }

        return fouten.Count > 0 ? Result<CallbackSelectie>.Fail(fouten) : Result<CallbackSelectie>.Ok(new CallbackSelectie(t, systeem, brin));
    }

    public static Result<NotificatieSelectie> Notificaties(string? toestand, string? brin)
    {
        var fouten = new List<Fout>();
        var t = Keuze(toestand, "toestand",
            [NotificatieToestanden.Wachtend, NotificatieToestanden.Opgehaald, NotificatieToestanden.Mislukt, NotificatieToestanden.Geweigerd], fouten);
        var school = Leeg(brin) is null ? null : School(brin, "brin", fouten, alleenBrin: true);
        return fouten.Count > 0 ? Result<NotificatieSelectie>.Fail(fouten) : Result<NotificatieSelectie>.Ok(new NotificatieSelectie(t, school?.Brin));
    }

    /// <summary>The helpdesk's list of e-mails: a state (wachtend, afgeleverd, dood, overgeslagen) and/or a BRIN or BRIN6.</summary>
    public static Result<EmailSelectie> Emails(string? toestand, string? brin)
    {
        var fouten = new List<Fout>();
        var t = Keuze(toestand, "toestand",
            [AfleverToestanden.Wachtend, AfleverToestanden.Afgeleverd, AfleverToestanden.Dood, AfleverToestanden.Overgeslagen], fouten);
        var school = Leeg(brin) is null ? null : School(brin, "brin", fouten);
        return fouten.Count > 0 ? Result<EmailSelectie>.Fail(fouten) : Result<EmailSelectie>.Ok(new EmailSelectie(t, school));
    }

    /// <summary>"Is mijn hulpvraag aangekomen?": a BRIN or BRIN6 is required; anything else is refused, never answered with "niets ontvangen".</summary>
    public static Result<DiagnoseSelectie> Diagnose(string? brin, string? vanaf)
    {
        var fouten = new List<Fout>();
        if (Leeg(brin) is null)
        {
            return Weigeringen.VeldOntbreekt("brin", "Geef het BRIN-nummer (12AB) of BRIN6 (12AB00) van de school, bijvoorbeeld ?brin=12AB.");
        }

        var school = School(brin, "brin", fouten);
        var v = Moment(vanaf, "vanaf", fouten);
        return fouten.Count > 0 ? Result<DiagnoseSelectie>.Fail(fouten) : Result<DiagnoseSelectie>.Ok(new DiagnoseSelectie(school!, v));
    }

    /// <summary>A point in time as ISO 8601 (<c>2026-12-01</c> or <c>2026-12-01T08:00:00+01:00</c>); a date alone is midnight UTC.</summary>
    public static DateTimeOffset? Moment(string? waarde, string veld, List<Fout> fouten)
    {
        if (Leeg(waarde) is not { } w)
        {
            return null;
        }

        // ISO 8601 only: "gisteren" or "1-12-2026" (which a culture might read either way) are refused, not guessed.
        if (w.Length >= 10 && char.IsAsciiDigit(w[0]) && w[4] == '-' && w[7] == '-'
            && DateTimeOffset.TryParse(w, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            return moment;
        }

        fouten.Add(Weigeringen.VeldOngeldig(veld,
            $"'{veld}' is geen datum of tijdstip: '{Kort(w)}'. Gebruik ISO 8601, bijvoorbeeld 2026-12-01 of 2026-12-01T08:00:00+01:00."));
        return null;
    }

    public static SchoolSelectie? School(string? waarde, string veld, List<Fout> fouten, bool alleenBrin = false)
    {
        var w = (waarde ?? "").Trim().ToUpperInvariant();
        if (AanvraagValidatie.IsBrin(w))
        {
            return new SchoolSelectie(w, null);
        }

        if (!alleenBrin && w.Length == 6 && AanvraagValidatie.IsBrin(w[..4]) && AanvraagValidatie.IsVestiging(w[4..]))
        {
            return new SchoolSelectie(w[..4], w[4..]);
        }

        fouten.Add(Weigeringen.VeldOngeldig(veld, alleenBrin
            ? $"'{Kort(waarde ?? "")}' is geen BRIN-nummer. Gebruik twee cijfers en twee hoofdletters, bijvoorbeeld 12AB."
            : $"'{Kort(waarde ?? "")}' is geen BRIN of BRIN6. Gebruik bijvoorbeeld 12AB (alle vestigingen) of 12AB00 (één vestiging)."));
        return null;
    }

    /// <summary>A title by its code (<c>tlv-nieuw</c>) or its display text with the intake's normalisation (<c>TLV -Nieuw</c>, <c>tlv – nieuw</c>).</summary>
    private static string? Titel(string waarde, List<Fout> fouten)
    {
        if (TitelCatalogus.ZoekOpCode(waarde.Trim().ToLowerInvariant()) is { } perCode)
        {
            return perCode.Code;
        }

        var match = TitelCatalogus.Zoek(waarde);
        if (match.IsGevonden)
        {
            return match.Gevonden!.Code;
        }

        fouten.Add(TitelCatalogus.ToFout(match, "titel"));
        return null;
    }

    private static string? Bron(string waarde, List<Fout> fouten, string veld = "bron")
    {
        var w = waarde.Trim().ToLowerInvariant();
        if (w is BronSystemen.Esis or BronSystemen.ParnasSys)
        {
            return w;
        }

        fouten.Add(Weigeringen.VeldOngeldig(veld, $"Onbekende {(veld == "bron" ? "bron" : "bestemming")} '{Kort(waarde)}'. Kies uit: {BronSystemen.Esis}, {BronSystemen.ParnasSys}."));
        return null;
    }

    private static string? Keuze(string? waarde, string veld, string[] toegestaan, List<Fout> fouten)
    {
        if (Leeg(waarde) is not { } w)
        {
            return null;
        }

        var l = w.ToLowerInvariant();
        if (toegestaan.Contains(l))
        {
            return l;
        }

        fouten.Add(Weigeringen.VeldOngeldig(veld, $"Onbekende {veld} '{Kort(w)}'. Kies uit: {string.Join(", ", toegestaan)}."));
        return null;
    }

    public static int Getal(string? waarde, string veld, int standaard, int min, int max, List<Fout> fouten)
    {
        if (Leeg(waarde) is not { } w)
        {
            return standaard;
        }

        if (int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        fouten.Add(Weigeringen.VeldOngeldig(veld, $"'{veld}' moet een geheel getal van {min} tot en met {max} zijn, niet '{Kort(w)}'."));
        return standaard;
    }

    private static string? Leeg(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>An echoed value stays short and printable: the refusal names it without carrying a hostile payload along.</summary>
    internal static string Kort(string waarde)
    {
        var schoon = new string([.. waarde.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
        return waarde.Length <= 40 ? schoon : schoon + "…";
    }
}

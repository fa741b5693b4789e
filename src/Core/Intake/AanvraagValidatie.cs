using System.Globalization;
using System.Text.RegularExpressions;
using Hulpvraag.Core.Adressen;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Titels;
using Hulpvraag.Core.Velden;

namespace Hulpvraag.Core.Intake;

/// <summary>A request that passed every rule: canonical values plus the warnings to store with it.</summary>
public sealed record GevalideerdeAanvraag(
    Bron Bron,
    string Samenwerkingsverband,
    Titel Titel,
    string TitelOrigineel,
    string Omschrijving,
    string Niveau,
    Leerling? Leerling,
    Aanvrager Aanvrager,
    IReadOnlyList<GevalideerdeBijlage> Bijlagen,
    IReadOnlyList<Waarschuwing> Waarschuwingen);

public sealed record GevalideerdeBijlage(OntvangenBijlage Ontvangen, string Categorie, string ContentType);

/// <summary>
/// The canonical validation rules. It reports every broken field rule at once so a school fixes its request in one go;
/// only a wrong destination short-circuits, because such a request is not ours to judge.
/// </summary>
public static partial class AanvraagValidatie
{
    public const int MaxOmschrijving = VeldRegels.MaxOmschrijving;
    public const int MaxReferentie = VeldRegels.MaxReferentie;

    [GeneratedRegex("^[0-9]{2}[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex BrinPatroon();

    [GeneratedRegex("^[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex VestigingPatroon();

    public static bool IsBrin(string? waarde) => waarde is not null && BrinPatroon().IsMatch(waarde);

    public static bool IsVestiging(string? waarde) => waarde is not null && VestigingPatroon().IsMatch(waarde);

    /// <param name="vandaag">The gateway's date, for the plausibility of a birth date.</param>
    public static Result<GevalideerdeAanvraag> Valideer(AanvraagInvoer invoer, string samenwerkingsverbandCode, DateOnly vandaag)
    {
        var swv = Leeg(invoer.Samenwerkingsverband) ? null : invoer.Samenwerkingsverband!.Trim();
        if (swv is null)
        {
            return Fout(FoutCodes.VerplichtVeldOntbreekt, invoer.Veld("samenwerkingsverband"),
                $"Kies als bestemming {samenwerkingsverbandCode}.");
        }

        if (!string.Equals(swv, samenwerkingsverbandCode, StringComparison.OrdinalIgnoreCase))
        {
            return Fout(FoutCodes.BestemmingOnjuist, invoer.Veld("samenwerkingsverband"),
                $"Deze aanvraag is gericht aan '{Kort(swv)}', maar deze koppeling ontvangt alleen aanvragen voor {samenwerkingsverbandCode}. Kies het juiste samenwerkingsverband als bestemming.");
        }

        var fouten = new List<Fout>();
        var waarschuwingen = new List<Waarschuwing>(invoer.AdapterWaarschuwingen);

        if (Leeg(invoer.Referentie))
        {
            fouten.Add(Fout(FoutCodes.VeldOngeldig, invoer.Veld("referentie"), "Het kenmerk van de aanvraag ontbreekt."));
        }
        else
        {
            VeldRegels.Controleer(fouten, invoer.Referentie, invoer.Veld("referentie"), MaxReferentie);
        }

        InvoerVelden.Controleer(invoer, fouten);

        var brin = invoer.Brin?.Trim().ToUpperInvariant();
        if (Leeg(brin))
        {
            fouten.Add(Fout(FoutCodes.VerplichtVeldOntbreekt, invoer.Veld("brin"), "Het BRIN-nummer van de school ontbreekt."));
        }
        else if (!IsBrin(brin))
        {
            fouten.Add(Fout(FoutCodes.VeldOngeldig, invoer.Veld("brin"), "Het BRIN-nummer moet bestaan uit twee cijfers en twee hoofdletters, bijvoorbeeld 12AB."));
        }

        var vestiging = invoer.Vestiging?.Trim();
        if (Leeg(vestiging))
        {
            fouten.Add(Fout(FoutCodes.VerplichtVeldOntbreekt, invoer.Veld("vestiging"), "Het vestigingsnummer van de school ontbreekt."));
        }
        else if (!IsVestiging(vestiging))
        {
            fouten.Add(Fout(FoutCodes.VeldOngeldig, invoer.Veld("vestiging"), "Het vestigingsnummer moet uit twee cijfers bestaan, bijvoorbeeld 00."));
        }

        Titel? titel = null;
        if (Leeg(invoer.Titel))
        {
            fouten.Add(Fout(FoutCodes.VerplichtVeldOntbreekt, invoer.Veld("titel"), "De titel (korte omschrijving) van de aanvraag ontbreekt. Kies een titel uit de lijst van het samenwerkingsverband."));
        }
        else if (VeldRegels.Tekst(invoer.Titel, invoer.Veld("titel"), VeldRegels.MaxTitel) is { } titelFout)
        {
            fouten.Add(titelFout);
        }
        else
        {
            var match = TitelCatalogus.Zoek(invoer.Titel);
            titel = match.Gevonden;
            if (titel is null)
            {
                fouten.Add(TitelCatalogus.ToFout(match, invoer.Veld("titel")));
            }
        }

        var omschrijving = invoer.Omschrijving?.Trim();
        if (Leeg(omschrijving))
        {
            fouten.Add(Fout(FoutCodes.VerplichtVeldOntbreekt, invoer.Veld("omschrijving"), "Beschrijf kort de hulpvraag (zorgvraag)."));
        }
        else if (omschrijving!.Length > MaxOmschrijving)
        {
            fouten.Add(Fout(FoutCodes.VeldOngeldig, invoer.Veld("omschrijving"), $"De omschrijving is {omschrijving.Length} tekens; maximaal {MaxOmschrijving} tekens zijn toegestaan. Zet een uitgebreide toelichting in een bijlage.") with { Regel = VeldRegels.RegelMaxLengte });
        }
        else
        {
            VeldRegels.Controleer(fouten, omschrijving, invoer.Veld("omschrijving"), MaxOmschrijving, meerdereRegels: true);
        }

        var niveau = Leeg(invoer.Niveau) ? Niveaus.Leerling : invoer.Niveau!.Trim().ToLowerInvariant();
        if (niveau is not (Niveaus.Leerling or Niveaus.School))
        {
            fouten.Add(Fout(FoutCodes.VeldOngeldig, invoer.Veld("niveau"), "Het niveau moet 'leerling' of 'school' zijn."));
        }

        var leerling = niveau == Niveaus.Leerling ? ValideerLeerling(invoer, fouten, vandaag) : null;
        var aanvrager = ValideerAanvrager(invoer, fouten);
        var bijlagen = invoer.Bijlagen.Count > VeldRegels.MaxBijlagenPerAanvraag
            ? Geweigerd(fouten, VeldRegels.TeVeelBijlagenInAanvraag(invoer.Veld("bijlagen"), invoer.Bijlagen.Count))
            : ValideerBijlagen(invoer.Bijlagen, fouten, waarschuwingen);

        if (fouten.Count > 0)
        {
            return Result<GevalideerdeAanvraag>.Fail(fouten);
        }

        var bron = new Bron(invoer.Systeem, invoer.Referentie, brin!, vestiging!, invoer.Koppelsleutel);
        return Result<GevalideerdeAanvraag>.Ok(new GevalideerdeAanvraag(
            bron, samenwerkingsverbandCode, titel!, invoer.Titel!.Trim(), omschrijving!, niveau, leerling, aanvrager!,
            bijlagen, waarschuwingen));
    }

    private static Leerling? ValideerLeerling(AanvraagInvoer invoer, List<Fout> fouten, DateOnly vandaag)
    {
        var l = invoer.Leerling;
        if (l is null)
        {
            fouten.Add(Fout(FoutCodes.VerplichtVeldOntbreekt, invoer.Veld("leerling"), "Bij een hulpvraag voor een leerling zijn de leerlinggegevens verplicht. Kies niveau 'school' voor een aanvraag zonder leerling."));
            return null;
        }

        if (Leeg(l.Achternaam))
        {
            fouten.Add(Fout(FoutCodes.VerplichtVeldOntbreekt, invoer.Veld("leerling.achternaam"), "De achternaam van de leerling ontbreekt."));
        }

        DateOnly? geboortedatum = null;
        if (Leeg(l.Geboortedatum))
        {
            fouten.Add(Fout(FoutCodes.VerplichtVeldOntbreekt, invoer.Veld("leerling.geboortedatum"), "De geboortedatum van de leerling ontbreekt."));
        }
        else if (DateOnly.TryParseExact(l.Geboortedatum!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            if (VeldRegels.Geboortedatum(d, vandaag, invoer.Veld("leerling.geboortedatum")) is { } datumFout)
            {
                fouten.Add(datumFout);
            }

            geboortedatum = d;
        }
        else
        {
            fouten.Add(Fout(FoutCodes.VeldOngeldig, invoer.Veld("leerling.geboortedatum"), "De geboortedatum van de leerling moet de vorm JJJJ-MM-DD hebben, bijvoorbeeld 2017-03-17."));
        }

        return new Leerling(Schoon(l.LeerlingId), Schoon(l.Roepnaam), Schoon(l.Voornamen), Schoon(l.Tussenvoegsel),
            l.Achternaam?.Trim() ?? "", geboortedatum, Schoon(l.Geslacht), Schoon(l.Groep));
    }

    private static Aanvrager? ValideerAanvrager(AanvraagInvoer invoer, List<Fout> fouten)
    {
        var a = invoer.Aanvrager;
        if (a is null || Leeg(a.Naam))
        {
            fouten.Add(Fout(FoutCodes.VerplichtVeldOntbreekt, invoer.Veld("aanvrager.naam"), "De naam van de contactpersoon op school ontbreekt."));
            return null;
        }

        if (!Leeg(a.Email) && !EmailAdres.IsGeldig(a.Email!.Trim()))
        {
            fouten.Add(Fout(FoutCodes.VeldOngeldig, invoer.Veld("aanvrager.email"), "Het e-mailadres van de contactpersoon is ongeldig."));
        }

        return new Aanvrager(a.Naam!.Trim(), Schoon(a.Email), Schoon(a.Telefoon), Schoon(a.Functie));
    }

    private static List<GevalideerdeBijlage> ValideerBijlagen(
        IReadOnlyList<OntvangenBijlage> bijlagen, List<Fout> fouten, List<Waarschuwing> waarschuwingen)
    {
        var resultaat = new List<GevalideerdeBijlage>(bijlagen.Count);
        foreach (var b in bijlagen)
        {
            var gevalideerd = ValideerBijlage(b, fouten, waarschuwingen);
            if (gevalideerd is not null)
            {
                resultaat.Add(gevalideerd);
            }
        }

        return resultaat;
    }

    /// <summary>Checks one staged attachment: name, category, size and the type its content really has.</summary>
    public static GevalideerdeBijlage? ValideerBijlage(OntvangenBijlage b, List<Fout> fouten, List<Waarschuwing> waarschuwingen)
    {
        if (Leeg(b.Bestandsnaam))
        {
            fouten.Add(Fout(FoutCodes.VerplichtVeldOntbreekt, b.Veld + ".bestandsnaam", "De bestandsnaam van een bijlage ontbreekt."));
            return null;
        }

        var veldFouten = fouten.Count;
        VeldRegels.Controleer(fouten, b.Bestandsnaam, b.Veld + ".bestandsnaam", VeldRegels.MaxBestandsnaam);
        VeldRegels.Controleer(fouten, b.Omschrijving, b.Veld + ".omschrijving", VeldRegels.MaxBijlageOmschrijving, meerdereRegels: true);
        VeldRegels.Controleer(fouten, b.Categorie, b.Veld + ".categorie", VeldRegels.MaxCategorie);
        VeldRegels.Controleer(fouten, b.OpgegevenContentType, b.Veld + ".contentType", VeldRegels.MaxCategorie * 2);
        if (fouten.Count > veldFouten)
        {
            return null;
        }

        var categorie = Leeg(b.Categorie) ? BijlageCategorieen.Overig : b.Categorie!.Trim().ToLowerInvariant();
        if (!BijlageCategorieen.IsGeldig(categorie))
        {
            fouten.Add(Fout(FoutCodes.VeldOngeldig, b.Veld + ".categorie",
                $"De categorie van bijlage '{Kort(b.Bestandsnaam)}' is onbekend. Kies uit: {string.Join(", ", BijlageCategorieen.Alle)}."));
            return null;
        }

        if (b.Grootte > BijlageRegels.MaxGrootte)
        {
            fouten.Add(BijlageRegels.TeGroot(b.Bestandsnaam, b.Veld));
            return null;
        }

        if (b.Grootte == 0)
        {
            fouten.Add(BijlageRegels.Onleesbaar(b.Bestandsnaam, b.Veld, "het bestand is leeg"));
            return null;
        }

        BijlageSoort? soort;
        using (var inhoud = b.Inhoud.OpenRead())
        {
            soort = BijlageTypeHerkenning.Herken(inhoud);
        }

        var typeFout = BijlageRegels.ControleerType(b.Bestandsnaam, b.OpgegevenContentType, soort, b.Veld);
        if (typeFout is not null)
        {
            fouten.Add(typeFout);
            return null;
        }

        if (BestandsnaamRegels.IsNietBeschrijvend(b.Bestandsnaam))
        {
            waarschuwingen.Add(BestandsnaamRegels.Waarschuwing(b.Bestandsnaam));
        }

        return new GevalideerdeBijlage(b, categorie, BijlageRegels.ContentType(soort!.Value));
    }

    private static Fout Fout(string code, string veld, string melding) => new(code, veld, melding);

    private static List<GevalideerdeBijlage> Geweigerd(List<Fout> fouten, Fout fout)
    {
        fouten.Add(fout);
        return [];
    }

    private static bool Leeg(string? waarde) => string.IsNullOrWhiteSpace(waarde);

    private static string? Schoon(string? waarde) => Leeg(waarde) ? null : waarde!.Trim();

    /// <summary>Echo received text only shortened, so an error never carries a whole payload back.</summary>
    internal static string Kort(string waarde) => waarde.Length <= 60 ? waarde : waarde[..57] + "...";
}

using System.Globalization;
using System.Text.RegularExpressions;
using Hulpvraag.Core.Adressen;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Titels;

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
    public const int MaxOmschrijving = 4000;
    public const int MaxReferentie = 64;

    [GeneratedRegex("^[0-9]{2}[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex BrinPatroon();

    [GeneratedRegex("^[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex VestigingPatroon();

    public static bool IsBrin(string? waarde) => waarde is not null && BrinPatroon().IsMatch(waarde);

    public static bool IsVestiging(string? waarde) => waarde is not null && VestigingPatroon().IsMatch(waarde);

    public static Result<GevalideerdeAanvraag> Valideer(AanvraagInvoer invoer, string samenwerkingsverbandCode)
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

        if (Leeg(invoer.Referentie) || invoer.Referentie.Length > MaxReferentie)
        {
            fouten.Add(Fout(FoutCodes.VeldOngeldig, invoer.Veld("referentie"), "Het kenmerk van de aanvraag ontbreekt of is te lang (maximaal 64 tekens)."));
        }

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
            fouten.Add(Fout(FoutCodes.VeldOngeldig, invoer.Veld("omschrijving"), $"De omschrijving is {omschrijving.Length} tekens; maximaal {MaxOmschrijving} tekens zijn toegestaan. Zet een uitgebreide toelichting in een bijlage."));
        }

        var niveau = Leeg(invoer.Niveau) ? Niveaus.Leerling : invoer.Niveau!.Trim().ToLowerInvariant();
        if (niveau is not (Niveaus.Leerling or Niveaus.School))
        {
            fouten.Add(Fout(FoutCodes.VeldOngeldig, invoer.Veld("niveau"), "Het niveau moet 'leerling' of 'school' zijn."));
        }

        var leerling = niveau == Niveaus.Leerling ? ValideerLeerling(invoer, fouten) : null;
        var aanvrager = ValideerAanvrager(invoer, fouten);
        var bijlagen = ValideerBijlagen(invoer.Bijlagen, fouten, waarschuwingen);

        if (fouten.Count > 0)
        {
            return Result<GevalideerdeAanvraag>.Fail(fouten);
        }

        var bron = new Bron(invoer.Systeem, invoer.Referentie, brin!, vestiging!, invoer.Koppelsleutel);
        return Result<GevalideerdeAanvraag>.Ok(new GevalideerdeAanvraag(
            bron, samenwerkingsverbandCode, titel!, invoer.Titel!.Trim(), omschrijving!, niveau, leerling, aanvrager!,
            bijlagen, waarschuwingen));
    }

    private static Leerling? ValideerLeerling(AanvraagInvoer invoer, List<Fout> fouten)
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

    private static bool Leeg(string? waarde) => string.IsNullOrWhiteSpace(waarde);

    private static string? Schoon(string? waarde) => Leeg(waarde) ? null : waarde!.Trim();

    /// <summary>Echo received text only shortened, so an error never carries a whole payload back.</summary>
    internal static string Kort(string waarde) => waarde.Length <= 60 ? waarde : waarde[..57] + "...";
}

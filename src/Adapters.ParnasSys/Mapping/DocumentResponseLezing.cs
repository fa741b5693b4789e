using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Adapters.ParnasSys.Mapping;

/// <summary>One pass over one <c>documentResponse</c>: the state of <see cref="OsoDossierMapper.MapAsync"/>.</summary>
/// <remarks>
/// Forward-only and in document order. The checks that decide whether the dossier is ours at all (overstap,
/// overdrachtsoort, school) run before the first attachment is staged: <c>metadata</c> and <c>huidigeschool/brincode</c>
/// precede <c>leerling</c> in the XSD's sequence, and every attachment sits inside <c>leerling</c>.
/// </remarks>
internal sealed partial class DocumentResponseLezing(
    XmlLezer lezer, IBijlageStaging staging, OsoNotificatieContext context, CancellationToken ct)
{
    private const string Swv = "swvAanvraag";
    private const string Overstap = "dossier/metadata/overstap";
    private const string Overdrachtsoort = "dossier/overdrachtsoort";
    private const string Brincode = "dossier/huidigeschool/brincode";
    private const string Vestigingscode = "dossier/huidigeschool/vestigingscode";
    private const string Voornaam = OsoNamen.Leerling + "/voornaam";

    // The XSD nests about ten deep; a hostile document must not recurse this reader into a stack overflow.
    private const int MaxDiepte = 64;

    private static readonly FrozenSet<string> DossierVelden = FrozenSet.Create(
        StringComparer.Ordinal,
        Overstap, Overdrachtsoort, Brincode, Vestigingscode,
        OsoNamen.Leerling + "/roepnaam", OsoNamen.Leerling + "/voorvoegsel", OsoNamen.Leerling + "/achternaam",
        OsoNamen.Leerling + "/geboortedatum", OsoNamen.Leerling + "/geslacht", OsoNamen.Leerling + "/leerlingid");

    private static readonly FrozenSet<string> SwvVelden = FrozenSet.Create(
        StringComparer.Ordinal,
        "samenwerkingsverband", "aanvraagtype", "omschrijving", "lasHulpvraagId", "niveau", "ingediendOp");

    private static readonly FrozenSet<string> AanvragerVelden = FrozenSet.Create(
        StringComparer.Ordinal, "naam", "functie", "email", "telefoon");

    private readonly XmlReader _reader = lezer.Reader;
    private readonly ZipUitpakker _uitpakker = new(staging);
    private readonly List<GestagedeBijlage> _gestaged = [];
    private readonly List<OntvangenBijlage> _bijlagen = [];
    private readonly List<Fout> _fouten = [];
    private readonly Dictionary<string, string?> _velden = new(StringComparer.Ordinal);
    private readonly List<string> _voornamen = [];
    private readonly SortedSet<string> _persoonsnummers = new(StringComparer.Ordinal);
    private bool _swvGezien;
    private bool _aanvragerGezien;
    private bool _dossierGezien;
    private bool _leerlingGezien;
    private (string? Code, string? Tekst)? _foutmelding;

    /// <summary>A refusal that ends the pass at once (the dossier is not ours to judge further).</summary>
    private Fout? _weigering;

    /// <summary>Everything staged so far; the caller removes it unless it went out in an <see cref="OsoAanvraag"/>.</summary>
    public IReadOnlyList<GestagedeBijlage> Gestaged => _gestaged;

    public async Task<Result<OsoDocumentAntwoord>> LeesAsync()
    {
        await lezer.MoveToContentAsync();
        if (!lezer.Is("documentResponse", OsoNamen.OsoNamespace))
        {
            return new Fout(FoutCodes.VeldOngeldig, "documentResponse",
                "Het antwoord van het leerlingvolgsysteem bevat geen documentResponse.");
        }

        await LeesKinderenAsync(DocumentResponseKindAsync);
        if (_weigering is not null)
        {
            return _weigering;
        }

        if (_foutmelding is { } melding)
        {
            return _swvGezien || _dossierGezien
                ? new Fout(FoutCodes.VeldOngeldig, "documentResponse",
                    "Het antwoord bevat zowel een foutmelding als een aanvraag; het is niet duidelijk wat bedoeld is.")
                : Result<OsoDocumentAntwoord>.Ok(new OsoFoutmelding(melding.Code, melding.Tekst));
        }

        if (!_swvGezien)
        {
            _fouten.Add(new Fout(FoutCodes.VerplichtVeldOntbreekt, Swv,
                "De gegevens van de aanvraag (swvAanvraag) ontbreken in het antwoord."));
        }
        else if (Leeg(Veld(Swv + "/lasHulpvraagId")))
        {
            _fouten.Add(new Fout(FoutCodes.VerplichtVeldOntbreekt, OsoNamen.VeldNamen["referentie"],
                "Het kenmerk van de hulpvraag in het leerlingvolgsysteem (lasHulpvraagId) ontbreekt."));
        }

        if (!_dossierGezien)
        {
            _fouten.Add(new Fout(FoutCodes.VerplichtVeldOntbreekt, "dossier", "Het OSO-dossier ontbreekt in het antwoord."));
        }

        return _fouten.Count > 0
            ? Result<OsoDocumentAntwoord>.Fail(_fouten)
            : Result<OsoDocumentAntwoord>.Ok(new OsoAanvraag(Invoer(), _gestaged, IngediendOp()));
    }

    /// <summary>
    /// Visits the children of the element the reader is on; <paramref name="perKind"/> consumes a child element and
    /// answers true, or answers false to have it skipped. Stops early on a <see cref="_weigering"/>.
    /// </summary>
    private async ValueTask LeesKinderenAsync(Func<ValueTask<bool>> perKind)
    {
        if (_reader.IsEmptyElement)
        {
            await lezer.ReadAsync();
            return;
        }

        var diepte = _reader.Depth;
        await lezer.ReadAsync();
        while (!(_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == diepte))
        {
            ct.ThrowIfCancellationRequested();
            if (_reader.NodeType == XmlNodeType.Element)
            {
                // After a refusal the rest is not read at all, not even skipped.
                if (!await perKind() && _weigering is null)
                {
                    await lezer.SkipAsync();
                }

                if (_weigering is not null)
                {
                    return;
                }
            }
            else if (!await lezer.ReadAsync())
            {
                throw new XmlException("The document ended inside an element.");
            }
        }

        await lezer.ReadAsync();
    }

    private async ValueTask<bool> DocumentResponseKindAsync()
    {
        if (lezer.Is(Swv, OsoNamen.GatewayNamespace))
        {
            if (_swvGezien)
            {
                _fouten.Add(Dubbel(Swv));
                return false;
            }

            _swvGezien = true;
            await LeesKinderenAsync(SwvKindAsync);
            return true;
        }

        if (lezer.Is("dossier", OsoNamen.DossierNamespace))
        {
            if (_dossierGezien)
            {
                _weigering = Dubbel("dossier");
                return false;
            }

            _dossierGezien = true;
            var dossier = new Pad(null, "dossier", 1);
            await LeesKinderenAsync(() => DossierKindAsync(dossier));
            if (_weigering is null)
            {
                // Repeated at the end for a dossier out of the XSD's order (school data after the pupil).
                _weigering = Poort();
            }

            return true;
        }

        if (lezer.Is("foutmelding", OsoNamen.OsoNamespace))
        {
            string? code = null, tekst = null;
            await LeesKinderenAsync(async () =>
            {
                if (lezer.Is("foutcode", OsoNamen.OsoNamespace))
                {
                    code = (await lezer.LeesTekstAsync(ct)).Waarde;
                    return true;
                }

                if (lezer.Is("fouttekst", OsoNamen.OsoNamespace))
                {
                    tekst = (await lezer.LeesTekstAsync(ct)).Waarde;
                    return true;
                }

                return false;
            });
            _foutmelding = (code?.Trim(), tekst?.Trim());
            return true;
        }

        return false;
    }

    private async ValueTask<bool> SwvKindAsync()
    {
        if (_reader.NamespaceURI != OsoNamen.GatewayNamespace)
        {
            return false;
        }

        var naam = _reader.LocalName;
        if (SwvVelden.Contains(naam))
        {
            await LeesVeldAsync($"{Swv}/{naam}");
            return true;
        }

        if (naam == "aanvrager")
        {
            if (_aanvragerGezien)
            {
                _fouten.Add(Dubbel(Swv + "/aanvrager"));
                return false;
            }

            _aanvragerGezien = true;
            await LeesKinderenAsync(async () =>
            {
                if (_reader.NamespaceURI != OsoNamen.GatewayNamespace || !AanvragerVelden.Contains(_reader.LocalName))
                {
                    return false;
                }

                await LeesVeldAsync($"{Swv}/aanvrager/{_reader.LocalName}");
                return true;
            });
            return true;
        }

        return false;
    }

    private async ValueTask<bool> DossierKindAsync(Pad ouder)
    {
        if (_reader.NamespaceURI != OsoNamen.DossierNamespace)
        {
            return false;
        }

        if (_reader.Depth > MaxDiepte)
        {
            _weigering = new Fout(FoutCodes.VeldOngeldig, ouder.MetIndex(),
                "Het dossier is dieper genest dan de OSO-gegevensset toestaat.");
            return false;
        }

        var pad = ouder.Kind(_reader.LocalName);
        switch (pad.Naam)
        {
            case "bsn" or "onderwijsnummer":
                // Skipped without reading its value, so no mapped field, message or warning can carry the number.
                _persoonsnummers.Add(pad.Naam);
                return false;
            case "document":
                _weigering ??= Poort();
                if (_weigering is null)
                {
                    await LeesDocumentAsync(pad);
                }

                return true;
        }

        if (pad.Sleutel == Voornaam)
        {
            var tekst = await lezer.LeesTekstAsync(ct);
            if (ControleerTekst(Voornaam, tekst) && !Leeg(tekst.Waarde))
            {
                _voornamen.Add(tekst.Waarde!.Trim());
            }

            return true;
        }

        if (DossierVelden.Contains(pad.Sleutel))
        {
            await LeesVeldAsync(pad.Sleutel);
            return true;
        }

        if (pad.Sleutel == OsoNamen.Leerling)
        {
            if (_leerlingGezien)
            {
                _weigering = Dubbel(OsoNamen.Leerling);
                return false;
            }

            _leerlingGezien = true;
            _weigering = Poort();
            if (_weigering is not null)
            {
                return false;
            }
        }

        await LeesKinderenAsync(() => DossierKindAsync(pad));
        return true;
    }

    /// <summary>
    /// Is this dossier ours to judge? Null when it is. Asked before the pupil and before every attachment (cheap, and
    /// right also for a dossier out of the XSD's order), and once more at the end.
    /// </summary>
    private Fout? Poort()
    {
        var overstap = Veld(Overstap)?.Trim();
        if (Leeg(overstap))
        {
            return new Fout(FoutCodes.VerplichtVeldOntbreekt, Overstap,
                "Het dossier vermeldt niet wat voor overstap het is (metadata/overstap). Een aanvraag bij een " +
                "PO-samenwerkingsverband moet overstap POSWV hebben.");
        }

        if (!string.Equals(overstap, OsoNamen.OverstapPoSwv, StringComparison.OrdinalIgnoreCase))
        {
            return overstap!.StartsWith("VO", StringComparison.OrdinalIgnoreCase)
                ? new Fout(FoutCodes.BestemmingOnjuist, Overstap,
                    $"Dit is een VO-dossier (overstap {Kort(overstap)}). Een VO-dossier kan niet naar een " +
                    "PO-samenwerkingsverband worden gestuurd; dit samenwerkingsverband ontvangt alleen aanvragen " +
                    "uit het primair onderwijs (overstap POSWV). Stuur de aanvraag naar het samenwerkingsverband VO.")
                : new Fout(FoutCodes.BestemmingOnjuist, Overstap,
                    $"Dit dossier (overstap {Kort(overstap)}) is geen aanvraag voor een PO-samenwerkingsverband; " +
                    "daarvoor is overstap POSWV nodig.");
        }

        var soort = Veld(Overdrachtsoort)?.Trim();
        if (Leeg(soort))
        {
            return new Fout(FoutCodes.VerplichtVeldOntbreekt, Overdrachtsoort,
                "Het dossier vermeldt de soort overdracht niet (overdrachtsoort); verwacht is swv-dossier.");
        }

        if (!string.Equals(soort, OsoNamen.OverdrachtsoortSwvDossier, StringComparison.OrdinalIgnoreCase))
        {
            return new Fout(FoutCodes.VeldOngeldig, Overdrachtsoort,
                $"Het dossier is een overdracht van de soort '{Kort(soort!)}', geen aanvraag voor het " +
                "samenwerkingsverband (swv-dossier). Verstuur de hulpvraag als aanvraag voor het samenwerkingsverband.");
        }

        // The supplier's mandate was checked for bronBrin; a dossier of another school would bypass that check.
        // SCHOOL_KOMT_NIET_OVEREEN is the code the spec has for "authenticated for one school, data of another".
        var brin = Veld(Brincode)?.Trim();
        if (!Leeg(brin) && !string.Equals(brin, context.BronBrin.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return new Fout(FoutCodes.SchoolKomtNietOvereen, Brincode,
                $"Het dossier is van school {Kort(brin!)}, maar de aanvraag is aangekondigd door school " +
                $"{Kort(context.BronBrin)}. Controleer de schoolgegevens en de koppeling in het leerlingvolgsysteem.");
        }

        return null;
    }

    private async ValueTask LeesDocumentAsync(Pad pad)
    {
        var veld = pad.MetIndex();
        string? naam = null, omschrijving = null;
        Uitpakresultaat? inhoud = null;
        await LeesKinderenAsync(async () =>
        {
            if (_reader.NamespaceURI != OsoNamen.DossierNamespace)
            {
                return false;
            }

            switch (_reader.LocalName)
            {
                case "bestandsnaam" when naam is null:
                    var n = await lezer.LeesTekstAsync(ct);
                    naam = ControleerTekst(veld + "/bestandsnaam", n) ? n.Waarde?.Trim() ?? "" : "";
                    return true;
                case "omschrijving" when omschrijving is null:
                    var o = await lezer.LeesTekstAsync(ct);
                    omschrijving = ControleerTekst(veld + "/omschrijving", o) ? o.Waarde?.Trim() ?? "" : "";
                    return true;
                case "bestandsinhoud" when inhoud is null:
                    inhoud = await StageInhoudAsync();
                    return true;
                case "bestandsnaam" or "omschrijving" or "bestandsinhoud":
                    _fouten.Add(Dubbel($"{veld}/{_reader.LocalName}"));
                    return false;
                default:
                    return false;
            }
        });

        var getoondeNaam = Leeg(naam) ? "(zonder naam)" : naam!;
        switch (inhoud)
        {
            case null:
                _fouten.Add(new Fout(FoutCodes.VerplichtVeldOntbreekt, veld + "/bestandsinhoud",
                    $"De inhoud van de bijlage '{Kort(getoondeNaam)}' ontbreekt."));
                return;
            case { TeGroot: true }:
                _fouten.Add(BijlageRegels.TeGroot(getoondeNaam, veld));
                return;
            case { Reden: { } reden }:
                _fouten.Add(BijlageRegels.Onleesbaar(getoondeNaam, veld, reden));
                return;
        }

        if (Leeg(naam))
        {
            _fouten.Add(new Fout(FoutCodes.VerplichtVeldOntbreekt, veld + "/bestandsnaam",
                "De bestandsnaam van een bijlage ontbreekt."));
            return;
        }

        var bestand = inhoud.Value.Bestand!;
        _bijlagen.Add(new OntvangenBijlage(naam!, Leeg(omschrijving) ? null : omschrijving, pad.Categorie(), null,
            bestand.Grootte, bestand.Sha256, bestand.Inhoud) { Veld = veld });
    }

    /// <summary>Stages the ZIP text of <c>bestandsinhoud</c>, unpacks its one file into staging and drops the ZIP.</summary>
    private async ValueTask<Uitpakresultaat> StageInhoudAsync()
    {
        var bron = new Base64TekstStream(lezer);
        var zip = await staging.StageAsync(bron, BijlageCodering.Base64, ZipUitpakker.MaxZipGrootte, ct);
        try
        {
            await bron.AfrondenAsync(ct);
            if (bron.BevatElementen)
            {
                return Uitpakresultaat.Onleesbaar("de inhoud bevat XML-elementen in plaats van base64-tekst");
            }

            var uitkomst = await _uitpakker.PakUitAsync(zip, ct);
            if (uitkomst.Bestand is { } bestand)
            {
                _gestaged.Add(bestand);
            }

            return uitkomst;
        }
        finally
        {
            await zip.DisposeAsync();
        }
    }

    private async ValueTask LeesVeldAsync(string pad)
    {
        var tekst = await lezer.LeesTekstAsync(ct);
        if (_velden.ContainsKey(pad))
        {
            _fouten.Add(Dubbel(pad));
            return;
        }

        _velden[pad] = ControleerTekst(pad, tekst) ? tekst.Waarde : null;
    }

    private bool ControleerTekst(string pad, ElementTekst tekst)
    {
        if (tekst.TeLang)
        {
            _fouten.Add(new Fout(FoutCodes.VeldOngeldig, pad,
                $"Het veld {pad} is langer dan {XmlLezer.MaxTekstLengte} tekens."));
        }
        else if (tekst.BevatElementen)
        {
            _fouten.Add(new Fout(FoutCodes.VeldOngeldig, pad, $"Het veld {pad} mag alleen tekst bevatten."));
        }

        return tekst.Geldig;
    }

    private AanvraagInvoer Invoer()
    {
        var leerling = new LeerlingInvoer(
            Veld(OsoNamen.Leerling + "/leerlingid"),
            Veld(OsoNamen.Leerling + "/roepnaam"),
            _voornamen.Count == 0 ? null : string.Join(' ', _voornamen),
            Veld(OsoNamen.Leerling + "/voorvoegsel"),
            Veld(OsoNamen.Leerling + "/achternaam"),
            Datum(Veld(OsoNamen.Leerling + "/geboortedatum")),
            OsoNamen.Geslacht(Veld(OsoNamen.Leerling + "/geslacht")),
            null);
        var aanvrager = _aanvragerGezien
            ? new AanvragerInvoer(
                Veld(Swv + "/aanvrager/naam"), Veld(Swv + "/aanvrager/email"), Veld(Swv + "/aanvrager/telefoon"),
                Veld(Swv + "/aanvrager/functie"))
            : null;

        return new AanvraagInvoer
        {
            Systeem = BronSystemen.ParnasSys,
            Referentie = Veld(Swv + "/lasHulpvraagId")!.Trim(),
            Brin = Veld(Brincode),
            Vestiging = Veld(Vestigingscode),
            // The koppelsleutel of the latest notificatie: terugkoppelingen refer to it, and through it to the endpoint.
            Koppelsleutel = context.Koppelsleutel,
            Samenwerkingsverband = Veld(Swv + "/samenwerkingsverband"),
            Titel = Veld(Swv + "/aanvraagtype"),
            Omschrijving = Veld(Swv + "/omschrijving"),
            Niveau = Veld(Swv + "/niveau"),
            Leerling = _leerlingGezien ? leerling : null,
            Aanvrager = aanvrager,
            Bijlagen = _bijlagen,
            AdapterWaarschuwingen = _persoonsnummers.Count == 0 ? [] : [PersoonsnummerWaarschuwing()],
            MeldOntvangstTerug = true,
            VeldNamen = OsoNamen.VeldNamen,
        };
    }

    private Waarschuwing PersoonsnummerWaarschuwing()
    {
        var wat = string.Join(" en ", _persoonsnummers.Select(p => p == "bsn" ? "het burgerservicenummer (BSN)" : "het onderwijsnummer"));
        return new Waarschuwing(WaarschuwingCodes.PersoonsnummerVerwijderd,
            $"Het dossier bevatte {wat} van de leerling. Dat is niet overgenomen: een aanvraag bij het " +
            "samenwerkingsverband mag geen BSN of onderwijsnummer bevatten.");
    }

    private DateTimeOffset? IngediendOp()
    {
        var waarde = Veld(Swv + "/ingediendOp");
        if (Leeg(waarde))
        {
            return null;
        }

        try
        {
            return XmlConvert.ToDateTimeOffset(waarde!.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>xs:date may carry a time zone ("2003-03-17+01:00"); the calendar day is what the intake expects.</summary>
    private static string? Datum(string? waarde)
    {
        var d = waarde?.Trim();
        return d is not null && DatumMetZone().IsMatch(d) ? d[..10] : d;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DatumMetZone();

    private string? Veld(string pad) => _velden.GetValueOrDefault(pad);

    private static bool Leeg(string? waarde) => string.IsNullOrWhiteSpace(waarde);

    private static Fout Dubbel(string pad) =>
        new(FoutCodes.VeldOngeldig, pad, $"Het element {pad} komt meer dan één keer voor; het mag maar één keer voorkomen.");

    /// <summary>Received text inside a message: short and printable, so a hostile value cannot flood an answer.</summary>
    private static string Kort(string waarde)
    {
        var schoon = new StringBuilder(Math.Min(waarde.Length, 41));
        foreach (var c in waarde)
        {
            if (schoon.Length == 40)
            {
                schoon.Append('…');
                break;
            }

            schoon.Append(char.IsControl(c) ? ' ' : c);
        }

        return schoon.ToString().Trim();
    }

    /// <summary>Where an element sits: the names for matching and the category, the indices for field names.</summary>
    private sealed class Pad(Pad? ouder, string naam, int index)
    {
        private Dictionary<string, int>? _kinderen;

        public string Naam { get; } = naam;

        private Pad? Ouder { get; } = ouder;

        private int Index { get; } = index;

        public string Sleutel { get; } = ouder is null ? naam : $"{ouder.Sleutel}/{naam}";

        public Pad Kind(string kind)
        {
            _kinderen ??= new Dictionary<string, int>(StringComparer.Ordinal);
            var i = _kinderen.GetValueOrDefault(kind) + 1;
            _kinderen[kind] = i;
            return new Pad(this, kind, i);
        }

        /// <summary><c>dossier/…/toetslijst/toets[2]/resultaat/document[1]</c>: a document always with its index.</summary>
        public string MetIndex()
        {
            var delen = new List<string>();
            for (var p = this; p is not null; p = p.Ouder)
            {
                delen.Add(p.Index > 1 || p.Naam == "document" ? string.Create(CultureInfo.InvariantCulture, $"{p.Naam}[{p.Index}]") : p.Naam);
            }

            delen.Reverse();
            return string.Join('/', delen);
        }

        public string Categorie()
        {
            for (var p = Ouder; p is not null; p = p.Ouder)
            {
                if (OsoNamen.CategorieVoorBlok(p.Naam) is { } categorie)
                {
                    return categorie;
                }
            }

            return BijlageCategorieen.Overig;
        }
    }
}

using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
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
            : Result<OsoDocumentAntwoord>.Ok(OsoIntakeMapper.Aanvraag(
                new GelezenAanvraag(_velden, _voornamen, _persoonsnummers, _aanvragerGezien, _leerlingGezien, _bijlagen), context, _gestaged));
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
                _voornamen.Add(tekst.Waarde.Trim());
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
            return overstap.StartsWith("VO", StringComparison.OrdinalIgnoreCase)
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
                $"Het dossier is een overdracht van de soort '{Kort(soort)}', geen aanvraag voor het " +
                "samenwerkingsverband (swv-dossier). Verstuur de hulpvraag als aanvraag voor het samenwerkingsverband.");
        }

        // The supplier's mandate was checked for bronBrin; a dossier of another school would bypass that check.
        // SCHOOL_KOMT_NIET_OVEREEN is the code the spec has for "authenticated for one school, data of another".
        var brin = Veld(Brincode)?.Trim();
        if (!Leeg(brin) && !string.Equals(brin, context.BronBrin.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return new Fout(FoutCodes.SchoolKomtNietOvereen, Brincode,
                $"Het dossier is van school {Kort(brin)}, maar de aanvraag is aangekondigd door school " +
                $"{Kort(context.BronBrin)}. Controleer de schoolgegevens en de koppeling in het leerlingvolgsysteem.");
        }

        return null;
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

    private string? Veld(string pad) => _velden.GetValueOrDefault(pad);

    private static bool Leeg([NotNullWhen(false)] string? waarde) => string.IsNullOrWhiteSpace(waarde);

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
}

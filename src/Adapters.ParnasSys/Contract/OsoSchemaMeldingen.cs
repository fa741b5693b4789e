using System.Collections.Frozen;
using System.Text;
using System.Xml;
using System.Xml.Schema;

namespace Hulpvraag.Adapters.ParnasSys.Contract;

/// <summary>
/// Dutch texts for schema errors, built from the schema itself (the expected elements, the Dutch
/// <c>xs:documentation</c> of the type) and never from the framework's message, which is English and quotes whole values.
/// </summary>
internal static class OsoSchemaMeldingen
{
    private const int MaxNaam = 64;
    private const int MaxNamespace = 100;
    private const int MaxWaarde = 40;
    private const string DossierNamespace = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    public static (string Melding, string? Pad) OnbekendBericht(XmlElement e, FrozenSet<string> berichten)
    {
        var naam = Naam(e.LocalName);
        if (berichten.Contains(e.LocalName))
        {
            return (OpVerkeerdeNamespace(e, OsoContract.OsoNamespace), naam);
        }

        return ($"'{naam}' is geen OSO-bericht dat deze gateway kent; verwacht {Lijst(berichten.Order(StringComparer.Ordinal))} in namespace '{OsoContract.OsoNamespace}'.", naam);
    }

    public static (string Melding, string? Pad) Algemeen(XmlElement e, XmlElement wortel) =>
        ($"Het element '{Naam(e.LocalName)}' voldoet niet aan het OSO-contract.", Pad(e, wortel));

    public static (string Melding, string? Pad) Maak(
        OsoSchemaFout fout, XmlElement wortel, Func<XmlElement, bool, IReadOnlyList<XmlSchemaParticle>> verwacht)
    {
        var e = fout.Element;
        var naam = Naam(e.LocalName);
        var pad = Pad(e, wortel);
        switch (fout.Plek)
        {
            case OsoSchemaPlek.Begin when !ReferenceEquals(e, wortel):
                return NietToegestaan(e, fout.OuderType, verwacht(e, false), wortel);

            case OsoSchemaPlek.Attribuut when fout.Attribuut is { } a:
                var attribuut = Naam(a.Name);
                return fout.AttribuutDeclaratie is { AttributeSchemaType: { } attribuutType }
                    ? ($"Het attribuut '{attribuut}' van '{naam}' {Waarde(a.Value, attribuutType)}.", pad + "/@" + attribuut)
                    : ($"Het attribuut '{attribuut}' is niet toegestaan bij '{naam}'.", pad + "/@" + attribuut);

            case OsoSchemaPlek.EindeAttributen when OntbrekendAttribuut(e, fout.Type) is { } ontbrekend:
                return ($"Bij '{naam}' ontbreekt het verplichte attribuut '{ontbrekend}'.", pad + "/@" + ontbrekend);

            case OsoSchemaPlek.Tekst:
                return ($"Het element '{naam}' mag geen tekst bevatten, alleen elementen.", pad);

            case OsoSchemaPlek.Einde when HeeftEenvoudigeInhoud(fout.Type):
                return ($"Het element '{naam}' {Waarde(e.InnerText, fout.Type)}.", pad);

            case OsoSchemaPlek.Einde:
                return Ontbreekt(e, pad, verwacht(e, true)) ?? Algemeen(e, wortel);

            default:
                return Algemeen(e, wortel);
        }
    }

    private static (string Melding, string? Pad) NietToegestaan(
        XmlElement e, XmlSchemaType? ouderType, IReadOnlyList<XmlSchemaParticle> verwacht, XmlElement wortel)
    {
        var naam = Naam(e.LocalName);
        var pad = Pad(e, wortel);
        var ouder = e.ParentNode as XmlElement;
        var ouderNaam = Naam(ouder?.LocalName ?? "");
        var elders = verwacht.OfType<XmlSchemaElement>()
            .FirstOrDefault(p => p.QualifiedName.Name == e.LocalName && p.QualifiedName.Namespace != e.NamespaceURI);
        if (elders is not null)
        {
            return (OpVerkeerdeNamespace(e, elders.QualifiedName.Namespace), pad);
        }

        // A known child where a required one was due: name the one that is missing or misplaced, not the one that
        // merely came next, because that is the field the sender has to fix.
        var verplicht = verwacht.OfType<XmlSchemaElement>().Where(p => p.MinOccurs > 0).ToList();
        if (ouder is not null && verplicht.Count == 1 && MagBevatten(ouderType, e))
        {
            var ontbrekend = verplicht[0].QualifiedName;
            var ouderPad = Pad(ouder, wortel) + "/" + ontbrekend.Name;
            var verderop = false;
            for (var n = e.NextSibling; n is not null && !verderop; n = n.NextSibling)
            {
                verderop = n is XmlElement z && z.LocalName == ontbrekend.Name && z.NamespaceURI == ontbrekend.Namespace;
            }

            return verderop
                ? ($"Het element '{ontbrekend.Name}' staat op de verkeerde plaats in '{ouderNaam}': het hoort vóór '{naam}'.", ouderPad)
                : ($"In '{ouderNaam}' ontbreekt het verplichte element '{ontbrekend.Name}' (vóór '{naam}').", ouderPad);
        }

        return verwacht.Count == 0
            ? ($"Het element '{naam}' hoort niet in '{ouderNaam}': daar mag na het voorgaande niets meer volgen.", pad)
            : ($"Het element '{naam}' hoort niet op deze plaats in '{ouderNaam}' (onbekend element of verkeerde volgorde); verwacht {Lijst(verwacht.Select(Deeltje))}.", pad);
    }

    /// <summary>Whether the content model of <paramref name="ouderType"/> names <paramref name="e"/> anywhere.</summary>
    private static bool MagBevatten(XmlSchemaType? ouderType, XmlElement e)
    {
        return ouderType is XmlSchemaComplexType complex && Bevat(complex.ContentTypeParticle);

        bool Bevat(XmlSchemaParticle? p) => p switch
        {
            XmlSchemaElement element => element.QualifiedName.Name == e.LocalName && element.QualifiedName.Namespace == e.NamespaceURI,
            XmlSchemaGroupBase groep => groep.Items.OfType<XmlSchemaParticle>().Any(Bevat),
            XmlSchemaGroupRef verwijzing => Bevat(verwijzing.Particle),
            _ => false,
        };
    }

    private static (string Melding, string? Pad)? Ontbreekt(XmlElement e, string pad, IReadOnlyList<XmlSchemaParticle> verwacht)
    {
        var verplicht = verwacht.Where(p => p.MinOccurs > 0).Select(Deeltje).Distinct(StringComparer.Ordinal).ToList();
        var naam = Naam(e.LocalName);
        return verplicht.Count switch
        {
            0 => null,
            1 => ($"In '{naam}' ontbreekt het verplichte element '{verplicht[0]}'.", pad + "/" + verplicht[0]),
            _ => ($"In '{naam}' ontbreekt een verplicht element: {Lijst(verplicht)}.", pad),
        };
    }

    private static string OpVerkeerdeNamespace(XmlElement e, string verwachteNamespace) =>
        $"Het element '{Naam(e.LocalName)}' staat in namespace '{Kort(e.NamespaceURI, MaxNamespace)}', maar hoort in namespace '{verwachteNamespace}'.";

    /// <summary>The rest of a sentence about an invalid value: the value itself only when it is a code, not free text.</summary>
    private static string Waarde(string waarde, XmlSchemaType type)
    {
        var verwacht = Verwachting(type);
        if (string.IsNullOrWhiteSpace(waarde))
        {
            return $"is leeg; verwacht {verwacht}";
        }

        return IsVrijeTekst(type)
            ? $"heeft een ongeldige waarde ({waarde.Length} tekens); verwacht {verwacht}"
            : $"heeft een ongeldige waarde '{Kort(waarde.Trim(), MaxWaarde)}'; verwacht {verwacht}";
    }

    /// <summary>The enumeration of the type if it has one, else its Dutch documentation.</summary>
    private static string Verwachting(XmlSchemaType type)
    {
        foreach (var t in EigenTypes(type))
        {
            var waarden = Facetten(t).OfType<XmlSchemaEnumerationFacet>().Select(f => f.Value ?? "").ToList();
            if (waarden.Count > 0)
            {
                return Lijst(waarden);
            }
        }

        foreach (var t in EigenTypes(type))
        {
            var documentatie = t.Annotation?.Items.OfType<XmlSchemaDocumentation>().FirstOrDefault()?.Markup;
            if (documentatie is { Length: > 0 })
            {
                return string.Concat(documentatie.Select(n => n?.InnerText)).Trim();
            }
        }

        return "een geldige waarde";
    }

    /// <summary>
    /// Free text (a string without pattern or enumeration) is described by its length only: it may be personal, and a
    /// fault is logged and audited. Codes, numbers and dates are short and what the sender has to correct.
    /// </summary>
    private static bool IsVrijeTekst(XmlSchemaType type)
    {
        if (type.Datatype?.TypeCode is not (XmlTypeCode.String or XmlTypeCode.NormalizedString or XmlTypeCode.Token))
        {
            return false;
        }

        return !EigenTypes(type).SelectMany(Facetten).Any(f => f is XmlSchemaPatternFacet or XmlSchemaEnumerationFacet);
    }

    /// <summary>The type and its bases up to the first built-in type (whose facets are the XSD spec's, not ours).</summary>
    private static IEnumerable<XmlSchemaType> EigenTypes(XmlSchemaType type)
    {
        for (var t = type; t is not null && t.QualifiedName.Namespace != XmlSchema.Namespace; t = t.BaseXmlSchemaType)
        {
            yield return t;
        }
    }

    private static IEnumerable<XmlSchemaFacet> Facetten(XmlSchemaType type) =>
        type is XmlSchemaSimpleType { Content: XmlSchemaSimpleTypeRestriction r } ? r.Facets.OfType<XmlSchemaFacet>() : [];

    private static bool HeeftEenvoudigeInhoud([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] XmlSchemaType? type) =>
        type is XmlSchemaSimpleType or XmlSchemaComplexType { ContentType: XmlSchemaContentType.TextOnly };

    private static string? OntbrekendAttribuut(XmlElement e, XmlSchemaType? type)
    {
        if (type is not XmlSchemaComplexType complex)
        {
            return null;
        }

        return complex.AttributeUses.Values.OfType<XmlSchemaAttribute>()
            .Where(a => a.Use == XmlSchemaUse.Required && e.GetAttributeNode(a.QualifiedName.Name, a.QualifiedName.Namespace) is null)
            .Select(a => a.QualifiedName.Name)
            .FirstOrDefault();
    }

    private static string Deeltje(XmlSchemaParticle p) => p switch
    {
        XmlSchemaElement element => element.QualifiedName.Name,
        XmlSchemaAny { Namespace: DossierNamespace } => "dossier",
        XmlSchemaAny any => $"een element uit namespace '{any.Namespace}'",
        _ => "een ander element",
    };

    private static string Lijst(IEnumerable<string> namen)
    {
        var lijst = namen.Select(n => n.StartsWith("een ", StringComparison.Ordinal) ? n : $"'{n}'").ToList();
        return lijst.Count switch
        {
            0 => "niets",
            1 => lijst[0],
            _ => string.Join(", ", lijst.Take(lijst.Count - 1)) + " of " + lijst[^1],
        };
    }

    private static string Pad(XmlElement e, XmlElement wortel)
    {
        var namen = new List<string>();
        for (XmlNode? n = e; n is XmlElement; n = n.ParentNode)
        {
            namen.Add(Naam(n.LocalName));
            if (ReferenceEquals(n, wortel))
            {
                break;
            }
        }

        namen.Reverse();
        return string.Join('/', namen);
    }

    private static string Naam(string naam) => Kort(naam, MaxNaam);

    /// <summary>At most <paramref name="max"/> characters, control characters replaced, so a melding stays one short line.</summary>
    private static string Kort(string tekst, int max)
    {
        var lengte = Math.Min(tekst.Length, max);
        if (lengte < tekst.Length && lengte > 0 && char.IsHighSurrogate(tekst[lengte - 1]))
        {
            lengte--;
        }

        var sb = new StringBuilder(lengte + 1);
        foreach (var c in tekst.AsSpan(0, lengte))
        {
            sb.Append(char.IsControl(c) ? '?' : c);
        }

        return lengte < tekst.Length ? sb.Append('…').ToString() : sb.ToString();
    }
}

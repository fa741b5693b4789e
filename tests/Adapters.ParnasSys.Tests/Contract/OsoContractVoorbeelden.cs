using System.Xml;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Contract;

/// <summary>The spec's example messages (oso-parnassys.md), with the namespace declarations the spec leaves implicit.</summary>
internal static class OsoContractVoorbeelden
{
    public const string Oso = "http://xml.kennisnet.nl/schemas/Overstapservice/20200910";
    public const string Gw = "urn:hulpvraag-gateway:oso:2026";
    public const string Dossier = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    public const string NotificatieRequest = """
        <oso:notificatieRequest xmlns:oso="http://xml.kennisnet.nl/schemas/Overstapservice/20200910">
          <oso:bronBrin>12AB</oso:bronBrin>
          <oso:bronRouteringsKenmerk>0000000700012AB00001</oso:bronRouteringsKenmerk>
          <oso:doelBrin>PO2806</oso:doelBrin>
          <oso:doelRouteringsKenmerk>00000099000000002806</oso:doelRouteringsKenmerk>
          <oso:koppelsleutel>19677A96-B737-402E-B3B8-24A3EEF32000</oso:koppelsleutel>
          <oso:doel>SWV</oso:doel>
        </oso:notificatieRequest>
        """;

    public const string NotificatieResponse = """
        <oso:notificatieResponse xmlns:oso="http://xml.kennisnet.nl/schemas/Overstapservice/20200910"><oso:resultaat>NotificatieOntvangen</oso:resultaat></oso:notificatieResponse>
        """;

    public const string DocumentRequest = """
        <oso:documentRequest xmlns:oso="http://xml.kennisnet.nl/schemas/Overstapservice/20200910">
          <oso:bronBrin>12AB</oso:bronBrin>
          <oso:bronRouteringsKenmerk>0000000700012AB00001</oso:bronRouteringsKenmerk>
          <oso:doelBrin>PO2806</oso:doelBrin>
          <oso:doelRouteringsKenmerk>00000099000000002806</oso:doelRouteringsKenmerk>
          <oso:koppelsleutel>19677A96-B737-402E-B3B8-24A3EEF32000</oso:koppelsleutel>
          <oso:overdrachtsoort>SWVaanvraag</oso:overdrachtsoort>
        </oso:documentRequest>
        """;

    public const string SwvAanvraag = """
          <gw:swvAanvraag xmlns:gw="urn:hulpvraag-gateway:oso:2026">
            <gw:samenwerkingsverband>PO2806</gw:samenwerkingsverband>
            <gw:aanvraagtype>TLV -Nieuw</gw:aanvraagtype>
            <gw:omschrijving>Einddatum oude TLV 31-07-2026, nummer 55667788</gw:omschrijving>
            <gw:lasHulpvraagId>PS-000123</gw:lasHulpvraagId>
            <gw:niveau>leerling</gw:niveau>
            <gw:aanvrager><gw:naam>J. de Vries</gw:naam><gw:functie>IB</gw:functie>
              <gw:email>ib@school.nl</gw:email><gw:telefoon>0101234567</gw:telefoon></gw:aanvrager>
            <gw:ingediendOp>2026-11-28T09:15:00Z</gw:ingediendOp>
          </gw:swvAanvraag>
        """;

    /// <summary>Only what the mapper reads; the contract skips the dossier's content.</summary>
    public const string MinimaalDossier = """
          <dossier xmlns="http://www.edustandaard.nl/oso_gegevensset/2019/dossier">
            <metadata><overstap>POSWV</overstap></metadata>
            <overdrachtsoort>swv-dossier</overdrachtsoort>
            <huidigeschool><brincode>12AB</brincode><vestigingscode>00</vestigingscode>
              <leerling><achternaam>Jansen</achternaam><geboortedatum>2017-03-17</geboortedatum></leerling></huidigeschool>
          </dossier>
        """;

    public static string DocumentResponse(string swvAanvraag = SwvAanvraag, string dossier = MinimaalDossier) =>
        $"""<oso:documentResponse xmlns:oso="{Oso}">{swvAanvraag}{dossier}</oso:documentResponse>""";

    public const string DocumentResponseFoutmelding = """
        <oso:documentResponse xmlns:oso="http://xml.kennisnet.nl/schemas/Overstapservice/20200910"><oso:foutmelding><oso:foutcode>DOSSIER_NIET_GEVONDEN</oso:foutcode><oso:fouttekst>Het dossier is niet meer beschikbaar.</oso:fouttekst></oso:foutmelding></oso:documentResponse>
        """;

    /// <summary>The spec's terugkoppelingRequest, with <paramref name="velden"/> as the content of gw:terugkoppeling.</summary>
    public static string TerugkoppelingRequest(string velden) => $"""
        <oso:terugkoppelingRequest xmlns:oso="{Oso}">
          <oso:bronBrin>PO2806</oso:bronBrin> <oso:bronRouteringsKenmerk>00000099000000002806</oso:bronRouteringsKenmerk>
          <oso:doelBrin>12AB</oso:doelBrin> <oso:doelRouteringsKenmerk>0000000700012AB00001</oso:doelRouteringsKenmerk>
          <oso:koppelsleutel>19677A96-B737-402E-B3B8-24A3EEF32000</oso:koppelsleutel>
          <gw:terugkoppeling xmlns:gw="{Gw}">{velden}</gw:terugkoppeling>
        </oso:terugkoppelingRequest>
        """;

    public const string TerugkoppelingOntvangen = """
            <gw:gebeurtenisId>7f9c2b1e-3d4a-4c5b-8e6f-0a1b2c3d4e5f</gw:gebeurtenisId>
            <gw:resultaat>Ontvangen</gw:resultaat>
            <gw:dossiernummer>1042</gw:dossiernummer>
            <gw:status code="aanmelding">Aanmelding</gw:status>
            <gw:foutcode/>
            <gw:gewijzigdOp>2026-11-28T10:00:00Z</gw:gewijzigdOp>
        """;

    public const string TerugkoppelingGeweigerd = """
            <gw:gebeurtenisId>0b7e5c1a-9f3d-4e2b-a1c0-d9e8f7a6b5c4</gw:gebeurtenisId>
            <gw:resultaat>Geweigerd</gw:resultaat>
            <gw:toelichting>De titel 'TLV nieuw?' staat niet op de lijst van het samenwerkingsverband.</gw:toelichting>
            <gw:foutcode>TITEL_ONBEKEND</gw:foutcode>
            <gw:gewijzigdOp>2026-11-28T10:00:00+01:00</gw:gewijzigdOp>
        """;

    public const string TerugkoppelingStatuswijziging = """
            <gw:gebeurtenisId>7F9C2B1E-3D4A-4C5B-8E6F-0A1B2C3D4E60</gw:gebeurtenisId>
            <gw:resultaat>Statuswijziging</gw:resultaat>
            <gw:dossiernummer>1042</gw:dossiernummer>
            <gw:status code="dossier-incompleet">Dossier incompleet SCP</gw:status>
            <gw:toelichting>Het OPP ontbreekt.</gw:toelichting>
            <gw:gewijzigdOp>2026-11-28T10:00:00Z</gw:gewijzigdOp>
        """;

    /// <summary>Parsed the way the verifier parses (whitespace preserved, no DTD, no resolver).</summary>
    public static XmlElement Element(string xml)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var lezer = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        doc.Load(lezer);
        return doc.DocumentElement!;
    }

    /// <summary>The message as the body child of a SOAP envelope that declares the prefixes, as a real message may.</summary>
    public static XmlElement InEnvelop(string bodyInhoud)
    {
        var envelop = Element($"""
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:oso="{Oso}" xmlns:gw="{Gw}">
              <soapenv:Header/>
              <soapenv:Body>
                {bodyInhoud}
              </soapenv:Body>
            </soapenv:Envelope>
            """);
        var body = envelop.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "Body");
        return body.ChildNodes.OfType<XmlElement>().Single();
    }
}

using System.Xml;
using System.Xml.Schema;
using Hulpvraag.Adapters.ParnasSys.Contract;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using static Hulpvraag.Adapters.ParnasSys.Tests.Contract.OsoContractVoorbeelden;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Contract;

public sealed class OsoContractValidatieTests
{
    private const string GoedeSleutel = "<oso:koppelsleutel>19677A96-B737-402E-B3B8-24A3EEF32000</oso:koppelsleutel>";

    [Fact]
    public void Valideer_NotificatieRequestUitSpec_IsGeldig() => AssertGeldig(NotificatieRequest);

    [Fact]
    public void Valideer_NotificatieRequestInSoapEnvelop_IsGeldig() =>
        Assert.Null(OsoContract.Valideer(InEnvelop(NotificatieRequest.Replace(" xmlns:oso=\"" + Oso + "\"", "", StringComparison.Ordinal))));

    [Fact]
    public void Valideer_NotificatieResponseUitSpec_IsGeldig() => AssertGeldig(NotificatieResponse);

    [Fact]
    public void Valideer_DocumentRequestUitSpec_IsGeldig() => AssertGeldig(DocumentRequest);

    [Fact]
    public void Valideer_DocumentResponseMetSwvAanvraagEnDossier_IsGeldig() => AssertGeldig(DocumentResponse());

    [Fact]
    public void Valideer_DocumentResponseMetFoutmelding_IsGeldig() => AssertGeldig(DocumentResponseFoutmelding);

    [Fact]
    public void Valideer_SwvAanvraagZonderNiveauEnOptioneleAanvragervelden_IsGeldig() =>
        AssertGeldig(DocumentResponse(SwvAanvraag
            .Replace("<gw:niveau>leerling</gw:niveau>", "", StringComparison.Ordinal)
            .Replace("<gw:functie>IB</gw:functie>", "", StringComparison.Ordinal)
            .Replace("<gw:email>ib@school.nl</gw:email><gw:telefoon>0101234567</gw:telefoon>", "", StringComparison.Ordinal)));

    [Fact]
    public void Valideer_DossierMetWillekeurigeInhoud_WordtNietGevalideerd() =>
        AssertGeldig(DocumentResponse(dossier: $"""<d:dossier xmlns:d="{Dossier}" d:onbekend="x"><d:wat>dan ook<x:y xmlns:x="urn:x"/></d:wat></d:dossier>"""));

    [Theory]
    [InlineData(TerugkoppelingOntvangen)]
    [InlineData(TerugkoppelingGeweigerd)]
    [InlineData(TerugkoppelingStatuswijziging)]
    public void Valideer_TerugkoppelingRequestPerResultaat_IsGeldig(string velden) => AssertGeldig(TerugkoppelingRequest(velden));

    [Fact]
    public void Valideer_LegeTerugkoppelingResponse_IsGeldig() =>
        AssertGeldig($"""<oso:terugkoppelingResponse xmlns:oso="{Oso}"/>""");

    [Fact]
    public void Valideer_NotificatieResponseVanDeGateway_IsGeldig() =>
        Assert.Null(OsoContract.Valideer(SoapFouten.OsoElement("notificatieResponse", ("resultaat", "NotificatieOntvangen"))));

    [Theory]
    [InlineData("19677a96-b737-402e-b3b8-24a3eef32000")]
    [InlineData(" 19677A96-B737-402E-B3B8-24A3EEF32000 ")]
    public void Valideer_KoppelsleutelKleineLettersOfOmringdDoorSpaties_IsGeldig(string sleutel) =>
        AssertGeldig(NotificatieRequest.Replace("19677A96-B737-402E-B3B8-24A3EEF32000", sleutel, StringComparison.Ordinal));

    [Fact]
    public void Valideer_DoelBrinIsSchoolBrin_IsGeldig() =>
        AssertGeldig(NotificatieRequest.Replace("<oso:doelBrin>PO2806</oso:doelBrin>", "<oso:doelBrin>34CD</oso:doelBrin>", StringComparison.Ordinal));

    [Fact]
    public void Valideer_ZonderKoppelsleutel_NoemtKoppelsleutel()
    {
        var fout = AssertOngeldig(NotificatieRequest.Replace(GoedeSleutel, "", StringComparison.Ordinal));

        Assert.Equal("notificatieRequest/koppelsleutel", fout.Pad);
        Assert.Equal("In 'notificatieRequest' ontbreekt het verplichte element 'koppelsleutel' (vóór 'doel').", fout.Melding);
    }

    [Fact]
    public void Valideer_ZonderLaatsteVeld_NoemtDatVeld()
    {
        var fout = AssertOngeldig(NotificatieRequest.Replace("<oso:doel>SWV</oso:doel>", "", StringComparison.Ordinal));

        Assert.Equal("notificatieRequest/doel", fout.Pad);
        Assert.Equal("In 'notificatieRequest' ontbreekt het verplichte element 'doel'.", fout.Melding);
    }

    [Fact]
    public void Valideer_OngeldigeGuid_NoemtKoppelsleutelEnVerwachting()
    {
        var fout = AssertOngeldig(NotificatieRequest.Replace("24A3EEF32000", "24A3EEF3200Z", StringComparison.Ordinal));

        Assert.Equal("notificatieRequest/koppelsleutel", fout.Pad);
        Assert.StartsWith("Het element 'koppelsleutel' heeft een ongeldige waarde '19677A96-B737-402E-B3B8-24A3EEF3200Z'; verwacht een GUID", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Valideer_LegeKoppelsleutel_ZegtDatHijLeegIs()
    {
        var fout = AssertOngeldig(NotificatieRequest.Replace(GoedeSleutel, "<oso:koppelsleutel/>", StringComparison.Ordinal));

        Assert.StartsWith("Het element 'koppelsleutel' is leeg; verwacht een GUID", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Valideer_LangeOngeldigeWaarde_ToontAlleenHetBegin()
    {
        var lang = new string('A', 5000);
        var fout = AssertOngeldig(NotificatieRequest.Replace("19677A96-B737-402E-B3B8-24A3EEF32000", lang, StringComparison.Ordinal));

        Assert.Contains("'" + new string('A', 40) + "…'", fout.Melding, StringComparison.Ordinal);
        Assert.True(fout.Melding.Length < 200, fout.Melding);
    }

    [Fact]
    public void Valideer_OnbekendElement_NoemtElementEnVerwachting()
    {
        var fout = AssertOngeldig(NotificatieRequest.Replace("<oso:doel>", "<oso:extra>x</oso:extra><oso:doel>", StringComparison.Ordinal));

        Assert.Equal("notificatieRequest/extra", fout.Pad);
        Assert.Equal("Het element 'extra' hoort niet op deze plaats in 'notificatieRequest' (onbekend element of verkeerde volgorde); verwacht 'doel'.", fout.Melding);
    }

    [Fact]
    public void Valideer_ElementNaHetLaatste_ZegtDatErNietsMeerMagVolgen()
    {
        var fout = AssertOngeldig(NotificatieRequest.Replace("</oso:notificatieRequest>", "<oso:doel>SWV</oso:doel></oso:notificatieRequest>", StringComparison.Ordinal));

        Assert.Equal("notificatieRequest/doel", fout.Pad);
        Assert.Contains("niets meer volgen", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Valideer_VerkeerdeVolgorde_NoemtHetVerplaatsteElement()
    {
        var fout = AssertOngeldig(NotificatieRequest.Replace("<oso:bronBrin>12AB</oso:bronBrin>", "", StringComparison.Ordinal)
            .Replace("<oso:doel>", "<oso:bronBrin>12AB</oso:bronBrin><oso:doel>", StringComparison.Ordinal));

        Assert.Equal("notificatieRequest/bronBrin", fout.Pad);
        Assert.Equal("Het element 'bronBrin' staat op de verkeerde plaats in 'notificatieRequest': het hoort vóór 'bronRouteringsKenmerk'.", fout.Melding);
    }

    [Fact]
    public void Valideer_BerichtInVerkeerdeNamespace_NoemtBeideNamespaces()
    {
        var fout = AssertOngeldig(NotificatieRequest.Replace(Oso, "http://xml.kennisnet.nl/schemas/Overstapservice/20190901", StringComparison.Ordinal));

        Assert.Equal("notificatieRequest", fout.Pad);
        Assert.Equal($"Het element 'notificatieRequest' staat in namespace 'http://xml.kennisnet.nl/schemas/Overstapservice/20190901', maar hoort in namespace '{Oso}'.", fout.Melding);
    }

    [Fact]
    public void Valideer_VeldInVerkeerdeNamespace_NoemtHetVeld()
    {
        var fout = AssertOngeldig(NotificatieRequest.Replace(GoedeSleutel, "<koppelsleutel>19677A96-B737-402E-B3B8-24A3EEF32000</koppelsleutel>", StringComparison.Ordinal));

        Assert.Equal("notificatieRequest/koppelsleutel", fout.Pad);
        Assert.Equal($"Het element 'koppelsleutel' staat in namespace '', maar hoort in namespace '{Oso}'.", fout.Melding);
    }

    [Fact]
    public void Valideer_OnbekendBericht_NoemtDeBekendeBerichten()
    {
        var fout = AssertOngeldig($"""<oso:overstapRequest xmlns:oso="{Oso}"/>""");

        Assert.Equal("overstapRequest", fout.Pad);
        Assert.StartsWith("'overstapRequest' is geen OSO-bericht dat deze gateway kent; verwacht 'documentRequest', 'documentResponse', 'notificatieRequest'", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Valideer_GatewayElementAlsBericht_WordtGeweigerd()
    {
        var fout = AssertOngeldig(SwvAanvraag);

        Assert.Equal("swvAanvraag", fout.Pad);
    }

    [Fact]
    public void Valideer_TeLangeOmschrijving_NoemtLengteNietDeTekst()
    {
        var tekst = "Geheim " + new string('x', 3994);
        var fout = AssertOngeldig(DocumentResponse(SwvAanvraag.Replace("Einddatum oude TLV 31-07-2026, nummer 55667788", tekst, StringComparison.Ordinal)));

        Assert.Equal("documentResponse/swvAanvraag/omschrijving", fout.Pad);
        Assert.Equal("Het element 'omschrijving' heeft een ongeldige waarde (4001 tekens); verwacht tekst van hoogstens 4000 tekens; zet een uitgebreide toelichting in een bijlage.", fout.Melding);
    }

    [Fact]
    public void Valideer_OmschrijvingVanPrecies4000Tekens_IsGeldig() =>
        AssertGeldig(DocumentResponse(SwvAanvraag.Replace("Einddatum oude TLV 31-07-2026, nummer 55667788", new string('x', 4000), StringComparison.Ordinal)));

    [Fact]
    public void Valideer_OnbekendResultaat_NoemtDeToegestaneWaarden()
    {
        var fout = AssertOngeldig(TerugkoppelingRequest(TerugkoppelingStatuswijziging.Replace(">Statuswijziging<", ">Afgerond<", StringComparison.Ordinal)));

        Assert.Equal("terugkoppelingRequest/terugkoppeling/resultaat", fout.Pad);
        Assert.Equal("Het element 'resultaat' heeft een ongeldige waarde 'Afgerond'; verwacht 'Ontvangen', 'Geweigerd' of 'Statuswijziging'.", fout.Melding);
    }

    [Fact]
    public void Valideer_OnbekendNiveau_NoemtDeToegestaneWaarden()
    {
        var fout = AssertOngeldig(DocumentResponse(SwvAanvraag.Replace(">leerling<", ">klas<", StringComparison.Ordinal)));

        Assert.Equal("Het element 'niveau' heeft een ongeldige waarde 'klas'; verwacht 'leerling' of 'school'.", fout.Melding);
    }

    [Fact]
    public void Valideer_LasHulpvraagIdTeLang_IsOngeldig()
    {
        var fout = AssertOngeldig(DocumentResponse(SwvAanvraag.Replace("PS-000123", new string('9', 65), StringComparison.Ordinal)));

        Assert.Equal("documentResponse/swvAanvraag/lasHulpvraagId", fout.Pad);
    }

    [Fact]
    public void Valideer_IngediendOpZonderTijdzone_IsOngeldig()
    {
        var fout = AssertOngeldig(DocumentResponse(SwvAanvraag.Replace("09:15:00Z", "09:15:00", StringComparison.Ordinal)));

        Assert.Equal("documentResponse/swvAanvraag/ingediendOp", fout.Pad);
        Assert.Contains("met tijdzone", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Valideer_DocumentResponseZonderDossier_NoemtDossier()
    {
        var fout = AssertOngeldig(DocumentResponse(dossier: ""));

        Assert.Equal("documentResponse/dossier", fout.Pad);
        Assert.Equal("In 'documentResponse' ontbreekt het verplichte element 'dossier'.", fout.Melding);
    }

    [Fact]
    public void Valideer_LegeDocumentResponse_NoemtBeideMogelijkheden()
    {
        var fout = AssertOngeldig($"""<oso:documentResponse xmlns:oso="{Oso}"/>""");

        Assert.Equal("In 'documentResponse' ontbreekt een verplicht element: 'swvAanvraag' of 'foutmelding'.", fout.Melding);
    }

    [Fact]
    public void Valideer_FoutmeldingEnAanvraagSamen_IsOngeldig()
    {
        var foutmelding = "<oso:foutmelding><oso:foutcode>X</oso:foutcode><oso:fouttekst>y</oso:fouttekst></oso:foutmelding>";
        var fout = AssertOngeldig(DocumentResponse(dossier: MinimaalDossier + foutmelding));

        Assert.Equal("documentResponse/foutmelding", fout.Pad);
    }

    [Fact]
    public void Valideer_DossierUitAndereNamespace_IsOngeldig()
    {
        var fout = AssertOngeldig(DocumentResponse(dossier: "<dossier xmlns=\"urn:ander\"/>"));

        Assert.Equal("documentResponse/dossier", fout.Pad);
        Assert.Contains("verwacht 'dossier'", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Valideer_AanvragerZonderNaam_NoemtNaam()
    {
        var fout = AssertOngeldig(DocumentResponse(SwvAanvraag.Replace("<gw:naam>J. de Vries</gw:naam>", "", StringComparison.Ordinal)));

        Assert.Equal("documentResponse/swvAanvraag/aanvrager/naam", fout.Pad);
    }

    [Fact]
    public void Valideer_StatusZonderCode_NoemtHetAttribuut()
    {
        var fout = AssertOngeldig(TerugkoppelingRequest(TerugkoppelingStatuswijziging.Replace(" code=\"dossier-incompleet\"", "", StringComparison.Ordinal)));

        Assert.Equal("terugkoppelingRequest/terugkoppeling/status/@code", fout.Pad);
        Assert.Equal("Bij 'status' ontbreekt het verplichte attribuut 'code'.", fout.Melding);
    }

    [Fact]
    public void Valideer_StatusMetOngeldigeCode_NoemtDeWaarde()
    {
        var fout = AssertOngeldig(TerugkoppelingRequest(TerugkoppelingStatuswijziging.Replace("dossier-incompleet", "Dossier Incompleet", StringComparison.Ordinal)));

        Assert.Equal("terugkoppelingRequest/terugkoppeling/status/@code", fout.Pad);
        Assert.StartsWith("Het attribuut 'code' van 'status' heeft een ongeldige waarde 'Dossier Incompleet'; verwacht een statuscode", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Valideer_OnbekendAttribuut_IsOngeldig()
    {
        var fout = AssertOngeldig(NotificatieRequest.Replace("<oso:doel>", "<oso:doel prioriteit=\"hoog\">", StringComparison.Ordinal));

        Assert.Equal("notificatieRequest/doel/@prioriteit", fout.Pad);
        Assert.Equal("Het attribuut 'prioriteit' is niet toegestaan bij 'doel'.", fout.Melding);
    }

    [Fact]
    public void Valideer_XsiTypeOpVeld_VerzwaktHetTypeNiet()
    {
        var xml = NotificatieRequest
            .Replace("<oso:notificatieRequest ", "<oso:notificatieRequest xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" ", StringComparison.Ordinal)
            .Replace(GoedeSleutel, "<oso:koppelsleutel xsi:type=\"xs:string\">geen-guid</oso:koppelsleutel>", StringComparison.Ordinal);

        Assert.Equal("notificatieRequest/koppelsleutel", AssertOngeldig(xml).Pad);
    }

    [Fact]
    public void Valideer_CommentaarEnCdata_ZijnToegestaan() =>
        AssertGeldig(NotificatieRequest.Replace("<oso:doel>SWV</oso:doel>", "<!-- c --><?pi x?><oso:doel><![CDATA[SW]]>V<!--x--></oso:doel>", StringComparison.Ordinal));

    [Fact]
    public void Valideer_TekstTussenVelden_IsOngeldig()
    {
        var fout = AssertOngeldig(NotificatieRequest.Replace("<oso:doel>", "los tekstje<oso:doel>", StringComparison.Ordinal));

        Assert.Equal("notificatieRequest", fout.Pad);
        Assert.Equal("Het element 'notificatieRequest' mag geen tekst bevatten, alleen elementen.", fout.Melding);
    }

    [Fact]
    public void Valideer_DossiernummerGeenGetal_NoemtDeWaarde()
    {
        var fout = AssertOngeldig(TerugkoppelingRequest(TerugkoppelingOntvangen.Replace(">1042<", ">-1<", StringComparison.Ordinal)));

        Assert.Equal("Het element 'dossiernummer' heeft een ongeldige waarde '-1'; verwacht een positief geheel getal.", fout.Melding);
    }

    [Theory]
    [InlineData("<oso:bronBrin>12AB</oso:bronBrin>", "<oso:bronBrin>PO2806</oso:bronBrin>", "bronBrin")]
    [InlineData("<oso:bronBrin>12AB</oso:bronBrin>", "<oso:bronBrin>12ab</oso:bronBrin>", "bronBrin")]
    [InlineData("<oso:doelBrin>PO2806</oso:doelBrin>", "<oso:doelBrin>PO28</oso:doelBrin>", "doelBrin")]
    [InlineData("0000000700012AB00001", "0000000700012ab00001", "bronRouteringsKenmerk")]
    [InlineData("00000099000000002806", "0000009900000000280", "doelRouteringsKenmerk")]
    [InlineData("19677A96-B737-402E-B3B8-24A3EEF32000", "{19677A96-B737-402E-B3B8-24A3EEF32000}", "koppelsleutel")]
    public void Valideer_OngeldigeAdressering_NoemtHetVeld(string oud, string nieuw, string veld)
    {
        var fout = AssertOngeldig(NotificatieRequest.Replace(oud, nieuw, StringComparison.Ordinal));

        Assert.Equal("notificatieRequest/" + veld, fout.Pad);
    }

    [Fact]
    public void Valideer_BronBrinVanTerugkoppelingIsSwv_MaarDoelBrinMoetSchoolZijn()
    {
        var xml = TerugkoppelingRequest(TerugkoppelingOntvangen).Replace("<oso:doelBrin>12AB</oso:doelBrin>", "<oso:doelBrin>PO2806</oso:doelBrin>", StringComparison.Ordinal);

        Assert.Equal("terugkoppelingRequest/doelBrin", AssertOngeldig(xml).Pad);
    }

    [Fact]
    public void Valideer_GelijktijdigVanuitVeleThreads_GeeftSteedsHetzelfdeAntwoord()
    {
        var goed = Element(DocumentResponse());
        var fout = AssertOngeldig(NotificatieRequest.Replace(GoedeSleutel, "", StringComparison.Ordinal));
        var uitkomsten = new System.Collections.Concurrent.ConcurrentBag<bool>();

        Parallel.For(0, 2000, i =>
        {
            // Own DOM per message, as on the endpoint; the schema set is the shared part under test.
            var element = i % 2 == 0 ? Element(DocumentResponse()) : Element(NotificatieRequest.Replace(GoedeSleutel, "", StringComparison.Ordinal));
            var uitkomst = OsoContract.Valideer(element);
            uitkomsten.Add(i % 2 == 0 ? uitkomst is null : uitkomst == fout);
        });

        Assert.Null(OsoContract.Valideer(goed));
        Assert.All(uitkomsten, Assert.True);
    }

    [Fact]
    public void FoutDetail_VanDeGateway_VoldoetAanHetContract()
    {
        var soap = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        soap.Load(new MemoryStream(Hulpvraag.Edge.SoapFoutBericht.Maak("VELD_ONGELDIG", "koppelsleutel moet een GUID zijn.", "0004")));
        var detail = (XmlElement)soap.GetElementsByTagName("fout", Gw)[0]!;
        var meldingen = new List<string>();
        var set = OsoContract.Compileer((_, e) => meldingen.Add(e.Message));
        var instellingen = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = set, XmlResolver = null };
        instellingen.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        instellingen.ValidationEventHandler += (_, e) => meldingen.Add(e.Message);

        using (var lezer = XmlReader.Create(new XmlNodeReader(detail), instellingen))
        {
            while (lezer.Read())
            {
            }
        }

        Assert.Empty(meldingen);
    }

    private static void AssertGeldig(string xml)
    {
        var uitkomst = OsoContract.Valideer(Element(xml));
        Assert.True(uitkomst is null, uitkomst?.Melding);
    }

    private static (string Melding, string? Pad) AssertOngeldig(string xml)
    {
        var uitkomst = OsoContract.Valideer(Element(xml));
        Assert.NotNull(uitkomst);
        return uitkomst.Value;
    }
}

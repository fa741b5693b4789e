using System.Xml.Linq;
using Hulpvraag.Adapters.ParnasSys.Mapping;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Gateway.Tests.Infrastructure;
using static Hulpvraag.Adapters.ParnasSys.Tests.Mapping.OsoTestDossiers;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Mapping;

/// <summary>The official OSO gegevensset examples, wrapped in a documentResponse with our own swvAanvraag.</summary>
public sealed class OsoVoorbeelddossierTests : IDisposable
{
    private const string Ondersteuning = "dossier/huidigeschool/leerling/onderwijsondersteuning/";

    /// <summary>Every document of the full example in document order, with the category its place gives it.</summary>
    private static readonly (string Naam, string Categorie)[] VolledigeBijlagen =
    [
        ("Toelichting.pdf", BijlageCategorieen.ToelichtingOnderwijsbehoeften),
        ("advies mbt zicht.pdf", BijlageCategorieen.Onderzoeksverslag),
        ("advies mbt gehoor.pdf", BijlageCategorieen.Onderzoeksverslag),
        ("HandelingsplanRekenen.pdf", BijlageCategorieen.Plan),
        ("opp.docx", BijlageCategorieen.Opp),
        ("evaluatie 1e helft 2018.txt", BijlageCategorieen.Opp),
        ("verzuimrapport.txt", BijlageCategorieen.Overig),
        ("verzuimrapport.txt", BijlageCategorieen.Overig),
        ("drem8.jpg", BijlageCategorieen.Toetsgegevens),
        ("WISC3NL2005.txt", BijlageCategorieen.Toetsgegevens),
        ("WISC-III NL Verbaal.txt", BijlageCategorieen.Toetsgegevens),
        ("WISC-III NL Performaal.txt", BijlageCategorieen.Toetsgegevens),
        ("groepsplan.txt", BijlageCategorieen.Overig),
        ("diagram.png", BijlageCategorieen.Overig),
    ];

    private static readonly string[] AfgekapteZips =
        ["Toelichting.pdf", "advies mbt zicht.pdf", "advies mbt gehoor.pdf", "HandelingsplanRekenen.pdf", "evaluatie 1e helft 2018.txt"];

    private readonly TestBijlageStaging _staging = new();
    private readonly OsoDossierMapper _mapper;

    public OsoVoorbeelddossierTests() => _mapper = new OsoDossierMapper(_staging);

    public void Dispose() => _staging.Dispose();

    [ReferenceTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MapAsync_OfficialFullPoSwvDossier_MapsRequestPupilAndAll14AttachmentsWithTheirCategories(bool asyncReader)
    {
        var dossier = OsoReferentie.Dossier(OsoReferentie.PoSwvVolledig);
        Assert.Equal(AfgekapteZips, HerstelAfgekapteZips(dossier));
        var verwacht = VerwachteBijlagen(dossier);

        var resultaat = await _mapper.MapAsync(Reader(DocumentResponse(dossier), asyncReader), Context, CancellationToken.None);

        Assert.True(resultaat.IsSuccess, string.Join(" | ", resultaat.Fouten.Select(f => $"{f.Code} {f.Veld}: {f.Melding}")));
        var aanvraag = Assert.IsType<OsoAanvraag>(resultaat.Value);
        await using (aanvraag)
        {
            var invoer = aanvraag.Invoer;
            Assert.Equal("parnassys", invoer.Systeem);
            Assert.Equal("PS-000123", invoer.Referentie);
            Assert.Equal("00YY", invoer.Brin);
            Assert.Equal("00", invoer.Vestiging);
            Assert.Equal(Context.Koppelsleutel, invoer.Koppelsleutel);
            Assert.True(invoer.MeldOntvangstTerug);
            Assert.Equal("PO2806", invoer.Samenwerkingsverband);
            Assert.Equal("TLV -Nieuw", invoer.Titel);
            Assert.Equal("Einddatum oude TLV 31-07-2026, nummer 55667788", invoer.Omschrijving);
            Assert.Equal("leerling", invoer.Niveau);
            Assert.Equal(new LeerlingInvoer("LN094837", "Daan", "Björn Johannes Martinus Franciscus", "van de", "Berg", "2003-03-17", "man", null), invoer.Leerling);
            Assert.Equal(new AanvragerInvoer("J. de Vries", "ib@school.nl", "0101234567", "IB"), invoer.Aanvrager);
            Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 15, 0, TimeSpan.Zero), aanvraag.IngediendOp);
            Assert.Empty(invoer.AdapterWaarschuwingen);

            Assert.Equal(14, invoer.Bijlagen.Count);
            Assert.Equal(VolledigeBijlagen, invoer.Bijlagen.Select(b => (b.Bestandsnaam, b.Categorie!)));
            Assert.Equal(verwacht.Select(v => (v.Naam, v.Sha256, v.Grootte)), invoer.Bijlagen.Select(b => (b.Bestandsnaam, b.Sha256, b.Grootte)));
            foreach (var bijlage in invoer.Bijlagen)
            {
                Assert.Equal(bijlage.Sha256, await Sha256Async(bijlage.Inhoud.OpenRead()));
            }

            Assert.Equal("Diagnostische onderzoek handelingsgericht advies (zicht)", invoer.Bijlagen[1].Omschrijving);
            Assert.Equal(Ondersteuning + "toelichting_onderwijsbehoeften/document[1]", invoer.Bijlagen[0].Veld);
            Assert.Equal(Ondersteuning + "opp/document[2]", invoer.Bijlagen[5].Veld);
            Assert.Equal("dossier/huidigeschool/leerling/toetslijst/toets[5]/toetsonderdeel/resultaat/document[1]", invoer.Bijlagen[10].Veld);
            Assert.Equal(14, _staging.Achtergebleven);

            // The core accepts what the mapper produced: titles, fields and every attachment's type.
            var validatie = AanvraagValidatie.Valideer(invoer, "PO2806", new DateOnly(2026, 12, 6));
            Assert.True(validatie.IsSuccess, string.Join(" | ", validatie.Fouten.Select(f => $"{f.Code} {f.Veld}: {f.Melding}")));
        }

        Assert.Equal(0, _staging.Achtergebleven);
        Assert.False(_staging.BronGooide);
    }

    [ReferenceFact]
    public async Task MapAsync_XmlNodeReaderOverAVerifiedDom_MapsTheSameAttachments()
    {
        // The WS-Security verifier hands out the verified soapenv:Body as DOM; its reader has no chunked access.
        var dossier = OsoReferentie.Dossier(OsoReferentie.PoSwvVolledig);
        HerstelAfgekapteZips(dossier);
        var dom = new System.Xml.XmlDocument { XmlResolver = null };
        using (var lezer = Reader(DocumentResponse(dossier)))
        {
            dom.Load(lezer);
        }

        using var reader = new System.Xml.XmlNodeReader(dom.DocumentElement!);
        Assert.False(reader.CanReadValueChunk);

        var resultaat = await _mapper.MapAsync(reader, Context, CancellationToken.None);

        var aanvraag = Assert.IsType<OsoAanvraag>(resultaat.Value);
        await using (aanvraag)
        {
            Assert.Equal(VerwachteBijlagen(dossier).Select(v => v.Sha256), aanvraag.Invoer.Bijlagen.Select(b => b.Sha256));
            Assert.Equal("Daan", aanvraag.Invoer.Leerling!.Roepnaam);
        }

        Assert.Equal(0, _staging.Achtergebleven);
    }

    [ReferenceFact]
    public async Task MapAsync_OfficialFullPoSwvDossierAsPublished_RefusesItsFiveTruncatedZipsAndStagesNothing()
    {
        var dossier = OsoReferentie.Dossier(OsoReferentie.PoSwvVolledig);

        var resultaat = await _mapper.MapAsync(Reader(DocumentResponse(dossier)), Context, CancellationToken.None);

        Assert.False(resultaat.IsSuccess);
        Assert.All(resultaat.Fouten, f => Assert.Equal(FoutCodes.BijlageOnleesbaar, f.Code));
        Assert.Equal(AfgekapteZips.Length, resultaat.Fouten.Count);
        Assert.All(resultaat.Fouten.Zip(AfgekapteZips), p => Assert.Contains($"'{p.Second}'", p.First.Melding));
        Assert.Equal(Ondersteuning + "toelichting_onderwijsbehoeften/document[1]", resultaat.Fouten[0].Veld);
        Assert.Equal(Ondersteuning + "handelingsplan/document[1]", resultaat.Fouten[3].Veld);
        Assert.Equal(0, _staging.Achtergebleven);
        Assert.False(_staging.BronGooide);
    }

    [ReferenceFact]
    public async Task MapAsync_OfficialOptOutPoSwvDossier_MapsItsSixAttachments()
    {
        var dossier = OsoReferentie.Dossier(OsoReferentie.PoSwvOptOut);
        Assert.Equal(4, HerstelAfgekapteZips(dossier).Count);
        var verwacht = VerwachteBijlagen(dossier);

        var resultaat = await _mapper.MapAsync(Reader(DocumentResponse(dossier), async: true), Context, CancellationToken.None);

        var aanvraag = Assert.IsType<OsoAanvraag>(resultaat.Value);
        await using (aanvraag)
        {
            Assert.Equal(
                [
                    ("Toelichting.pdf", BijlageCategorieen.ToelichtingOnderwijsbehoeften),
                    ("advies mbt zicht.pdf", BijlageCategorieen.Onderzoeksverslag),
                    ("advies mbt gehoor.pdf", BijlageCategorieen.Onderzoeksverslag),
                    ("opp.docx", BijlageCategorieen.Opp),
                    ("evaluatie 1e helft 2018.txt", BijlageCategorieen.Opp),
                    ("verzuimrapport.txt", BijlageCategorieen.Overig),
                ],
                aanvraag.Invoer.Bijlagen.Select(b => (b.Bestandsnaam, b.Categorie!)));
            Assert.Equal(verwacht.Select(v => v.Sha256), aanvraag.Invoer.Bijlagen.Select(b => b.Sha256));
            Assert.Equal("Berg", aanvraag.Invoer.Leerling!.Achternaam);
        }

        Assert.Equal(0, _staging.Achtergebleven);
    }

    [ReferenceFact]
    public async Task MapAsync_OfficialVoSwvDossier_IsRefusedAsWrongDestinationBeforeAnythingIsStaged()
    {
        var dossier = OsoReferentie.Dossier(OsoReferentie.VoSwvVolledig);

        var resultaat = await _mapper.MapAsync(Reader(DocumentResponse(dossier)), Context, CancellationToken.None);

        var fout = Assert.Single(resultaat.Fouten);
        Assert.Equal(FoutCodes.BestemmingOnjuist, fout.Code);
        Assert.Equal("dossier/metadata/overstap", fout.Veld);
        Assert.Contains("VO-dossier", fout.Melding);
        Assert.Contains("kan niet naar een PO-samenwerkingsverband", fout.Melding);
        Assert.Equal(0, _staging.AantalGestaged);
    }

    [ReferenceTheory]
    [InlineData("bsn", "123456782", "burgerservicenummer")]
    [InlineData("onderwijsnummer", "987654321", "onderwijsnummer")]
    public async Task MapAsync_PupilWithPersonalNumber_DropsTheNumberWithWarning(string element, string nummer, string genoemd)
    {
        var dossier = OsoReferentie.Dossier(OsoReferentie.PoSwvVolledig);
        HerstelAfgekapteZips(dossier);
        dossier.Descendants(D + "leerlingid").Single().AddBeforeSelf(new XElement(D + element, nummer));

        var resultaat = await _mapper.MapAsync(Reader(DocumentResponse(dossier)), Context, CancellationToken.None);

        var aanvraag = Assert.IsType<OsoAanvraag>(resultaat.Value);
        await using (aanvraag)
        {
            var waarschuwing = Assert.Single(aanvraag.Invoer.AdapterWaarschuwingen);
            Assert.Equal(WaarschuwingCodes.PersoonsnummerVerwijderd, waarschuwing.Code);
            Assert.Contains(genoemd, waarschuwing.Melding);
            Assert.DoesNotContain(nummer, waarschuwing.Melding);
            Assert.DoesNotContain(nummer, aanvraag.Invoer.ToString());
            Assert.DoesNotContain(nummer, aanvraag.Invoer.Leerling!.ToString());
            Assert.Equal("LN094837", aanvraag.Invoer.Leerling.LeerlingId);
        }
    }

    [ReferenceFact]
    public async Task MapAsync_BrincodeOtherThanBronBrin_IsRefusedBeforeAnythingIsStaged()
    {
        var dossier = OsoReferentie.Dossier(OsoReferentie.PoSwvVolledig);

        var resultaat = await _mapper.MapAsync(
            Reader(DocumentResponse(dossier)), Context with { BronBrin = "12AB" }, CancellationToken.None);

        var fout = Assert.Single(resultaat.Fouten);
        Assert.Equal(FoutCodes.SchoolKomtNietOvereen, fout.Code);
        Assert.Equal("dossier/huidigeschool/brincode", fout.Veld);
        Assert.Contains("00YY", fout.Melding);
        Assert.Contains("12AB", fout.Melding);
        Assert.Equal(0, _staging.AantalGestaged);
    }

    [ReferenceFact]
    public async Task MapAsync_OverdrachtsoortOtherThanSwvDossier_IsRefused()
    {
        var dossier = OsoReferentie.Dossier(OsoReferentie.PoSwvVolledig);
        dossier.Element(D + "overdrachtsoort")!.Value = "overstapdossier";

        var resultaat = await _mapper.MapAsync(Reader(DocumentResponse(dossier)), Context, CancellationToken.None);

        var fout = Assert.Single(resultaat.Fouten);
        Assert.Equal(FoutCodes.VeldOngeldig, fout.Code);
        Assert.Equal("dossier/overdrachtsoort", fout.Veld);
        Assert.Equal(0, _staging.AantalGestaged);
    }

    [ReferenceFact]
    public async Task MapAsync_DossierTheIntakeRefuses_RefusalsNameTheOsoElements()
    {
        var dossier = OsoReferentie.Dossier(OsoReferentie.PoSwvOptOut);
        HerstelAfgekapteZips(dossier);
        dossier.Descendants(D + "achternaam").First().Remove();
        var swv = SwvAanvraag(aanvraagtype: "TLV nieuw");
        swv.Element(Gw + "aanvrager")!.Element(Gw + "email")!.Value = "geen-adres";

        var resultaat = await _mapper.MapAsync(Reader(DocumentResponse(dossier, swv)), Context, CancellationToken.None);

        var aanvraag = Assert.IsType<OsoAanvraag>(resultaat.Value);
        await using (aanvraag)
        {
            var validatie = AanvraagValidatie.Valideer(aanvraag.Invoer, "PO2806", new DateOnly(2026, 12, 6));
            Assert.Equal(
                [
                    (FoutCodes.TitelOnbekend, "swvAanvraag/aanvraagtype"),
                    (FoutCodes.VerplichtVeldOntbreekt, "dossier/huidigeschool/leerling/achternaam"),
                    (FoutCodes.VeldOngeldig, "swvAanvraag/aanvrager/email"),
                ],
                validatie.Fouten.Select(f => (f.Code, f.Veld!)));
        }
    }
}

using System.IO.Compression;
using System.Xml.Linq;
using Hulpvraag.Adapters.ParnasSys.Mapping;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Fouten;
using static Hulpvraag.Adapters.ParnasSys.Tests.Mapping.OsoTestDossiers;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Mapping;

/// <summary>Attachment containers, response shapes and clean-up, on small dossiers of our own.</summary>
public sealed class OsoDossierMapperTests : IDisposable
{
    private const string EersteDocument = "dossier/huidigeschool/leerling/overigdocumentlijst/document[1]";

    private readonly TestBijlageStaging _staging = new();
    private readonly OsoDossierMapper _mapper;

    public OsoDossierMapperTests() => _mapper = new OsoDossierMapper(_staging);

    public void Dispose() => _staging.Dispose();

    public static TheoryData<string, string, string> OnleesbareInhoud => new()
    {
        { "two files", Convert.ToBase64String(Zip(("a.pdf", Pdf("a")), ("b.pdf", Pdf("b")))), "meer dan één bestand" },
        { "empty zip", Convert.ToBase64String(Zip()), "het ZIP-bestand is leeg" },
        { "not a zip", Convert.ToBase64String(Pdf("los")), "geen geldig ZIP-bestand" },
        { "invalid base64", "dit is !! geen base64", "base64-codering is ongeldig" },
        { "non-ASCII base64", "UEsDBBQAAAAIAÄÖÜ", "base64-codering is ongeldig" },
        { "empty element", "", "de inhoud is leeg" },
        {
            "second entry hidden from the end record",
            Convert.ToBase64String(MetEenGedeclareerdeEntry(Zip(("a.pdf", Pdf("a")), ("b.pdf", Pdf("b"))))),
            "meer dan één bestand"
        },
        {
            "size declared larger than the data",
            Convert.ToBase64String(MetGedeclareerdeGrootte(Zip(CompressionLevel.NoCompression, ("a.txt", "hallo wereld"u8.ToArray())), 100)),
            "beschadigd"
        },
        {
            "content changed after zipping",
            Convert.ToBase64String(Gewijzigd(Zip(CompressionLevel.NoCompression, ("a.txt", "hallo wereld"u8.ToArray())))),
            "beschadigd"
        },
    };

    [Theory]
    [MemberData(nameof(OnleesbareInhoud))]
    public async Task MapAsync_UnreadableAttachment_IsRefusedAsUnreadableAndLeavesNothingStaged(string geval, string bestandsinhoud, string reden)
    {
        var resultaat = await MapAsync(MinimaalDossier(Document("verslag.pdf", bestandsinhoud)));

        var fout = Assert.Single(resultaat.Fouten);
        Assert.True(fout.Code == FoutCodes.BijlageOnleesbaar, geval);
        Assert.Equal(EersteDocument, fout.Veld);
        Assert.Contains("'verslag.pdf'", fout.Melding);
        Assert.Contains(reden, fout.Melding);
        Assert.Equal(0, _staging.Achtergebleven);
        Assert.False(_staging.BronGooide);
    }

    [Fact]
    public async Task MapAsync_EntryDeclaringMoreThan10MiB_IsRefusedAsTooLargeWithoutInflatingIt()
    {
        var zip = MetGedeclareerdeGrootte(Zip(("scan.pdf", Pdf("scan"))), (uint)BijlageRegels.MaxGrootte + 1);

        var resultaat = await MapAsync(MinimaalDossier(Document("scan.pdf", zip)));

        var fout = Assert.Single(resultaat.Fouten);
        Assert.Equal(FoutCodes.BijlageTeGroot, fout.Code);
        Assert.Contains("groter dan 10 MB", fout.Melding);
        Assert.Equal(1, _staging.AantalGestaged);
        Assert.Equal(0, _staging.Achtergebleven);
    }

    [Fact]
    public async Task MapAsync_EntryWhoseHeaderUnderstatesAnInflationPast10MiB_IsRefusedWithoutWritingPastTheLimit()
    {
        // 11 MiB of zeros deflate to about 11 KB; the headers then claim 1,000 bytes.
        var bom = MetGedeclareerdeGrootte(Zip(("bom.pdf", new byte[11 * 1024 * 1024])), 1000);
        Assert.True(bom.Length < 64 * 1024);

        var resultaat = await MapAsync(MinimaalDossier(Document("bom.pdf", bom)));

        var fout = Assert.Single(resultaat.Fouten);
        Assert.Equal(FoutCodes.BijlageOnleesbaar, fout.Code);
        Assert.Contains("beschadigd", fout.Melding);

        // Nothing near the 11 MiB reached a staged file: the ZIP itself and at most the declared 1,000 bytes.
        Assert.InRange(_staging.MaxGeschreven, 0, bom.Length);
        Assert.Equal(0, _staging.Achtergebleven);
        Assert.False(_staging.BronGooide);
    }

    [Fact]
    public async Task MapAsync_ZipLargerThan10MiB_IsRefusedAsTooLargeAndReadingContinuesAfterIt()
    {
        var map = Directory.CreateTempSubdirectory("oso-groot-").FullName;
        try
        {
            var (xml, _) = SchrijfGroteBijlage(map, BijlageRegels.MaxGrootte + 64 * 1024, kleineErachter: true);
            using var reader = System.Xml.XmlReader.Create(xml, OsoReferentie.VeiligeInstellingen(async: true));

            var resultaat = await _mapper.MapAsync(reader, Context, CancellationToken.None);

            // Only the big one is refused: the small attachment after it was read from the right place.
            var fout = Assert.Single(resultaat.Fouten);
            Assert.Equal(FoutCodes.BijlageTeGroot, fout.Code);
            Assert.Equal(EersteDocument, fout.Veld);
            Assert.Equal(3, _staging.AantalGestaged);
            Assert.InRange(_staging.MaxGeschreven, 0, Adapters.ParnasSys.Mapping.ZipUitpakker.MaxZipGrootte + 1);
            Assert.Equal(0, _staging.Achtergebleven);
        }
        finally
        {
            Directory.Delete(map, recursive: true);
        }
    }

    /// <summary>The limit is on the file, not on the ZIP around it, which is larger by its headers.</summary>
    [Fact]
    public async Task MapAsync_FileOfExactly10MiBInItsZip_IsAccepted()
    {
        var map = Directory.CreateTempSubdirectory("oso-precies-").FullName;
        try
        {
            var (xml, sha256) = SchrijfGroteBijlage(map, BijlageRegels.MaxGrootte);
            using var reader = System.Xml.XmlReader.Create(xml, OsoReferentie.VeiligeInstellingen(async: true));

            var resultaat = await _mapper.MapAsync(reader, Context, CancellationToken.None);

            var aanvraag = Assert.IsType<OsoAanvraag>(resultaat.Value);
            await using (aanvraag)
            {
                var bijlage = Assert.Single(aanvraag.Invoer.Bijlagen);
                Assert.Equal((BijlageRegels.MaxGrootte, sha256), (bijlage.Grootte, bijlage.Sha256));
            }
        }
        finally
        {
            Directory.Delete(map, recursive: true);
        }
    }

    [Fact]
    public async Task MapAsync_SeveralFaultyDocuments_ReportsEachAndKeepsNoneOfTheGoodOnes()
    {
        var dossier = MinimaalDossier(
            Document("goed.pdf", Zip(("goed.pdf", Pdf("goed")))),
            Document("leeg.pdf", Zip()),
            new XElement(D + "document", new XElement(D + "bestandsnaam", "zonder-inhoud.pdf")),
            Document("", Zip(("x.pdf", Pdf("x")))),
            new XElement(D + "document", new XElement(D + "bestandsnaam", "zelfsluitend.pdf"), new XElement(D + "bestandsinhoud")));

        var resultaat = await MapAsync(dossier);

        Assert.Equal(
            [
                (FoutCodes.BijlageOnleesbaar, "dossier/huidigeschool/leerling/overigdocumentlijst/document[2]"),
                (FoutCodes.VerplichtVeldOntbreekt, "dossier/huidigeschool/leerling/overigdocumentlijst/document[3]/bestandsinhoud"),
                (FoutCodes.VerplichtVeldOntbreekt, "dossier/huidigeschool/leerling/overigdocumentlijst/document[4]/bestandsnaam"),
                (FoutCodes.BijlageOnleesbaar, "dossier/huidigeschool/leerling/overigdocumentlijst/document[5]"),
            ],
            resultaat.Fouten.Select(f => (f.Code, f.Veld!)));
        Assert.Equal(0, _staging.Achtergebleven);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MapAsync_GoodAttachmentWithSyncOrAsyncReader_StagesTheFileInsideTheZip(bool asyncReader)
    {
        var inhoud = Pdf("onderzoek");
        var dossier = MinimaalDossier(Document("onderzoek.pdf", Convert.ToBase64String(Zip(("intern-naam.pdf", inhoud))), "Psychologisch onderzoek"));

        var resultaat = await _mapper.MapAsync(Reader(DocumentResponse(dossier), asyncReader), Context, CancellationToken.None);

        var aanvraag = Assert.IsType<OsoAanvraag>(resultaat.Value);
        await using (aanvraag)
        {
            var bijlage = Assert.Single(aanvraag.Invoer.Bijlagen);
            Assert.Equal("onderzoek.pdf", bijlage.Bestandsnaam);
            Assert.Equal("Psychologisch onderzoek", bijlage.Omschrijving);
            Assert.Equal(BijlageCategorieen.Overig, bijlage.Categorie);
            Assert.Equal(inhoud.Length, bijlage.Grootte);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(inhoud)), bijlage.Sha256);
            Assert.Same(bijlage.Inhoud, Assert.Single(aanvraag.GestagedeBijlagen).Inhoud);
            Assert.Equal(1, _staging.Achtergebleven);
        }

        Assert.Equal(0, _staging.Achtergebleven);
    }

    [Fact]
    public async Task MapAsync_Base64WithLineBreaksAndCData_IsDecoded()
    {
        var base64 = Convert.ToBase64String(Zip(("a.txt", "regel\n"u8.ToArray())), Base64FormattingOptions.InsertLineBreaks);
        var document = Document("a.txt", "");
        var inhoud = document.Element(D + "bestandsinhoud")!;
        inhoud.Add(new XComment("chunk"), new XCData(base64[..10]), base64[10..]);

        var resultaat = await MapAsync(MinimaalDossier(document));

        var aanvraag = Assert.IsType<OsoAanvraag>(resultaat.Value);
        await using (aanvraag)
        {
            Assert.Equal(6, Assert.Single(aanvraag.Invoer.Bijlagen).Grootte);
        }
    }

    [Fact]
    public async Task MapAsync_FoutmeldingResponse_IsReportedAsTheSuppliersFoutmelding()
    {
        var response = new XElement(OsoNs + "documentResponse",
            new XElement(OsoNs + "foutmelding",
                new XElement(OsoNs + "foutcode", " 404 "),
                new XElement(OsoNs + "fouttekst", "Dossier niet gevonden")));

        var resultaat = await _mapper.MapAsync(Reader(response), Context, CancellationToken.None);

        Assert.True(resultaat.IsSuccess);
        var melding = Assert.IsType<OsoFoutmelding>(resultaat.Value);
        Assert.Equal("404", melding.Foutcode);
        Assert.Equal("Dossier niet gevonden", melding.Fouttekst);
        Assert.Equal(0, _staging.AantalGestaged);
    }

    [Fact]
    public async Task MapAsync_ReaderOnDocumentResponseInsideSoapBody_MapsAndLeavesReaderAfterIt()
    {
        XNamespace soap = "http://schemas.xmlsoap.org/soap/envelope/";
        var envelope = new XElement(soap + "Envelope", new XElement(soap + "Header"),
            new XElement(soap + "Body", DocumentResponse(MinimaalDossier()), new XElement("na")));
        using var reader = Reader(envelope, async: true);
        Assert.True(reader.ReadToFollowing("Body", soap.NamespaceName));
        await reader.ReadAsync();

        var resultaat = await _mapper.MapAsync(reader, Context, CancellationToken.None);

        var aanvraag = Assert.IsType<OsoAanvraag>(resultaat.Value);
        await aanvraag.DisposeAsync();
        Assert.Equal("Jansen", aanvraag.Invoer.Leerling!.Achternaam);
        Assert.Equal("na", reader.LocalName);
    }

    [Fact]
    public async Task MapAsync_ReaderOnAnotherElement_IsRefusedWithoutSearchingFurther()
    {
        var omhulsel = new XElement("header", DocumentResponse(MinimaalDossier()));

        var resultaat = await _mapper.MapAsync(Reader(omhulsel), Context, CancellationToken.None);

        Assert.Equal(("VELD_ONGELDIG", "documentResponse"), (resultaat.Code, resultaat.Fouten[0].Veld));
    }

    [Fact]
    public async Task MapAsync_ResponseWithoutSwvAanvraagOrDossier_NamesWhatIsMissing()
    {
        var resultaat = await _mapper.MapAsync(Reader(new XElement(OsoNs + "documentResponse")), Context, CancellationToken.None);

        Assert.Equal(
            [(FoutCodes.VerplichtVeldOntbreekt, "swvAanvraag"), (FoutCodes.VerplichtVeldOntbreekt, "dossier")],
            resultaat.Fouten.Select(f => (f.Code, f.Veld!)));
    }

    [Fact]
    public async Task MapAsync_MissingLasHulpvraagId_IsRefused()
    {
        var resultaat = await MapAsync(MinimaalDossier(), SwvAanvraag(lasHulpvraagId: " "));

        var fout = Assert.Single(resultaat.Fouten);
        Assert.Equal((FoutCodes.VerplichtVeldOntbreekt, "swvAanvraag/lasHulpvraagId"), (fout.Code, fout.Veld));
    }

    [Fact]
    public async Task MapAsync_OversizedTextField_IsRefusedWithoutKeepingIt()
    {
        var swv = SwvAanvraag();
        swv.Element(Gw + "omschrijving")!.Value = new string('x', 100_000);

        var resultaat = await MapAsync(MinimaalDossier(), swv);

        var fout = Assert.Single(resultaat.Fouten);
        Assert.Equal((FoutCodes.VeldOngeldig, "swvAanvraag/omschrijving"), (fout.Code, fout.Veld));
    }

    [Fact]
    public async Task MapAsync_DossierWithTwoPupils_IsRefused()
    {
        var dossier = MinimaalDossier();
        var school = dossier.Element(D + "huidigeschool")!;
        school.Add(new XElement(school.Element(D + "leerling")!));

        var resultaat = await MapAsync(dossier);

        Assert.Equal((FoutCodes.VeldOngeldig, "dossier/huidigeschool/leerling"), (resultaat.Code, resultaat.Fouten[0].Veld));
    }

    [Fact]
    public async Task MapAsync_PupilFields_AreNormalised()
    {
        var dossier = MinimaalDossier();
        var leerling = dossier.Descendants(D + "leerling").Single();
        leerling.Element(D + "geboortedatum")!.Value = "2017-03-17+01:00";
        leerling.Element(D + "voornaam")!.AddAfterSelf(new XElement(D + "voornaam", " Maria "), new XElement(D + "geslacht", "1"));

        var resultaat = await MapAsync(dossier);

        var aanvraag = Assert.IsType<OsoAanvraag>(resultaat.Value);
        await using (aanvraag)
        {
            Assert.Equal(("Sam Maria", "2017-03-17", "vrouw"), (aanvraag.Invoer.Leerling!.Voornamen, aanvraag.Invoer.Leerling.Geboortedatum, aanvraag.Invoer.Leerling.Geslacht));
        }
    }

    [Fact]
    public async Task MapAsync_MalformedXmlInsideAnAttachment_IsRefusedAndLeavesNothingStaged()
    {
        var xml = Tekst(DocumentResponse(MinimaalDossier(
            Document("eerste.pdf", Zip(("eerste.pdf", Pdf("eerste")))),
            Document("tweede.pdf", Zip(("tweede.pdf", Pdf("tweede")))))));
        var afgekapt = xml[..(xml.LastIndexOf("<bestandsinhoud", StringComparison.Ordinal) + 40)];

        var resultaat = await _mapper.MapAsync(Reader(afgekapt, async: true), Context, CancellationToken.None);

        Assert.Equal(("VELD_ONGELDIG", "documentResponse"), (resultaat.Code, resultaat.Fouten[0].Veld));
        Assert.Equal(3, _staging.AantalGestaged);
        Assert.Equal(0, _staging.Achtergebleven);
        Assert.False(_staging.BronGooide);
    }

    [Fact]
    public async Task MapAsync_CancelledWhileStaging_ThrowsAndLeavesNothingStaged()
    {
        using var cts = new CancellationTokenSource();
        _staging.BijStart = n =>
        {
            if (n == 3)
            {
                cts.Cancel();
            }
        };
        var dossier = MinimaalDossier(
            Document("eerste.pdf", Zip(("eerste.pdf", Pdf("eerste")))),
            Document("tweede.pdf", Zip(("tweede.pdf", Pdf("tweede")))));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _mapper.MapAsync(Reader(DocumentResponse(dossier), async: true), Context, cts.Token));

        Assert.Equal(0, _staging.Achtergebleven);
    }

    [Fact]
    public void VeldNamen_CanonicalFields_AreTheOsoElements()
    {
        var invoer = new Core.Intake.AanvraagInvoer { Systeem = "parnassys", Referentie = "x", VeldNamen = OsoNamen.VeldNamen };

        Assert.Equal("swvAanvraag/aanvraagtype", invoer.Veld("titel"));
        Assert.Equal("swvAanvraag/samenwerkingsverband", invoer.Veld("samenwerkingsverband"));
        Assert.Equal("swvAanvraag/omschrijving", invoer.Veld("omschrijving"));
        Assert.Equal("dossier/huidigeschool/brincode", invoer.Veld("brin"));
        Assert.Equal("dossier/huidigeschool/vestigingscode", invoer.Veld("vestiging"));
        Assert.Equal("dossier/huidigeschool/leerling/voorvoegsel", invoer.Veld("leerling.tussenvoegsel"));
        Assert.Equal("swvAanvraag/aanvrager/naam", invoer.Veld("aanvrager.naam"));
    }

    [Fact]
    public void Crc32_StandardCheckInput_GivesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Voeg(0, "123456789"u8));
        Assert.Equal(0xCBF43926u, Crc32.Voeg(Crc32.Voeg(0, "1234"u8), "56789"u8));
    }

    [Fact]
    public async Task BegrensdeStream_SourceLongerThanTheLimit_PassesExactlyOneByteMore()
    {
        var bron = new MemoryStream(new byte[5000]);
        var begrensd = new BegrensdeStream(bron, limiet: 1000);
        var doel = new MemoryStream();

        await begrensd.CopyToAsync(doel);

        Assert.Equal(1001, doel.Length);
        Assert.True(begrensd.Overschreden);
        Assert.Equal(0, begrensd.Read(new byte[10]));
    }

    private Task<Result<OsoDocumentAntwoord>> MapAsync(XElement dossier, XElement? swv = null) =>
        _mapper.MapAsync(Reader(DocumentResponse(dossier, swv)), Context, CancellationToken.None);

    /// <summary>Flips a bit of the stored data of a one-entry ZIP, leaving its CRC as it was.</summary>
    private static byte[] Gewijzigd(byte[] zip)
    {
        var kopie = (byte[])zip.Clone();
        var naamLengte = BitConverter.ToUInt16(kopie, 26);
        var extraLengte = BitConverter.ToUInt16(kopie, 28);
        kopie[30 + naamLengte + extraLengte] ^= 0x20;
        return kopie;
    }
}

using System.Security.Cryptography;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Tests.Bijlagen;

namespace Hulpvraag.Core.Tests.Intake;

public sealed class AanvraagValidatieTests
{
    private static readonly DateOnly Vandaag = new(2026, 12, 6);

    private sealed class Bytes(byte[] b) : IBijlageInhoud
    {
        public Stream OpenRead() => new MemoryStream(b, writable: false);
    }

    private static OntvangenBijlage Bijlage(byte[] inhoud, string naam, string? categorie = "overig", long? grootte = null) =>
        new(naam, null, categorie, null, grootte ?? inhoud.Length, Convert.ToHexStringLower(SHA256.HashData(inhoud)), new Bytes(inhoud)) { Veld = "bijlagen[0]" };

    private static AanvraagInvoer Geldig() => new()
    {
        Systeem = "esis",
        Referentie = "E-1",
        Brin = "12AB",
        Vestiging = "00",
        Samenwerkingsverband = "PO2806",
        Titel = "TLV -Nieuw",
        Omschrijving = "Einddatum oude TLV 31-07-2026",
        Leerling = new LeerlingInvoer("L1", "Daan", "Daan Pieter", "van de", "Berg", "2017-03-17", "man", "5"),
        Aanvrager = new AanvragerInvoer("J. de Vries", "ib@school.nl", null, "IB"),
        VeldNamen = new Dictionary<string, string> { ["titel"] = "korteOmschrijving", ["brin"] = "school.brin" },
    };

    [Fact]
    public void Valideer_CompleteRequest_IsAcceptedWithGeenOppWarning()
    {
        var r = AanvraagValidatie.Valideer(Geldig(), "PO2806", Vandaag);

        Assert.True(r.IsSuccess);
        Assert.Equal("tlv-nieuw", r.Value!.Titel.Code);
        Assert.Equal(new DateOnly(2017, 3, 17), r.Value.Leerling!.Geboortedatum);
    }

    [Theory]
    [InlineData("PO2807")]
    [InlineData("VO2806")]
    public void Valideer_OtherDestination_IsOnlyBestemmingOnjuist(string swv)
    {
        var r = AanvraagValidatie.Valideer(Geldig() with { Samenwerkingsverband = swv, Titel = "onzin" }, "PO2806", Vandaag);

        Assert.Equal(FoutCodes.BestemmingOnjuist, Assert.Single(r.Fouten).Code);
    }

    [Fact]
    public void Valideer_SeveralProblems_NamesEveryFieldInTheSendersTerms()
    {
        var r = AanvraagValidatie.Valideer(Geldig() with
        {
            Brin = "12ab3",
            Titel = "TLV nieuw",
            Omschrijving = " ",
            Leerling = new LeerlingInvoer(null, null, null, null, null, "17-03-2017", null, null),
            Aanvrager = new AanvragerInvoer("X", "geen-email", null, null),
        }, "PO2806", Vandaag);

        var velden = r.Fouten.Select(f => (f.Veld, f.Code)).ToList();
        Assert.Contains(("school.brin", FoutCodes.VeldOngeldig), velden);
        Assert.Contains(("korteOmschrijving", FoutCodes.TitelOnbekend), velden);
        Assert.Contains(("omschrijving", FoutCodes.VerplichtVeldOntbreekt), velden);
        Assert.Contains(("leerling.achternaam", FoutCodes.VerplichtVeldOntbreekt), velden);
        Assert.Contains(("leerling.geboortedatum", FoutCodes.VeldOngeldig), velden);
        Assert.Contains(("aanvrager.email", FoutCodes.VeldOngeldig), velden);
        Assert.All(r.Fouten, f => Assert.False(string.IsNullOrWhiteSpace(f.Melding)));
    }

    [Fact]
    public void Valideer_SchoolLevelWithoutPupil_IsAccepted()
    {
        var r = AanvraagValidatie.Valideer(Geldig() with { Niveau = "school", Leerling = null, Titel = "Schoolbudget individueel/groep/wijk" }, "PO2806", Vandaag);

        Assert.True(r.IsSuccess);
        Assert.Null(r.Value!.Leerling);
    }

    [Fact]
    public void Valideer_PupilLevelWithoutPupil_NamesLeerling()
    {
        var r = AanvraagValidatie.Valideer(Geldig() with { Leerling = null }, "PO2806", Vandaag);

        Assert.Equal("leerling", Assert.Single(r.Fouten).Veld);
    }

    [Fact]
    public void Valideer_OmschrijvingOverLimit_IsVeldOngeldig()
    {
        var r = AanvraagValidatie.Valideer(Geldig() with { Omschrijving = new string('x', 4001) }, "PO2806", Vandaag);

        Assert.Equal(FoutCodes.VeldOngeldig, Assert.Single(r.Fouten).Code);
        Assert.True(AanvraagValidatie.Valideer(Geldig() with { Omschrijving = new string('x', 4000) }, "PO2806", Vandaag).IsSuccess);
    }

    [Fact]
    public void Valideer_AttachmentOverTenMebibyte_IsBijlageTeGroot()
    {
        var pdf = Voorbeeldbestanden.Pdf();
        var r = AanvraagValidatie.Valideer(Geldig() with { Bijlagen = [Bijlage(pdf, "OPP.pdf", grootte: BijlageRegels.MaxGrootte + 1)] }, "PO2806", Vandaag);

        Assert.Equal(FoutCodes.BijlageTeGroot, r.Code);
    }

    [Fact]
    public void Valideer_PdfNameOnTextContent_IsRefused()
    {
        var r = AanvraagValidatie.Valideer(Geldig() with { Bijlagen = [Bijlage("gewoon tekst"u8.ToArray(), "OPP.pdf")] }, "PO2806", Vandaag);

        Assert.Equal(FoutCodes.BijlageTypeNietToegestaan, r.Code);
    }

    [Fact]
    public void Valideer_UnknownCategory_IsVeldOngeldig()
    {
        var r = AanvraagValidatie.Valideer(Geldig() with { Bijlagen = [Bijlage(Voorbeeldbestanden.Pdf(), "OPP.pdf", "geheim")] }, "PO2806", Vandaag);

        Assert.Equal("bijlagen[0].categorie", Assert.Single(r.Fouten).Veld);
    }

    [Fact]
    public void Valideer_ScannerFileName_AddsWarningButAccepts()
    {
        var r = AanvraagValidatie.Valideer(Geldig() with { Bijlagen = [Bijlage(Voorbeeldbestanden.Pdf(), "scan20230106.pdf")] }, "PO2806", Vandaag);

        Assert.True(r.IsSuccess);
        Assert.Contains(r.Value!.Waarschuwingen, w => w.Code == WaarschuwingCodes.BestandsnaamNietBeschrijvend);
        Assert.Equal("application/pdf", r.Value.Bijlagen[0].ContentType);
    }
}

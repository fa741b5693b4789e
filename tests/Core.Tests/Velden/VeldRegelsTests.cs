using System.Security.Cryptography;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Tests.Bijlagen;
using Hulpvraag.Core.Velden;

namespace Hulpvraag.Core.Tests.Velden;

/// <summary>The one set of field rules (issue 14.3): every surface gets them through the intake validation or directly.</summary>
public sealed class VeldRegelsTests
{
    private static readonly DateOnly Vandaag = new(2026, 12, 6);

    private sealed class Bytes(byte[] b) : IBijlageInhoud
    {
        public Stream OpenRead() => new MemoryStream(b, writable: false);
    }

    private static OntvangenBijlage Pdf(string naam, int index = 0, string? omschrijving = null)
    {
        var inhoud = Voorbeeldbestanden.Pdf();
        return new(naam, omschrijving, "overig", null, inhoud.Length, Convert.ToHexStringLower(SHA256.HashData(inhoud)), new Bytes(inhoud)) { Veld = $"bijlagen[{index}]" };
    }

    private static AanvraagInvoer Geldig() => new()
    {
        Systeem = "esis",
        Referentie = "E-1",
        Brin = "12AB",
        Vestiging = "00",
        Samenwerkingsverband = "PO2806",
        Titel = "TLV -Nieuw",
        Omschrijving = "Regel een\r\nRegel twee\tmet tab",
        Leerling = new LeerlingInvoer("L1", "Daan", "Daan Pieter", "van de", "Berg", "2017-03-17", "man", "5"),
        Aanvrager = new AanvragerInvoer("J. de Vries", "ib@school.nl", "0101234567", "IB"),
        VeldNamen = new Dictionary<string, string> { ["aanvrager.naam"] = "contactpersoon.naam" },
    };

    private static Fout EnigeFout(AanvraagInvoer invoer)
    {
        var r = AanvraagValidatie.Valideer(invoer, "PO2806", Vandaag);
        return Assert.Single(r.Fouten);
    }

    [Theory]
    [InlineData("Ber\\0g", VeldRegels.RegelStuurteken)]
    [InlineData("Ber\\u001bg", VeldRegels.RegelStuurteken)]
    [InlineData("Ber\\u0085g", VeldRegels.RegelStuurteken)]
    [InlineData("Berg\\r\\nBcc: x@y.nl", VeldRegels.RegelStuurteken)]
    [InlineData("Ber\\u2028g", VeldRegels.RegelStuurteken)]
    public void Valideer_ControlCharacterInName_IsRefusedNamingFieldAndRule(string achternaam, string regel)
    {
        var fout = EnigeFout(Geldig() with { Leerling = Geldig().Leerling! with { Achternaam = System.Text.RegularExpressions.Regex.Unescape(achternaam) } });

        Assert.Equal((FoutCodes.VeldOngeldig, "leerling.achternaam", regel), (fout.Code, fout.Veld, fout.Regel));
    }

    [Fact]
    public void Valideer_MegabyteName_IsRefusedNamingTheLimitNeverCut()
    {
        var fout = EnigeFout(Geldig() with { Aanvrager = Geldig().Aanvrager! with { Naam = new string('a', 1_000_000) } });

        Assert.Equal("contactpersoon.naam", fout.Veld);
        Assert.Equal(VeldRegels.RegelMaxLengte, fout.Regel);
        Assert.Contains($"hoogstens {VeldRegels.MaxNaam} tekens", fout.Melding);
        Assert.Contains("1000000", fout.Melding);
    }

    [Theory]
    [InlineData("leerlingId")]
    [InlineData("roepnaam")]
    [InlineData("voornamen")]
    [InlineData("tussenvoegsel")]
    [InlineData("geslacht")]
    [InlineData("groep")]
    public void Valideer_OverlongPupilField_IsRefusedByName(string veld)
    {
        var lang = new string('x', 300);
        var l = Geldig().Leerling!;
        l = veld switch
        {
            "leerlingId" => l with { LeerlingId = lang },
            "roepnaam" => l with { Roepnaam = lang },
            "voornamen" => l with { Voornamen = lang },
            "tussenvoegsel" => l with { Tussenvoegsel = lang },
            "geslacht" => l with { Geslacht = lang },
            _ => l with { Groep = lang },
        };

        Assert.Equal("leerling." + veld, EnigeFout(Geldig() with { Leerling = l }).Veld);
    }

    [Fact]
    public void Valideer_OverlongTitle_IsRefusedWithoutCatalogueLookup()
    {
        var fout = EnigeFout(Geldig() with { Titel = new string('T', 100_000) });

        Assert.Equal((FoutCodes.VeldOngeldig, VeldRegels.RegelMaxLengte), (fout.Code, fout.Regel));
    }

    [Fact]
    public void Valideer_MultiLineDescriptionWithTabAndNewlines_IsAcceptedButNulIsNot()
    {
        Assert.True(AanvraagValidatie.Valideer(Geldig(), "PO2806", Vandaag).IsSuccess);

        var fout = EnigeFout(Geldig() with { Omschrijving = "Tekst\0met NUL" });

        Assert.Equal(("omschrijving", VeldRegels.RegelStuurteken), (fout.Veld, fout.Regel));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2099-01-01")]
    [InlineData("2026-12-07")]
    [InlineData("2001-12-05")]
    public void Valideer_ImplausibleBirthDate_IsRefusedWithTheRange(string datum)
    {
        var fout = EnigeFout(Geldig() with { Leerling = Geldig().Leerling! with { Geboortedatum = datum } });

        Assert.Equal(("leerling.geboortedatum", VeldRegels.RegelDatumBereik), (fout.Veld, fout.Regel));
        Assert.Contains("2001-12-06", fout.Melding);
    }

    [Theory]
    [InlineData("2001-12-06")]
    [InlineData("2026-12-06")]
    public void Valideer_BirthDateOnTheEdges_IsAccepted(string datum) =>
        Assert.True(AanvraagValidatie.Valideer(Geldig() with { Leerling = Geldig().Leerling! with { Geboortedatum = datum } }, "PO2806", Vandaag).IsSuccess);

    [Theory]
    [InlineData("OPP\\r\\n.pdf", VeldRegels.RegelStuurteken)]
    [InlineData("OPP\\0.pdf", VeldRegels.RegelStuurteken)]
    public void Valideer_ControlCharacterInFileName_IsRefused(string naam, string regel)
    {
        var fout = EnigeFout(Geldig() with { Bijlagen = [Pdf(System.Text.RegularExpressions.Regex.Unescape(naam))] });

        Assert.Equal(("bijlagen[0].bestandsnaam", regel), (fout.Veld, fout.Regel));
    }

    [Fact]
    public void Valideer_OverlongFileNameOrDescription_IsRefused()
    {
        var naam = EnigeFout(Geldig() with { Bijlagen = [Pdf(new string('a', 300) + ".pdf")] });
        var omschrijving = EnigeFout(Geldig() with { Bijlagen = [Pdf("OPP.pdf", omschrijving: new string('o', VeldRegels.MaxBijlageOmschrijving + 1))] });

        Assert.Equal(("bijlagen[0].bestandsnaam", VeldRegels.RegelMaxLengte), (naam.Veld, naam.Regel));
        Assert.Equal(("bijlagen[0].omschrijving", VeldRegels.RegelMaxLengte), (omschrijving.Veld, omschrijving.Regel));
    }

    [Fact]
    public void Valideer_MoreAttachmentsThanOneRequestMayCarry_IsRefusedBeforeReadingThem()
    {
        var bijlagen = Enumerable.Range(0, VeldRegels.MaxBijlagenPerAanvraag + 1).Select(i => Pdf($"Verslag {i}.pdf", i)).ToList();

        var fout = EnigeFout(Geldig() with { Bijlagen = bijlagen });

        Assert.Equal(("bijlagen", VeldRegels.RegelMaxBijlagen), (fout.Veld, fout.Regel));
        Assert.Contains($"hoogstens {VeldRegels.MaxBijlagenPerAanvraag}", fout.Melding);
        Assert.True(AanvraagValidatie.Valideer(Geldig() with { Bijlagen = bijlagen.Take(VeldRegels.MaxBijlagenPerAanvraag).ToList() }, "PO2806", Vandaag).IsSuccess);
    }

    [Theory]
    [InlineData("Gewone regel", false, null)]
    [InlineData("Twee\\nregels", false, VeldRegels.RegelStuurteken)]
    [InlineData("Twee\\nregels\\tmet tab", true, null)]
    [InlineData("Escape\\u001b[31m", true, VeldRegels.RegelStuurteken)]
    public void Tekst_SingleAndMultiLine_AllowOnlyWhatTheyShould(string waarde, bool meerdereRegels, string? regel) =>
        Assert.Equal(regel, VeldRegels.Tekst(System.Text.RegularExpressions.Regex.Unescape(waarde), "toelichting", 100, meerdereRegels)?.Regel);
}

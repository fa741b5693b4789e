using System.Net;
using Hulpvraag.Core.Adressen;
using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Gateway.Tests.Admin.Application;

/// <summary>The callback-address and e-mail rules the admin services (and, at delivery time, the deliverer) rely on.</summary>
public sealed class AdresRegelsTests
{
    private static readonly CallbackAdresRegels Standaard = new();

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("224.0.0.1")]
    public void IsToegestaan_NonPublicAddress_IsFalseByDefault(string adres)
    {
        Assert.False(Standaard.IsToegestaan(IPAddress.Parse(adres)));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    public void IsToegestaan_PublicAddress_IsTrue(string adres)
    {
        Assert.True(Standaard.IsToegestaan(IPAddress.Parse(adres)));
    }

    [Fact]
    public void IsToegestaan_ConfiguredNetwork_IsAllowedButOnlyThatOne()
    {
        var regels = new CallbackAdresRegels([IPNetwork.Parse("10.20.0.0/16")]);

        Assert.True(regels.IsToegestaan(IPAddress.Parse("10.20.3.4")));
        Assert.True(regels.IsToegestaan(IPAddress.Parse("::ffff:10.20.3.4")));
        Assert.False(regels.IsToegestaan(IPAddress.Parse("10.21.0.1")));
        Assert.False(regels.IsToegestaan(IPAddress.Parse("169.254.169.254")));
    }

    [Theory]
    [InlineData("http://localhost:8080/swv", "test")]
    [InlineData("http://127.0.0.1:8080/swv", "test")]
    [InlineData("http://[::1]:8080/swv", "acceptatie")]
    [InlineData("https://127.0.0.1/swv", "productie")]
    public void Controleer_LoopbackWhenConfigured_HttpOnlyOutsideProductie(string url, string omgeving)
    {
        var regels = new CallbackAdresRegels([IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")]);

        Assert.Null(regels.Controleer(url, omgeving, "callbackUrl"));
        Assert.NotNull(regels.Controleer(url.Replace("https://", "http://", StringComparison.Ordinal), "productie", "callbackUrl"));
    }

    [Theory]
    [InlineData("https://esis.example/swv")]
    [InlineData("https://93.184.216.34/swv")]
    public void Controleer_PublicHttps_IsFine(string url)
    {
        Assert.Null(Standaard.Controleer(url, "productie", "callbackUrl"));
    }

    [Theory]
    [InlineData(null, FoutCodes.VerplichtVeldOntbreekt)]
    [InlineData("esis.example/swv", FoutCodes.VeldOngeldig)]
    [InlineData("ftp://esis.example/swv", FoutCodes.VeldOngeldig)]
    [InlineData("https://user:pw@esis.example/swv", FoutCodes.VeldOngeldig)]
    [InlineData("https://esis.example/swv#x", FoutCodes.VeldOngeldig)]
    [InlineData("https://0xA9FEA9FE/swv", FoutCodes.VeldOngeldig)]
    public void Controleer_MalformedOrHidden_IsRefused(string? url, string code)
    {
        Assert.Equal(code, Standaard.Controleer(url, "productie", "callbackUrl")?.Code);
    }

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("fd00::/8", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("tien", false)]
    [InlineData("10.0.0.0/33", false)]
    public void TryParseNetwerk_OnlyCidr(string tekst, bool geldig)
    {
        Assert.Equal(geldig, CallbackAdresRegels.TryParseNetwerk(tekst, out _));
    }

    [Theory]
    [InlineData("ib@regenboog.nl", true)]
    [InlineData("m.de.vries+hulp@school-noord.nl", true)]
    [InlineData("juf@basisschool-één.nl", true)]
    [InlineData("geen", false)]
    [InlineData("", false)]
    [InlineData("ib@regenboog", false)]
    [InlineData("ib@@regenboog.nl", false)]
    [InlineData("ib @regenboog.nl", false)]
    [InlineData("ib@regenboog.nl\r\nBcc: x@y.nl", false)]
    [InlineData("ib@regenboog.nl\n", false)]
    [InlineData("\"a b\"@regenboog.nl", false)]
    [InlineData("a,b@regenboog.nl", false)]
    [InlineData("<ib@regenboog.nl>", false)]
    [InlineData(".ib@regenboog.nl", false)]
    [InlineData("ib@regenboog.123", false)]
    [InlineData("ib@-regenboog.nl", false)]
    public void IsGeldig_EmailAdres(string adres, bool geldig)
    {
        Assert.Equal(geldig, EmailAdres.IsGeldig(adres));
    }

    [Fact]
    public void IsGeldig_TooLong_IsFalse()
    {
        Assert.False(EmailAdres.IsGeldig(new string('a', 64) + "@" + new string('b', 190) + ".nl"));
        Assert.False(EmailAdres.IsGeldig(new string('a', 65) + "@regenboog.nl"));
    }
}

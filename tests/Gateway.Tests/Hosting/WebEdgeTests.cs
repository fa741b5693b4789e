using System.Xml;
using Hulpvraag.Edge;

namespace Hulpvraag.Gateway.Tests.Hosting;

/// <summary>Problem details, SOAP faults and correlation live once, in the shared edge, not borrowed from an adapter.</summary>
public sealed class WebEdgeTests
{
    [Theory]
    [InlineData("Hulpvraag.Adapters.Esis")]
    [InlineData("Hulpvraag.Adapters.ParnasSys")]
    [InlineData("gateway")]
    public void Adapters_AndGateway_ReferenceTheSharedEdgeAndDefineNoOwnProblemMapping(string assembly)
    {
        var geladen = AppDomain.CurrentDomain.GetAssemblies().SingleOrDefault(a => a.GetName().Name == assembly)
            ?? System.Reflection.Assembly.Load(assembly);

        Assert.Contains(geladen.GetReferencedAssemblies(), r => r.Name == "Hulpvraag.Edge");
        Assert.DoesNotContain(geladen.GetTypes(), t => t.Name is "FoutProblemen" or "SoapResultaat"
            || t.GetMethods().Any(m => m.Name == "Fout" && m.ReturnType == typeof(byte[])));
    }

    [Fact]
    public void SoapFoutBericht_Maak_CarriesTheCodeInTheGatewayDetail()
    {
        var doc = new XmlDocument();
        doc.LoadXml(System.Text.Encoding.UTF8.GetString(SoapFoutBericht.Maak("VELD_ONGELDIG", "<geen> tags", "0004")));

        Assert.Equal("VELD_ONGELDIG", doc.GetElementsByTagName("code", SoapFoutBericht.GatewayNamespace)[0]!.InnerText);
        Assert.Equal("soapenv:Client", doc.GetElementsByTagName("faultcode")[0]!.InnerText);
        Assert.Equal("<geen> tags", doc.GetElementsByTagName("melding", SoapFoutBericht.GatewayNamespace)[0]!.InnerText);
    }
}

using System.Globalization;

namespace Hulpvraag.Bench;

/// <summary>
/// Writes the benchmark envelope (<paramref name="copies"/> identical files) and the chain as PEM, for
/// <c>xmlsec-batch.sh</c>. xmlsec1 checks only the cryptography (like plain SignedXml): no profile, Timestamp or chain.
/// </summary>
internal static class XmlsecExport
{
    public static int Run(string directory, int copies)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        using var fixture = SignedEnvelopeFixture.Create();
        var envelopes = Path.Combine(directory, "envelopes");
        Directory.CreateDirectory(envelopes);
        for (var i = 0; i < copies; i++)
        {
            File.WriteAllBytes(Path.Combine(envelopes, string.Create(CultureInfo.InvariantCulture, $"env-{i:D5}.xml")), fixture.Envelope);
        }

        File.WriteAllText(Path.Combine(directory, "leaf.pem"), fixture.Leaf.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "root.pem"), fixture.Root.ExportCertificatePem());
        Console.WriteLine($"{copies} copies of a {fixture.Envelope.Length}-byte envelope in {envelopes}");
        return 0;
    }
}

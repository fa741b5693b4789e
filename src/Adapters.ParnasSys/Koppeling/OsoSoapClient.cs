using System.Buffers;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

/// <summary>
/// The transport to a school's OSO endpoint, shared by the dossier fetch (documentRequest) and the terugkoppeling: posts
/// a signed SOAP message and spools the answer to an owner-only temp file, bounded by <see cref="OsoSleutels.MaxOpgehaald"/>.
/// </summary>
public sealed class OsoSoapClient(IHttpClientFactory clients)
{
    public const string HttpClientName = "oso";

    /// <summary>The endpoint URL with the school's routeringskenmerk as <c>oin</c> (spec: wsa:To outbound).</summary>
    internal static string Adres(OsoEndpoint endpoint) =>
        endpoint.Url + (endpoint.Url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "oin=" + endpoint.RouteringsKenmerk;

    /// <summary>Sends the request and spools the answer, bounded by <see cref="OsoSleutels.MaxOpgehaald"/>, to a temp file.</summary>
    /// <returns>The file at position 0; it deletes itself when disposed.</returns>
    internal async Task<FileStream> PostAsync(string url, string action, byte[] bericht, CancellationToken ct)
    {
        using var client = clients.CreateClient(HttpClientName);
        using var inhoud = new ByteArrayContent(bericht);
        inhoud.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = inhoud };
        request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{action}\"");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            // A fault or an outage at the school's supplier: the notificatie stays and is tried again until the horizon.
            throw new PogingMislukt($"HTTP {(int)response.StatusCode} van het endpoint {response.RequestMessage?.RequestUri?.Host}.");
        }

        if (response.Content.Headers.ContentLength > OsoSleutels.MaxOpgehaald)
        {
            throw new PogingMislukt(TeGroot);
        }

        Directory.CreateDirectory(SpoolMap);
        var opties = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows())
        {
            opties.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var bestand = new FileStream(Path.Combine(SpoolMap, Guid.NewGuid().ToString("N") + ".xml"), opties);
        try
        {
            await using var bron = await response.Content.ReadAsStreamAsync(ct);
            var buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                int gelezen;
                while ((gelezen = await bron.ReadAsync(buffer, ct)) > 0)
                {
                    // Without a Content-Length (chunked) the limit is only known while reading.
                    if (bestand.Length + gelezen > OsoSleutels.MaxOpgehaald)
                    {
                        throw new PogingMislukt(TeGroot);
                    }

                    await bestand.WriteAsync(buffer.AsMemory(0, gelezen), ct);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            await bestand.FlushAsync(ct);
            bestand.Position = 0;
            return bestand;
        }
        catch
        {
            await bestand.DisposeAsync();
            throw;
        }
    }

    private const string TeGroot = "Het antwoord is groter dan de gateway accepteert.";

    /// <summary>Owner-only files: the answer holds pupil data until it is mapped.</summary>
    private static readonly string SpoolMap = Path.Combine(Path.GetTempPath(), "hulpvraag-gateway-oso");

    /// <summary>An expected, transient failure of one attempt.</summary>
    public sealed class PogingMislukt(string message) : Exception(message);
}

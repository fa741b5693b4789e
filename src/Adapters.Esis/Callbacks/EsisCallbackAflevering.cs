using Hulpvraag.Edge;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Adapters.Esis.Verificatiecodes;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Microsoft.Extensions.Options;
using Refit;

namespace Hulpvraag.Adapters.Esis.Callbacks;

/// <summary>Esis' callback receiver, as a Refit contract: <c>POST {callbackUrl}/aanvragen/{aanvraagId}/status</c>.</summary>
public interface IEsisCallbackApi
{
    [Post("/aanvragen/{aanvraagId}/status")]
    Task<IApiResponse> StatusAsync(string aanvraagId, [Body] HttpContent inhoud, [Header(EsisCallbackAflevering.SignatureHeader)] string handtekening, CancellationToken cancellationToken);
}

public sealed record CallbackStatusJson(string Code, string Weergave, string? Kwalificatie, string? Toelichting);

public sealed record CallbackJson(Guid GebeurtenisId, long? Dossiernummer, string AanvraagId, CallbackStatusJson Status, DateTimeOffset GewijzigdOp);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CallbackJson))]
internal sealed partial class EsisCallbackJsonContext : JsonSerializerContext;

/// <summary>
/// Delivers status callbacks to Esis, signed with the registration's callback secret:
/// <c>X-Gateway-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>. The body bytes that are
/// signed are the bytes that are sent.
/// </summary>
public sealed class EsisCallbackAflevering(
    IEsisRegistraties registraties, EsisSleutels sleutels, IHttpClientFactory clients, IOptions<EsisOptions> options, TimeProvider clock)
    : ICallbackAflevering
{
    public const string SignatureHeader = "X-Gateway-Signature";
    public const string HttpClientName = "esis-callbacks";

    public string Kanaal => AfleverKanalen.EsisCallback;

    public async Task<AfleverUitkomst> AfleverenAsync(CallbackOpdracht callback, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(callback.Koppelsleutel, out var id) || await registraties.VindAsync(id, cancellationToken) is not { } registratie)
        {
            return new AfleverUitkomst.Onbestelbaar("Geen Esis-registratie bij deze hulpvraag: de callback kan nergens heen.");
        }

        if (registratie.IngetrokkenOp is not null)
        {
            return new AfleverUitkomst.Onbestelbaar($"De Esis-registratie {id} is ingetrokken op {registratie.IngetrokkenOp:yyyy-MM-dd}.");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new CallbackJson(
            callback.GebeurtenisId, callback.Dossiernummer, callback.Referentie,
            new CallbackStatusJson(callback.StatusCode ?? "", callback.Weergave ?? "", callback.Kwalificatie, callback.Toelichting),
            callback.GewijzigdOp), EsisCallbackJsonContext.Default.CallbackJson);
        var handtekening = Onderteken(sleutels.Ontsleutel(registratie.CallbackSecretVersleuteld), clock.GetUtcNow(), body);

        using var client = clients.CreateClient(HttpClientName);
        client.BaseAddress = new Uri(registratie.CallbackUrl.TrimEnd('/') + "/");
        var api = RestService.For<IEsisCallbackApi>(client);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CallbackTimeout);
        try
        {
            using var inhoud = new ByteArrayContent(body);
            inhoud.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var antwoord = await api.StatusAsync(callback.Referentie, inhoud, handtekening, timeout.Token);
            return antwoord.StatusCode is not { } status
                ? (AdresGeweigerd(antwoord.Error) ? AdresNietToegestaan() : new AfleverUitkomst.LaterOpnieuw("Geen HTTP-antwoord van Esis."))
                : Beoordeel(status, antwoord.ReasonPhrase, antwoord.ContentHeaders?.ContentType?.MediaType,
                    antwoord.ContentHeaders?.ContentLength ?? ((antwoord.Error as ApiException)?.Content is { } c ? Encoding.UTF8.GetByteCount(c) : null));
        }
        catch (HttpRequestException ex) when (AdresGeweigerd(ex))
        {
            return AdresNietToegestaan();
        }
        catch (HttpRequestException ex)
        {
            return new AfleverUitkomst.LaterOpnieuw($"Esis onbereikbaar: {ex.HttpRequestError}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AfleverUitkomst.LaterOpnieuw($"Geen antwoord van Esis binnen {options.Value.CallbackTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>Retrying will not help: the registration or <c>Callbacks:ToegestaneNetwerken</c> must change first (then re-drive it).</summary>
    private static AfleverUitkomst AdresNietToegestaan() => new AfleverUitkomst.Onbestelbaar(
        "De callback-URL verwijst (na het opzoeken van de naam) naar een intern of gereserveerd adres; er is geen verbinding gemaakt. "
        + "Pas de registratie aan of sta het netwerk toe in Callbacks:ToegestaneNetwerken.");

    private static bool AdresGeweigerd(Exception? fout)
    {
        for (var e = fout; e is not null; e = e.InnerException)
        {
            if (e is AdresNietToegestaanException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// 2xx delivered; 408, 429 and 5xx are worth another try; any other 4xx will not get better by retrying. Only the
    /// status, content type and length of the answer are recorded: a receiver that echoes the request would otherwise
    /// put the toelichting into laatste_fout and the logs.
    /// </summary>
    internal static AfleverUitkomst Beoordeel(HttpStatusCode status, string? reden, string? contentType, long? lengte)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return AfleverUitkomst.Geslaagd;
        }

        var tekst = $"HTTP {code} {Schoon(reden)} ({Schoon(contentType) ?? "geen inhoudstype"}, {(lengte is { } l ? $"{l} bytes" : "lengte onbekend")})";
        return code is 408 or 429 or >= 500 ? new AfleverUitkomst.LaterOpnieuw(tekst) : new AfleverUitkomst.Onbestelbaar(tekst);
    }

    /// <summary>A reason phrase or media type is the receiver's text too: printable ASCII, bounded.</summary>
    private static string? Schoon(string? tekst)
    {
        if (string.IsNullOrEmpty(tekst))
        {
            return null;
        }

        var schoon = new string(tekst.Where(t => t is >= ' ' and <= '~').Take(60).ToArray());
        return schoon.Length == 0 ? null : schoon;
    }

    public static string Onderteken(string secret, DateTimeOffset tijd, ReadOnlySpan<byte> body)
    {
        var t = tijd.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bericht = new byte[t.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(t, bericht);
        bericht[t.Length] = (byte)'.';
        body.CopyTo(bericht.AsSpan(t.Length + 1));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bericht);
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}

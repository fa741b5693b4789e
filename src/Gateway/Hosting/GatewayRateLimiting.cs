using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Edge;
using Hulpvraag.Gateway.Limieten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Hosting;

/// <summary>
/// Section <c>RateLimits</c>: a token bucket per client address on the endpoints schools' systems call (OSO, Esis).
/// It bounds what one address can make the gateway verify and store, beside the Esis failure limits (which count
/// refused verificatiecodes). One supplier (ParnasSys, Esis) serves every school from a few addresses, hence a
/// default well above any real day (a whole samenwerkingsverband sends hundreds of hulpvragen a day, not a second)
/// and still well below what one instance can take (~1,300–1,700 OSO notificaties/s on two cores).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sustained requests per second per address; 0 switches the limit off (load tests).</summary>
    [Range(0, 100_000, ErrorMessage = "RateLimits:PerAddressPerSecond moet 0 (uit) tot en met 100000 zijn.")]
    [ConfigurationKeyName("PerAddressPerSecond")]
    public int PerAdresPerSeconde { get; set; } = 200;

    /// <summary>Requests one address may send at once before the sustained rate applies.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:Burst moet 1 tot en met 1000000 zijn.")]
    public int Burst { get; set; } = 1000;
}

public static class GatewayRateLimiting
{
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .MetOudeSleutels(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, GedeeldeAanvraagLimiet>((o, limits, gedeeld) =>
        {
            var l = limits.Value;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                l.PerAdresPerSeconde == 0 || !IsPubliek(http.Request.Path)
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : gedeeld.Actief
                    ? RateLimitPartition.Get(http.Connection.RemoteIpAddress?.ToString() ?? "onbekend", gedeeld.VoorAdres)
                    : RateLimitPartition.GetTokenBucketLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "onbekend", _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = l.Burst,
                        TokensPerPeriod = l.PerAdresPerSeconde,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            o.OnRejected = WeigerAsync;
        });
        return services;
    }

    private static bool IsPubliek(PathString pad) =>
        pad.StartsWithSegments("/oso", StringComparison.OrdinalIgnoreCase) || pad.StartsWithSegments("/esis", StringComparison.OrdinalIgnoreCase);

    /// <summary>The refusal in the caller's own protocol: a SOAP fault for OSO, problem details for Esis.</summary>
    private static async ValueTask WeigerAsync(OnRejectedContext context, CancellationToken _)
    {
        var http = context.HttpContext;
        var seconden = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wacht) ? Math.Max(1, (int)Math.Ceiling(wacht.TotalSeconds)) : 1;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconden.ToString(CultureInfo.InvariantCulture);
        var melding = $"Te veel verzoeken vanaf dit adres. Probeer het over {Wachttijd.Tekst(seconden)} opnieuw; er is niets opgeslagen.";
        if (http.Request.Path.StartsWithSegments("/oso", StringComparison.OrdinalIgnoreCase))
        {
            await SoapFoutBericht.SchrijfAsync(http, StatusCodes.Status429TooManyRequests, FoutCodes.TeVeelPogingen, melding, "0001", server: true);
            return;
        }

        await FoutProblemen.Problem(new Fout(FoutCodes.TeVeelPogingen, null, melding)).ExecuteAsync(http);
    }
}

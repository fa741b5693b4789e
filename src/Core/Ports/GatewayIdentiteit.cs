using System.Reflection;

namespace Hulpvraag.Core.Ports;

/// <summary>How the gateway names itself to the systems it calls (callbacks, terugkoppelingen): <c>HulpvraagGateway/&lt;version&gt;</c>.</summary>
public static class GatewayIdentiteit
{
    public const string Product = "HulpvraagGateway";

    /// <summary>The build's version without the source-revision suffix ("1.4.0", not "1.4.0+3f2a…").</summary>
    public static string Versie { get; } = LeesVersie();

    public static string UserAgent => $"{Product}/{Versie}";

    private static string LeesVersie()
    {
        var assembly = typeof(GatewayIdentiteit).Assembly;
        var versie = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0";
        var plus = versie.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? versie : versie[..plus];
    }
}

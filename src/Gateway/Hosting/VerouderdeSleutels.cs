using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Hosting;

/// <summary>
/// Configuration keys renamed to follow the naming rule of docs/glossary.md (technical words English) are still read
/// under their old name, with a warning naming the new one, so no operator's file breaks. The new key wins when both
/// are given. Works on whatever configuration the options are bound from, including sources added after start-up
/// registration (tests), because it runs when the options are first built.
/// </summary>
public static partial class VerouderdeSleutels
{
    /// <summary>Reads <paramref name="namen"/> (old → new, relative to <paramref name="section"/>) from <paramref name="configuration"/>.</summary>
    public static OptionsBuilder<T> MetOudeSleutels<T>(
        this OptionsBuilder<T> builder, IConfiguration configuration, string section, params (string Oud, string Nieuw)[] namen)
        where T : class =>
        builder.PostConfigure<ILoggerFactory>((o, loggers) => Pas(o, configuration, section, namen, loggers));

    /// <summary>As above, from the configuration in the container (for options bound with <c>BindConfiguration</c>).</summary>
    public static OptionsBuilder<T> MetOudeSleutels<T>(this OptionsBuilder<T> builder, string section, params (string Oud, string Nieuw)[] namen)
        where T : class =>
        builder.PostConfigure<IConfiguration, ILoggerFactory>((o, configuration, loggers) => Pas(o, configuration, section, namen, loggers));

    /// <summary>The old keys found (full paths, old → new) where the new key is absent; their values, under the new key.</summary>
    public static (IReadOnlyList<(string Oud, string Nieuw)> Gevonden, IReadOnlyDictionary<string, string?> Waarden) Zoek(
        IConfiguration configuration, string section, IEnumerable<(string Oud, string Nieuw)> namen)
    {
        var gevonden = new List<(string, string)>();
        var waarden = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (oud, nieuw) in namen)
        {
            var oudeSectie = configuration.GetSection($"{section}:{oud}");
            if (!oudeSectie.Exists() || configuration.GetSection($"{section}:{nieuw}").Exists())
            {
                continue;
            }

            gevonden.Add(($"{section}:{oud}", $"{section}:{nieuw}"));
            // A value, or a section (a list: ...:0, ...:1): every leaf moves under the new name.
            foreach (var (pad, waarde) in oudeSectie.AsEnumerable(makePathsRelative: true))
            {
                if (waarde is not null)
                {
                    waarden[pad.Length == 0 ? nieuw : $"{nieuw}:{pad}"] = waarde;
                }
            }
        }

        return (gevonden, waarden);
    }

    private static void Pas<T>(T options, IConfiguration configuration, string section, (string Oud, string Nieuw)[] namen, ILoggerFactory loggers)
        where T : class
    {
        var (gevonden, waarden) = Zoek(configuration, section, namen);
        if (gevonden.Count == 0)
        {
            return;
        }

        new ConfigurationBuilder().AddInMemoryCollection(waarden).Build().Bind(options);
        var logger = loggers.CreateLogger(typeof(VerouderdeSleutels).FullName!);
        foreach (var (oud, nieuw) in gevonden)
        {
            LogOudeSleutel(logger, oud, nieuw);
        }
    }

    [LoggerMessage(EventId = 1095, Level = LogLevel.Warning,
        Message = "Configuration key {Oud} is now called {Nieuw}; the old name is still read, but please update the configuration")]
    private static partial void LogOudeSleutel(ILogger logger, string oud, string nieuw);
}

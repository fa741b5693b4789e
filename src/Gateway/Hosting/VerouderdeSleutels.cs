using System.Collections.Concurrent;
using Hulpvraag.Core.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Hosting;

/// <summary>
/// Configuration keys renamed to follow the naming rule of docs/glossary.md (technical words English) are still read
/// under their old name, with one warning per old key naming the new one, so no operator's file breaks. The new key
/// wins when both are given. Runs when the options are first built (ValidateOnStart: at start-up), on whatever
/// configuration they are bound from, including sources added after registration (tests).
/// </summary>
public static partial class VerouderdeSleutels
{
    /// <summary>Every renamed key, old → new (full configuration paths). docs/configuration.md lists the same table.</summary>
    public static IReadOnlyList<(string Oud, string Nieuw)> Hernoemd { get; } =
    [
        ("Metrics:VernieuwInterval", "Metrics:RefreshInterval"),
        ("RateLimits:PerAdresPerSeconde", "RateLimits:PerAddressPerSecond"),
        ("Callbacks:TraagNa", "Callbacks:SlowAfter"),
        ("Callbacks:MaxTragePerBestemming", "Callbacks:MaxSlowPerDestination"),
        ("Callbacks:ToegestaneNetwerken", "Callbacks:AllowedNetworks"),
        ("Email:Smtp:MaxVerbindingen", "Email:Smtp:MaxConnections"),
        ("Retentie:BatchGrootte", "Retentie:BatchSize"),
        ("Retentie:PauzeTussenBatches", "Retentie:PauseBetweenBatches"),
        ("Retentie:LeaseDuur", "Retentie:LeaseDuration"),
    ];

    /// <summary>Reads the renamed keys of <paramref name="section"/> under their old names from <paramref name="configuration"/>.</summary>
    public static OptionsBuilder<T> MetOudeSleutels<T>(this OptionsBuilder<T> builder, IConfiguration configuration, string section)
        where T : class
    {
        builder.Services.TryAddSingleton<Melder>();
        return builder.PostConfigure<Melder>((o, melder) => Pas(o, configuration, section, melder));
    }

    /// <summary>As above, from the configuration in the container (for options bound with <c>BindConfiguration</c>).</summary>
    public static OptionsBuilder<T> MetOudeSleutels<T>(this OptionsBuilder<T> builder, string section)
        where T : class
    {
        builder.Services.TryAddSingleton<Melder>();
        return builder.PostConfigure<IConfiguration, Melder>((o, configuration, melder) => Pas(o, configuration, section, melder));
    }

    /// <summary>
    /// The old keys of <paramref name="section"/> found where the new key is absent (full paths, old → new), and their
    /// values under the new name relative to the section, ready to bind onto the options.
    /// </summary>
    public static (IReadOnlyList<(string Oud, string Nieuw)> Gevonden, IReadOnlyDictionary<string, string?> Waarden) Zoek(
        IConfiguration configuration, string section)
    {
        var gevonden = new List<(string, string)>();
        var waarden = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (oud, nieuw) in Hernoemd.Where(h => h.Oud.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)))
        {
            var oudeSectie = configuration.GetSection(oud);
            if (!oudeSectie.Exists() || configuration.GetSection(nieuw).Exists())
            {
                continue;
            }

            gevonden.Add((oud, nieuw));
            var doel = nieuw[(section.Length + 1)..];
            // A plain value (AsEnumerable with relative paths leaves the section's own value out: that dropped every
            // scalar key before), or a list (…:0, …:1) whose every leaf moves under the new name.
            if (oudeSectie.Value is not null)
            {
                waarden[doel] = oudeSectie.Value;
            }

            foreach (var (pad, waarde) in oudeSectie.AsEnumerable(makePathsRelative: true))
            {
                if (pad.Length > 0 && waarde is not null)
                {
                    waarden[$"{doel}:{pad}"] = waarde;
                }
            }
        }

        return (gevonden, waarden);
    }

    private static void Pas<T>(T options, IConfiguration configuration, string section, Melder melder)
        where T : class
    {
        var (gevonden, waarden) = Zoek(configuration, section);
        if (gevonden.Count == 0)
        {
            return;
        }

        new ConfigurationBuilder().AddInMemoryCollection(waarden).Build().Bind(options);
        foreach (var (oud, nieuw) in gevonden)
        {
            melder.Meld(oud, nieuw);
        }
    }

    [LoggerMessage(EventId = LogEventIds.VerouderdeSleutel, Level = LogLevel.Warning,
        Message = "Configuration key {Oud} is now called {Nieuw}; the old name is still read, but please update the configuration")]
    private static partial void LogOudeSleutel(ILogger logger, string oud, string nieuw);

    /// <summary>
    /// One warning per old key per process (container): options are built more than once (two options classes share
    /// the Callbacks section, snapshots and monitors rebuild), the operator needs to hear it once. Options built in a
    /// container without logging (a unit test of one options class) still bind, without the warning.
    /// </summary>
    internal sealed class Melder(IServiceProvider services)
    {
        private readonly ConcurrentDictionary<string, bool> _gemeld = new(StringComparer.OrdinalIgnoreCase);
        private readonly ILogger _logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(typeof(VerouderdeSleutels).FullName!);

        public void Meld(string oud, string nieuw)
        {
            if (_gemeld.TryAdd(oud, true))
            {
                LogOudeSleutel(_logger, oud, nieuw);
            }
        }
    }
}

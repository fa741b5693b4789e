using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Hulpvraag.Gateway.Retentie;

/// <summary>
/// Section <c>Retentie</c> (AVG: keep nothing longer than needed). Closed hulpvragen have no default: the
/// samenwerkingsverband sets its own term, and until it does they are kept (with a warning at start-up).
/// </summary>
public sealed class RetentieOptions
{
    public const string Section = "Retentie";

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retentie:AfgeleverdeBerichten moet tussen 1 en 3650 dagen liggen.")]
    public TimeSpan AfgeleverdeBerichten { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Retentie:Ontvangsten moet tussen 1 en 3650 dagen liggen.")]
    public TimeSpan Ontvangsten { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Closed hulpvragen (final status) with their attachments, counted from the final status; null keeps them.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00", ErrorMessage = "Retentie:AfgeslotenHulpvragen moet tussen 1 en 36500 dagen liggen (of leeg laten: uit).")]
    public TimeSpan? AfgeslotenHulpvragen { get; set; }

    /// <summary>
    /// Audit entries, cut from the start of the chain (the anchor keeps the chain verifiable from the first entry kept).
    /// Long by default: the trail is what shows, years later, who changed a hulpvraag or deleted data.
    /// </summary>
    [Range(typeof(TimeSpan), "30.00:00:00", "36500.00:00:00", ErrorMessage = "Retentie:Audit moet tussen 30 en 36500 dagen liggen.")]
    public TimeSpan Audit { get; set; } = TimeSpan.FromDays(1826);

    /// <summary>How often a round runs (one instance at a time, by lease).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Retentie:Interval moet tussen 1 seconde en 7 dagen liggen.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Delay before the first round after start; empty: a random 30 to 90 seconds, so instances started together do
    /// not all reach for the lease at once (a benchmark sets it to start a round at a known moment).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Retentie:EersteRonde moet tussen 0 en 7 dagen liggen (of leeg laten: 30 tot 90 seconden).")]
    public TimeSpan? EersteRonde { get; set; }

    /// <summary>Rows per delete: small enough that intake never waits long on the locks or the WAL of one batch.</summary>
    [Range(10, 100_000, ErrorMessage = "Retentie:BatchSize moet tussen 10 en 100000 liggen.")]
    [ConfigurationKeyName("BatchSize")]
    public int BatchGrootte { get; set; } = 1000;

    /// <summary>Pause between batches, leaving the database to intake.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Retentie:PauseBetweenBatches moet tussen 0 en 1 minuut liggen.")]
    [ConfigurationKeyName("PauseBetweenBatches")]
    public TimeSpan PauzeTussenBatches { get; set; } = TimeSpan.FromMilliseconds(20);

    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Retentie:LeaseDuration moet tussen 5 seconden en 1 uur liggen.")]
    [ConfigurationKeyName("LeaseDuration")]
    public TimeSpan LeaseDuur { get; set; } = TimeSpan.FromMinutes(2);
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Hulpvraag.Gateway.Outbox;

public sealed class CallbackOptions : IValidatableObject
{
    public const string Section = "Callbacks";

    /// <summary>After this, an undelivered callback is declared dead (visible, re-drivable).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00", ErrorMessage = "Callbacks:MaxAge moet tussen 1 minuut en 90 dagen liggen.")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Callbacks:MinBackoff moet tussen 10 ms en 1 uur liggen.")]
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Callbacks:MaxBackoff moet tussen 10 ms en 1 dag liggen.")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Callbacks:AttemptTimeout moet tussen 100 ms en 10 minuten liggen.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed row stays with one dispatcher; longer than an attempt, so a live delivery keeps it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Callbacks:LeaseDuration moet tussen 1 seconde en 1 uur liggen.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Callbacks:PollInterval moet tussen 10 ms en 10 minuten liggen.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1000, ErrorMessage = "Callbacks:BatchSize moet tussen 1 en 1000 liggen.")]
    public int BatchSize { get; set; } = 100;

    [Range(1, 256, ErrorMessage = "Callbacks:MaxParallel moet tussen 1 en 256 liggen.")]
    public int MaxParallel { get; set; } = 16;

    /// <summary>
    /// A delivery without an answer after this long is "traag": it gives its MaxParallel slot back and runs on until
    /// its attempt timeout, so a school whose system hangs cannot hold up the others while its circuit is still closed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = "Callbacks:SlowAfter moet tussen 50 ms en 10 minuten liggen.")]
    [ConfigurationKeyName("SlowAfter")]
    public TimeSpan TraagNa { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Slow deliveries one destination (source system and school) may have running; then it gets no new ones.</summary>
    [Range(1, 256, ErrorMessage = "Callbacks:MaxSlowPerDestination moet tussen 1 en 256 liggen.")]
    [ConfigurationKeyName("MaxSlowPerDestination")]
    public int MaxTragePerBestemming { get; set; } = 4;

    /// <summary>How long a destination's circuit stays open after repeated failures.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00", ErrorMessage = "Callbacks:BreakDuration moet tussen 0,5 seconden en 1 uur liggen.")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {

        // A row must be delivered (or given up) well before its lease ends, or another instance may take it meanwhile.
        if (LeaseDuration < AttemptTimeout * 2)
        {
            yield return new ValidationResult(
                $"Callbacks:LeaseDuration ({LeaseDuration}) moet minstens twee keer Callbacks:AttemptTimeout ({AttemptTimeout}) zijn.",
                [nameof(LeaseDuration)]);
        }
    }

    /// <summary>Switch off to run an instance that only receives (the dispatcher then runs elsewhere).</summary>
    public bool DispatcherEnabled { get; set; } = true;
}

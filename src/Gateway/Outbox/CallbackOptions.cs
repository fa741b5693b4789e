using System.ComponentModel.DataAnnotations;

namespace Hulpvraag.Gateway.Outbox;

public sealed class CallbackOptions : IValidatableObject
{
    public const string Section = "Callbacks";

    /// <summary>After this, an undelivered callback is declared dead (visible, re-drivable).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00", ErrorMessage = "Callbacks:MaxAge must lie between 1 minute and 90 days.")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Callbacks:MinBackoff must lie between 10 ms and 1 hour.")]
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Callbacks:MaxBackoff must lie between 10 ms and 1 day.")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Callbacks:AttemptTimeout must lie between 100 ms and 10 minutes.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed row stays with one dispatcher; longer than an attempt, so a live delivery keeps it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Callbacks:LeaseDuration must lie between 1 second and 1 hour.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Callbacks:PollInterval must lie between 10 ms and 10 minutes.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1000, ErrorMessage = "Callbacks:BatchSize must lie between 1 and 1000.")]
    public int BatchSize { get; set; } = 100;

    [Range(1, 256, ErrorMessage = "Callbacks:MaxParallel must lie between 1 and 256.")]
    public int MaxParallel { get; set; } = 16;

    /// <summary>
    /// A delivery without an answer after this long is "traag": it gives its MaxParallel slot back and runs on until
    /// its attempt timeout, so a school whose system hangs cannot hold up the others while its circuit is still closed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = "Callbacks:TraagNa must lie between 50 ms and 10 minutes.")]
    public TimeSpan TraagNa { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Slow deliveries one destination (source system and school) may have running; then it gets no new ones.</summary>
    [Range(1, 256, ErrorMessage = "Callbacks:MaxTragePerBestemming must lie between 1 and 256.")]
    public int MaxTragePerBestemming { get; set; } = 4;

    /// <summary>How long a destination's circuit stays open after repeated failures.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00", ErrorMessage = "Callbacks:BreakDuration must lie between 0.5 seconds and 1 hour.")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {

        // A row must be delivered (or given up) well before its lease ends, or another instance may take it meanwhile.
        if (LeaseDuration < AttemptTimeout * 2)
        {
            yield return new ValidationResult(
                $"Callbacks:LeaseDuration ({LeaseDuration}) must be at least twice Callbacks:AttemptTimeout ({AttemptTimeout}).",
                [nameof(LeaseDuration)]);
        }
    }

    /// <summary>Switch off to run an instance that only receives (the dispatcher then runs elsewhere).</summary>
    public bool DispatcherEnabled { get; set; } = true;
}

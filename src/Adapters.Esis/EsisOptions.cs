using System.ComponentModel.DataAnnotations;

namespace Hulpvraag.Adapters.Esis;

public sealed class EsisOptions
{
    public const string Section = "Esis";

    /// <summary>
    /// Secret for the keyed hash of verification codes (and the key the callback secrets are encrypted with).
    /// Generated beside the SQLite file in development; required with PostgreSQL.
    /// </summary>
    [MinLength(32, ErrorMessage = "Esis:CodePepper must be at least 32 characters long.")]
    public string? CodePepper { get; set; }

    [Range(1, 1000, ErrorMessage = "Esis:CodePepperVersie must lie between 1 and 1000.")]
    public int CodePepperVersie { get; set; } = 1;

    /// <summary>The previous pepper while codes hashed with it are still registered (pepper rotation).</summary>
    [MinLength(32, ErrorMessage = "Esis:VorigeCodePepper must be at least 32 characters long.")]
    public string? VorigeCodePepper { get; set; }

    [Range(1, 1000, ErrorMessage = "Esis:VorigeCodePepperVersie must lie between 1 and 1000.")]
    public int VorigeCodePepperVersie { get; set; } = 1;

    /// <summary>How long an old code keeps working after a rotation, unless the helpdesk says otherwise.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00", ErrorMessage = "Esis:RotatieOverlap must lie between 0 and 90 days.")]
    public TimeSpan RotatieOverlap { get; set; } = TimeSpan.FromDays(7);

    [Range(1, 10_000, ErrorMessage = "Esis:MaxMislukkingenPerSchool must lie between 1 and 10000.")]
    public int MaxMislukkingenPerSchool { get; set; } = 20;

    [Range(1, 10_000, ErrorMessage = "Esis:MaxMislukkingenPerAdresEnSchool must lie between 1 and 10000.")]
    public int MaxMislukkingenPerAdresEnSchool { get; set; } = 5;

    [Range(1, 100_000, ErrorMessage = "Esis:MaxMislukkingenPerAdres must lie between 1 and 100000.")]
    public int MaxMislukkingenPerAdres { get; set; } = 50;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Esis:MislukkingVenster must lie between 1 second and 1 day.")]
    public TimeSpan MislukkingVenster { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Esis:CallbackTimeout must lie between 100 ms and 10 minutes.")]
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

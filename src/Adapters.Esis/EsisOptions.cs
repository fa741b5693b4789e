using System.ComponentModel.DataAnnotations;

namespace Hulpvraag.Adapters.Esis;

public sealed class EsisOptions
{
    public const string Section = "Esis";

    /// <summary>
    /// Secret for the keyed hash of verification codes (and the key the callback secrets are encrypted with).
    /// Generated beside the SQLite file in development; required with PostgreSQL.
    /// </summary>
    [MinLength(32, ErrorMessage = "Esis:CodePepper moet minstens 32 tekens lang zijn.")]
    public string? CodePepper { get; set; }

    [Range(1, 1000, ErrorMessage = "Esis:CodePepperVersie moet tussen 1 en 1000 liggen.")]
    public int CodePepperVersie { get; set; } = 1;

    /// <summary>The previous pepper while codes hashed with it are still registered (pepper rotation).</summary>
    [MinLength(32, ErrorMessage = "Esis:VorigeCodePepper moet minstens 32 tekens lang zijn.")]
    public string? VorigeCodePepper { get; set; }

    [Range(1, 1000, ErrorMessage = "Esis:VorigeCodePepperVersie moet tussen 1 en 1000 liggen.")]
    public int VorigeCodePepperVersie { get; set; } = 1;

    /// <summary>How long an old code keeps working after a rotation, unless the helpdesk says otherwise.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00", ErrorMessage = "Esis:RotatieOverlap moet tussen 0 en 90 dagen liggen.")]
    public TimeSpan RotatieOverlap { get; set; } = TimeSpan.FromDays(7);

    [Range(1, 10_000, ErrorMessage = "Esis:MaxMislukkingenPerSchool moet tussen 1 en 10000 liggen.")]
    public int MaxMislukkingenPerSchool { get; set; } = 20;

    [Range(1, 10_000, ErrorMessage = "Esis:MaxMislukkingenPerAdresEnSchool moet tussen 1 en 10000 liggen.")]
    public int MaxMislukkingenPerAdresEnSchool { get; set; } = 5;

    [Range(1, 100_000, ErrorMessage = "Esis:MaxMislukkingenPerAdres moet tussen 1 en 100000 liggen.")]
    public int MaxMislukkingenPerAdres { get; set; } = 50;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Esis:MislukkingVenster moet tussen 1 seconde en 1 dag liggen.")]
    public TimeSpan MislukkingVenster { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Esis:CallbackTimeout moet tussen 100 ms en 10 minuten liggen.")]
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

using System.ComponentModel.DataAnnotations;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

public sealed class OsoOptions : IValidatableObject
{
    public const string Section = "Oso";

    /// <summary>The gateway's own OIN: inbound wsa:To must carry it, outbound wsa:From carries it.</summary>
    [RegularExpression("^[0-9A-Z]{20}$", ErrorMessage = "Oso:Oin moet uit 20 cijfers of hoofdletters bestaan.")]
    public string? Oin { get; set; }

    /// <summary>PEM files of the trusted root CAs for OSO signers.</summary>
    public List<string> TrustAnchors { get; set; } = [];

    /// <summary>PEM files of intermediate CAs (PKIoverheid), used to build chains but never trusted as roots.</summary>
    public List<string> Intermediates { get; set; } = [];

    public SigningCertificateOptions SigningCertificate { get; set; } = new();

    [Range(typeof(TimeSpan), "00:00:00", "00:30:00", ErrorMessage = "Oso:ClockSkew moet tussen 0 en 30 minuten liggen.")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:10", "01:00:00", ErrorMessage = "Oso:MessageTtl moet tussen 10 seconden en 1 uur liggen.")]
    public TimeSpan MessageTtl { get; set; } = TimeSpan.FromSeconds(300);

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Oso:FetchHorizon moet tussen 1 minuut en 30 dagen liggen.")]
    public TimeSpan FetchHorizon { get; set; } = TimeSpan.FromHours(24);

    /// <summary>First wait after a failed fetch; doubles per attempt (with jitter) up to Oso:FetchMaxBackoff.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Oso:FetchMinBackoff moet tussen 10 ms en 1 uur liggen.")]
    public TimeSpan FetchMinBackoff { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Oso:FetchPollInterval moet tussen 10 ms en 10 minuten liggen.")]
    public TimeSpan FetchPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two fetch attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Oso:FetchMaxBackoff moet tussen 10 ms en 1 dag liggen.")]
    public TimeSpan FetchMaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one instance holds a claimed fetch job; longer than one fetch (its attempt times out at 60 s).</summary>
    [Range(typeof(TimeSpan), "00:02:00", "01:00:00", ErrorMessage = "Oso:FetchLease moet tussen 2 minuten en 1 uur liggen.")]
    public TimeSpan FetchLease { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1000, ErrorMessage = "Oso:FetchBatchSize moet tussen 1 en 1000 liggen.")]
    public int FetchBatchSize { get; set; } = 10;

    /// <summary>Dossiers fetched side by side by one instance.</summary>
    [Range(1, 64, ErrorMessage = "Oso:FetchMaxParallel moet tussen 1 en 64 liggen.")]
    public int FetchMaxParallel { get; set; } = 1;

    /// <summary>OSO is switched on by configuring it; a half-done configuration stops start-up naming what is missing.</summary>
    public bool IsIngesteld => Oin is not null || TrustAnchors.Count > 0 || SigningCertificate.Path is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsIngesteld)
        {
            yield break;
        }

        if (Oin is null)
        {
            yield return new ValidationResult("Oso:Oin is verplicht zodra OSO is ingesteld.", [nameof(Oin)]);
        }

        if (TrustAnchors.Count == 0)
        {
            yield return new ValidationResult("Oso:TrustAnchors heeft minstens één PEM-bestand nodig zodra OSO is ingesteld.", [nameof(TrustAnchors)]);
        }

        foreach (var (pad, i) in TrustAnchors.Select((p, i) => (p, i)).Concat(Intermediates.Select((p, i) => (p, i + 1000))))
        {
            if (!File.Exists(pad))
            {
                var sleutel = i < 1000 ? $"Oso:TrustAnchors:{i}" : $"Oso:Intermediates:{i - 1000}";
                yield return new ValidationResult($"{sleutel}: bestand '{pad}' bestaat niet.", [nameof(TrustAnchors)]);
            }
        }

        if (SigningCertificate.Path is null)
        {
            yield return new ValidationResult("Oso:SigningCertificate:Path is verplicht zodra OSO is ingesteld.", [nameof(SigningCertificate)]);
        }
        else if (!File.Exists(SigningCertificate.Path))
        {
            yield return new ValidationResult($"Oso:SigningCertificate:Path: bestand '{SigningCertificate.Path}' bestaat niet.", [nameof(SigningCertificate)]);
        }
    }
}

public sealed class SigningCertificateOptions
{
    public string? Path { get; set; }

    public string? Password { get; set; }
}

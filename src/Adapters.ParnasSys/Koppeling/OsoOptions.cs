using System.ComponentModel.DataAnnotations;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

public sealed class OsoOptions : IValidatableObject
{
    public const string Section = "Oso";

    /// <summary>The gateway's own OIN: inbound wsa:To must carry it, outbound wsa:From carries it.</summary>
    [RegularExpression("^[0-9A-Z]{20}$", ErrorMessage = "Oso:Oin must be 20 digits or capital letters.")]
    public string? Oin { get; set; }

    /// <summary>PEM files of the trusted root CAs for OSO signers.</summary>
    public List<string> TrustAnchors { get; set; } = [];

    /// <summary>PEM files of intermediate CAs (PKIoverheid), used to build chains but never trusted as roots.</summary>
    public List<string> Intermediates { get; set; } = [];

    public SigningCertificateOptions SigningCertificate { get; set; } = new();

    [Range(typeof(TimeSpan), "00:00:00", "00:30:00", ErrorMessage = "Oso:ClockSkew must lie between 0 and 30 minutes.")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:10", "01:00:00", ErrorMessage = "Oso:MessageTtl must lie between 10 seconds and 1 hour.")]
    public TimeSpan MessageTtl { get; set; } = TimeSpan.FromSeconds(300);

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Oso:FetchHorizon must lie between 1 minute and 30 days.")]
    public TimeSpan FetchHorizon { get; set; } = TimeSpan.FromHours(24);

    /// <summary>First wait after a failed fetch; doubles per attempt (with jitter) up to Oso:FetchMaxBackoff.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Oso:FetchMinBackoff must lie between 10 ms and 1 hour.")]
    public TimeSpan FetchMinBackoff { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Oso:FetchPollInterval must lie between 10 ms and 10 minutes.")]
    public TimeSpan FetchPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two fetch attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Oso:FetchMaxBackoff must lie between 10 ms and 1 day.")]
    public TimeSpan FetchMaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one instance holds a claimed fetch job; longer than one fetch (its attempt times out at 60 s).</summary>
    [Range(typeof(TimeSpan), "00:02:00", "01:00:00", ErrorMessage = "Oso:FetchLease must lie between 2 minutes and 1 hour.")]
    public TimeSpan FetchLease { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1000, ErrorMessage = "Oso:FetchBatchSize must lie between 1 and 1000.")]
    public int FetchBatchSize { get; set; } = 10;

    /// <summary>Dossiers fetched side by side by one instance.</summary>
    [Range(1, 64, ErrorMessage = "Oso:FetchMaxParallel must lie between 1 and 64.")]
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
            yield return new ValidationResult("Oso:Oin is required once OSO is configured.", [nameof(Oin)]);
        }

        if (TrustAnchors.Count == 0)
        {
            yield return new ValidationResult("Oso:TrustAnchors needs at least one PEM file once OSO is configured.", [nameof(TrustAnchors)]);
        }

        foreach (var (pad, i) in TrustAnchors.Select((p, i) => (p, i)).Concat(Intermediates.Select((p, i) => (p, i + 1000))))
        {
            if (!File.Exists(pad))
            {
                var sleutel = i < 1000 ? $"Oso:TrustAnchors:{i}" : $"Oso:Intermediates:{i - 1000}";
                yield return new ValidationResult($"{sleutel}: file '{pad}' does not exist.", [nameof(TrustAnchors)]);
            }
        }

        if (SigningCertificate.Path is null)
        {
            yield return new ValidationResult("Oso:SigningCertificate:Path is required once OSO is configured.", [nameof(SigningCertificate)]);
        }
        else if (!File.Exists(SigningCertificate.Path))
        {
            yield return new ValidationResult($"Oso:SigningCertificate:Path: file '{SigningCertificate.Path}' does not exist.", [nameof(SigningCertificate)]);
        }
    }
}

public sealed class SigningCertificateOptions
{
    public string? Path { get; set; }

    public string? Password { get; set; }
}

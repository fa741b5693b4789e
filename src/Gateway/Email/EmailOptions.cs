using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Hulpvraag.Gateway.Email;

public enum SmtpBeveiliging
{
    StartTls,
    SslOnConnect,

    /// <summary>Plain SMTP: only to a relay on this machine (loopback), never across a network.</summary>
    None,
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Email:Smtp:Port moet tussen 1 en 65535 liggen.")]
    public int Port { get; set; } = 587;

    public SmtpBeveiliging Security { get; set; } = SmtpBeveiliging.StartTls;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Connections kept open and reused across mails.</summary>
    [Range(1, 64, ErrorMessage = "Email:Smtp:MaxConnections moet tussen 1 en 64 liggen.")]
    [ConfigurationKeyName("MaxConnections")]
    public int MaxVerbindingen { get; set; } = 8;
}

/// <summary>E-mail to the aanvrager (spec email.md). Without Email:Smtp:Host e-mail is off.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>From address, e.g. <c>Hulpvraag PPO Rotterdam &lt;noreply@pporotterdam.nl&gt;</c>.</summary>
    public string? Afzender { get; set; }

    /// <summary>Public base URL of the gateway, for the opt-out link.</summary>
    public string? BasisUrl { get; set; }

    /// <summary>The helpdesk's contact line at the end of every mail.</summary>
    public string Helpdeskregel { get; set; } = "Vragen? Neem contact op met de helpdesk van PPO Rotterdam.";

    /// <summary>An e-mail not sent after this long is dead (visible, re-drivable).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Email:MaxAge moet tussen 1 minuut en 30 dagen liggen.")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(3);

    public bool IsAan => !string.IsNullOrWhiteSpace(Smtp.Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsAan)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Afzender) || !MailboxAddress.TryParse(Afzender, out _))
        {
            yield return new ValidationResult("Email:Afzender is verplicht zodra e-mail aan staat (Email:Smtp:Host) en moet een adres zijn, bijvoorbeeld \"Hulpvraag PPO Rotterdam <noreply@pporotterdam.nl>\".", [nameof(Afzender)]);
        }

        if (!Uri.TryCreate(BasisUrl, UriKind.Absolute, out var basis) || (basis.Scheme != Uri.UriSchemeHttps && !basis.IsLoopback))
        {
            yield return new ValidationResult("Email:BasisUrl is verplicht zodra e-mail aan staat en moet een https-URL zijn (de afmeldlink in elke mail).", [nameof(BasisUrl)]);
        }

        if (Smtp.Security == SmtpBeveiliging.None && !IsLoopback(Smtp.Host!))
        {
            yield return new ValidationResult("Email:Smtp:Security=None mag alleen naar een loopback-adres (localhost, 127.0.0.1, ::1): mail en wachtwoord zouden anders onversleuteld over het netwerk gaan.", ["Smtp.Security"]);
        }

        if (string.IsNullOrEmpty(Smtp.Username) != string.IsNullOrEmpty(Smtp.Password))
        {
            yield return new ValidationResult("Email:Smtp:Username en Email:Smtp:Password horen bij elkaar: geef beide of geen van beide.", ["Smtp.Username"]);
        }
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}

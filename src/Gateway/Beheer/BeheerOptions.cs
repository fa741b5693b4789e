using System.ComponentModel.DataAnnotations;

namespace Hulpvraag.Gateway.Beheer;

/// <summary>Settings of the browser pages under /beheer (spec helpdesk-ui.md, "Signing in").</summary>
public sealed class BeheerOptions
{
    public const string Section = "Beheer";

    /// <summary>Local accounts (e-mail, password, TOTP). Off when an organisation signs in through its own IdP only.</summary>
    public bool LokaleAccounts { get; set; } = true;

    /// <summary>Where people reach the gateway; activation links printed by the CLI start with it.</summary>
    [Required, Url]
    public string BasisUrl { get; set; } = "http://127.0.0.1:8080";

    public OidcOptions Oidc { get; set; } = new();
}

public sealed class OidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Shown on the sign-in button: "Inloggen via …".</summary>
    public string Weergavenaam { get; set; } = "uw organisatie";

    /// <summary>The claim whose values carry the person's groups or app roles.</summary>
    public string RolClaim { get; set; } = "roles";

    /// <summary>Claim value → role: <c>Beheer:Oidc:Rollen:helpdesk = "SWV-Helpdesk"</c>; several values comma-separated.</summary>
    public Dictionary<string, string> Rollen { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsIngesteld => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}

using System.ComponentModel.DataAnnotations;

namespace Hulpvraag.Gateway.Hosting;

public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    [Required(ErrorMessage = "Gateway:SamenwerkingsverbandCode is required, e.g. PO2806.")]
    [RegularExpression("^(PO|VO)[0-9]{4}$", ErrorMessage = "Gateway:SamenwerkingsverbandCode must look like PO2806 (PO or VO and four digits).")]
    public string SamenwerkingsverbandCode { get; set; } = "PO2806";
}

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Optional admin key from configuration (containers); role admin. Long enough to resist guessing.</summary>
    [MinLength(32, ErrorMessage = "Admin:BootstrapKey must be at least 32 characters long.")]
    public string? BootstrapKey { get; set; }
}

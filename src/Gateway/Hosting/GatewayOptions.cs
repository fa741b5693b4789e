using System.ComponentModel.DataAnnotations;

namespace Hulpvraag.Gateway.Hosting;

public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    [Required(ErrorMessage = "Gateway:SamenwerkingsverbandCode is verplicht, bijvoorbeeld PO2806.")]
    [RegularExpression("^(PO|VO)[0-9]{4}$", ErrorMessage = "Gateway:SamenwerkingsverbandCode moet eruitzien als PO2806 (PO of VO en vier cijfers).")]
    public string SamenwerkingsverbandCode { get; set; } = "PO2806";
}

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Optional admin key from configuration (containers); role admin. Long enough to resist guessing.</summary>
    [MinLength(32, ErrorMessage = "Admin:BootstrapKey moet minstens 32 tekens lang zijn.")]
    public string? BootstrapKey { get; set; }
}

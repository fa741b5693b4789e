using OtpNet;

namespace Hulpvraag.Gateway.Beheer.Aanmelding;

/// <summary>RFC 6238: 6 digits, 30-second steps, SHA-1 (what every authenticator app supports), one step of clock skew either way.</summary>
internal static class TotpCodes
{
    private static readonly VerificationWindow Venster = new(previous: 1, future: 1);

    public static string NieuwGeheim() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The time step the code belongs to, or null. The caller refuses a step not later than the last one used.</summary>
    public static long? Controleer(string geheim, string? code, DateTimeOffset nu)
    {
        var schoon = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (schoon.Length != 6 || !schoon.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(geheim));
        return totp.VerifyTotp(nu.UtcDateTime, schoon, out var stap, Venster) ? stap : null;
    }

    public static string OtpauthUri(string geheim, string email) =>
        $"otpauth://totp/{Uri.EscapeDataString("Hulpvraag Gateway:" + email)}?secret={geheim}&issuer={Uri.EscapeDataString("Hulpvraag Gateway")}&digits=6&period=30";
}

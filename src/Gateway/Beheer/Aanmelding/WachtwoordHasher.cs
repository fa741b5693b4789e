using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hulpvraag.Gateway.Beheer.Aanmelding;

/// <summary>
/// PBKDF2-HMAC-SHA256 with a 16-byte random salt. The cost is deliberate (docs/performance.md: ~100 ms per sign-in);
/// the iteration count is part of the stored value, so raising it later keeps old hashes readable.
/// </summary>
internal static class WachtwoordHasher
{
    public const int Iteraties = 310_000;
    private const int SaltLengte = 16;
    private const int HashLengte = 32;
    private const string Soort = "pbkdf2-sha256";

    // Verified against when the e-mail address is unknown, so an unknown address costs as much as a wrong password.
    private static readonly string Dummy = Hash("dit-wachtwoord-bestaat-niet");

    public static string Hash(string wachtwoord)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLengte);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(wachtwoord), salt, Iteraties, HashAlgorithmName.SHA256, HashLengte);
        return string.Create(CultureInfo.InvariantCulture, $"{Soort}${Iteraties}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Constant-time comparison; a null or malformed stored value is checked against the dummy and fails.</summary>
    public static bool Klopt(string wachtwoord, string? opgeslagen)
    {
        var delen = (opgeslagen ?? Dummy).Split('$');
        if (delen.Length != 4 || delen[0] != Soort || !int.TryParse(delen[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iteraties))
        {
            delen = Dummy.Split('$');
            iteraties = Iteraties;
            opgeslagen = null;
        }

        var salt = Convert.FromBase64String(delen[2]);
        var verwacht = Convert.FromBase64String(delen[3]);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(wachtwoord), salt, iteraties, HashAlgorithmName.SHA256, verwacht.Length);
        return CryptographicOperations.FixedTimeEquals(hash, verwacht) && opgeslagen is not null;
    }
}

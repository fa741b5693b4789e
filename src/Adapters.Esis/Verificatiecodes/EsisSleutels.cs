using System.Security.Cryptography;
using System.Text;

namespace Hulpvraag.Adapters.Esis.Verificatiecodes;

/// <summary>
/// The pepper-derived keys: HMAC-SHA256 for verification codes (with a key version, so the pepper can be rotated)
/// and AES-GCM for callback secrets at rest. Codes are never stored or compared in clear.
/// </summary>
public sealed class EsisSleutels
{
    private readonly Dictionary<int, byte[]> _hmacSleutels = [];
    private readonly byte[] _versleutelSleutel;

    public EsisSleutels(string pepper, int versie, string? vorigePepper = null, int vorigeVersie = 0)
    {
        HuidigeVersie = versie;
        _hmacSleutels[versie] = Afleiden(pepper, "verificatiecode");
        if (vorigePepper is not null && vorigeVersie != versie)
        {
            _hmacSleutels[vorigeVersie] = Afleiden(vorigePepper, "verificatiecode");
        }

        _versleutelSleutel = Afleiden(pepper, "callback-secret");
    }

    public int HuidigeVersie { get; }

    public string Hash(string code) => Hash(code, HuidigeVersie)!;

    /// <summary>Null when the key version is no longer configured: such a code can no longer match.</summary>
    public string? Hash(string code, int versie) =>
        _hmacSleutels.TryGetValue(versie, out var sleutel)
            ? Convert.ToHexStringLower(HMACSHA256.HashData(sleutel, Encoding.UTF8.GetBytes(code)))
            : null;

    /// <summary>Constant-time comparison of a candidate against a stored hash; the work is the same whether or not it matches.</summary>
    public bool Klopt(string code, string opgeslagenHash, int versie)
    {
        var berekend = Hash(code, versie) ?? Hash(code, HuidigeVersie)!;
        var gelijk = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(berekend), Encoding.ASCII.GetBytes(opgeslagenHash));
        return gelijk && _hmacSleutels.ContainsKey(versie);
    }

    public string Versleutel(string geheim)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var klaar = Encoding.UTF8.GetBytes(geheim);
        var versleuteld = new byte[klaar.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(_versleutelSleutel, tag.Length);
        aes.Encrypt(nonce, klaar, versleuteld, tag);
        return "v1." + Convert.ToBase64String([.. nonce, .. tag, .. versleuteld]);
    }

    public string Ontsleutel(string opgeslagen)
    {
        var bytes = Convert.FromBase64String(opgeslagen["v1.".Length..]);
        var nonce = bytes.AsSpan(0, 12);
        var tag = bytes.AsSpan(12, 16);
        var versleuteld = bytes.AsSpan(28);
        var klaar = new byte[versleuteld.Length];
        using var aes = new AesGcm(_versleutelSleutel, tag.Length);
        aes.Decrypt(nonce, versleuteld, tag, klaar);
        return Encoding.UTF8.GetString(klaar);
    }

    private static byte[] Afleiden(string pepper, string doel) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(pepper), 32, info: Encoding.UTF8.GetBytes("hulpvraag-gateway/esis/" + doel));
}

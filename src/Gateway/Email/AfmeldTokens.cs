using System.Globalization;
using Hulpvraag.Adapters.Esis.Verificatiecodes;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Email;

/// <summary>
/// The signed opt-out link (no login): token = key version + HMAC-SHA256 over the normalised address with the
/// gateway's pepper, domain-separated from verification codes. Checked in constant time; a link keeps working
/// through a pepper rotation as long as the previous pepper is configured.
/// </summary>
public sealed class AfmeldTokens(EsisSleutels sleutels, IOptions<EmailOptions> options)
{
    private const string Domein = "email-afmelden:";

    public string Token(string adres) =>
        $"{sleutels.HuidigeVersie.ToString(CultureInfo.InvariantCulture)}.{sleutels.Hash(Domein + Storage.EmailStore.Normaliseer(adres))}";

    public bool Klopt(string adres, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return false;
        }

        var punt = token.IndexOf('.', StringComparison.Ordinal);
        if (punt <= 0 || !int.TryParse(token.AsSpan(0, punt), NumberStyles.None, CultureInfo.InvariantCulture, out var versie))
        {
            return false;
        }

        return sleutels.Klopt(Domein + Storage.EmailStore.Normaliseer(adres), token[(punt + 1)..], versie);
    }

    /// <summary>The link in the footer and in List-Unsubscribe.</summary>
    public string Link(string adres) =>
        $"{options.Value.BasisUrl?.TrimEnd('/')}/email/afmelden?adres={Uri.EscapeDataString(Storage.EmailStore.Normaliseer(adres))}&token={Uri.EscapeDataString(Token(adres))}";
}

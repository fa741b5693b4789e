using System.Text.Json;
using Hulpvraag.Core.Model;
using Hulpvraag.Gateway.Outbox;

namespace Hulpvraag.Gateway.Email;

/// <summary>
/// The payload of an e-mail row: the status change it reports, nothing about the recipient. The address is read from
/// the hulpvraag when the mail is sent, so a personeelswissel before delivery reaches the new contact.
/// </summary>
public sealed record EmailBericht(bool Eerste, string StatusCode, string? Kwalificatie, string? Toelichting, DateTimeOffset Op)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One SMTP relay: one destination for the outbox's circuit breaker.</summary>
    public const string Bestemming = "smtp";

    public string Schrijf() => JsonSerializer.Serialize(this, Json);

    public static EmailBericht Lees(string payload) =>
        JsonSerializer.Deserialize<EmailBericht>(payload, Json) ?? throw new JsonException("Empty e-mail payload.");

    /// <summary>The outbox row for one status change (history entry) of a hulpvraag; ordered per hulpvraag.</summary>
    public static NieuweAflevering Rij(long dossiernummer, string brin, StatusHistorieItem item) => new(
        Guid.CreateVersion7(item.Op), Core.Ports.AfleverKanalen.Email, dossiernummer, dossiernummer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Bestemming, brin, new EmailBericht(item.Van is null, item.Naar, item.Kwalificatie, item.Toelichting, item.Op).Schrijf(), item.Op);
}

using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// The values of a message that passed every check. Everything here was read from the elements the
/// signature was verified over (node identity, not a second lookup), so callers must take their values
/// from this object and never from the raw message.
/// </summary>
public sealed record VerifiedMessage
{
    /// <summary>The Envelope's own soapenv:Body, exactly the node whose digest was checked.</summary>
    public required XmlElement Body { get; init; }

    public required string To { get; init; }

    /// <summary>The <c>oin</c> query parameter of wsa:To, when present.</summary>
    public string? ToOin { get; init; }

    public required string Action { get; init; }
    public required string MessageId { get; init; }
    public string? FromAddress { get; init; }

    /// <summary>The <c>oin</c> query parameter of wsa:From/wsa:Address (the party on whose behalf the supplier sends).</summary>
    public string? FromOin { get; init; }

    public string? RelatesTo { get; init; }
    public string? ReplyToAddress { get; init; }
    public required DateTimeOffset Created { get; init; }
    public DateTimeOffset? Expires { get; init; }
    /// <summary>Shared with the verifier's certificate cache: read it, do not dispose it.</summary>
    public required X509Certificate2 SignerCertificate { get; init; }

    /// <summary>The OIN from the certificate's subject serialNumber: the party that signed (and needs the mandate).</summary>
    public required string SignerOin { get; init; }

    /// <summary>Lower-case hex SHA-256 of the received bytes, the "content" of the replay comparison.</summary>
    public required string ContentSha256 { get; init; }

    /// <summary>True when (SignerOin, MessageId) was seen before with identical bytes: answer with the first response.</summary>
    public bool IsRepeat { get; init; }
}

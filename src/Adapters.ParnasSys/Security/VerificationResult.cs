using System.Diagnostics.CodeAnalysis;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// Outcome of <see cref="WsSecurityVerifier"/>: either a <see cref="VerifiedMessage"/> or a refusal.
/// Expected failures are data, not exceptions, so the endpoint can map them to a SOAP fault without
/// try/catch around every request.
/// </summary>
public sealed class VerificationResult
{
    private VerificationResult(VerifiedMessage? message, string? code, string? digikoppelingCode, string? melding, string? reason)
    {
        Message = message;
        Code = code;
        DigikoppelingCode = digikoppelingCode;
        Melding = melding;
        Reason = reason;
    }

    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Code), nameof(Melding), nameof(Reason))]
    public bool IsSuccess => Message is not null;

    public VerifiedMessage? Message { get; }

    /// <summary>One of the <c>FoutCodes</c> constants (HANDTEKENING_ONGELDIG, CERTIFICAAT_NIET_VERTROUWD, BERICHT_VERLOPEN, BERICHT_HERHAALD).</summary>
    public string? Code { get; }

    /// <summary>The Digikoppeling best-practice fault code ("0001", "0002", "0005".."0011") when one fits, else null.</summary>
    public string? DigikoppelingCode { get; }

    /// <summary>Dutch text naming the failed check; never echoes message content beyond a short element name.</summary>
    public string? Melding { get; }

    /// <summary>Stable English key from <see cref="VerificationReasons"/>.</summary>
    public string? Reason { get; }

    public static VerificationResult Success(VerifiedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new VerificationResult(message, null, null, null, null);
    }

    public static VerificationResult Failure(string code, string? digikoppelingCode, string melding, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentException.ThrowIfNullOrEmpty(melding);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new VerificationResult(null, code, digikoppelingCode, melding, reason);
    }

    public override string ToString() => IsSuccess ? "verified" : $"{Code}/{Reason}";
}

using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Xml;
using Hulpvraag.Core.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using R = Hulpvraag.Adapters.ParnasSys.Security.VerificationReasons;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// Verifies an inbound OSO message (or a pulled response) against the Digikoppeling WUS 2W-be-S profile as
/// tightened by the gateway spec ("WS-Security profile"). Usable without the web host; thread-safe.
/// </summary>
/// <remarks>
/// Order of checks: size and encoding, streaming limits, DOM, envelope and header blocks, wsse:Security,
/// ds:Signature profile and algorithms, strict reference resolution, KeyInfo, Timestamp values and window,
/// token certificate and key size, cryptography (own exc-c14n digests of the pinned elements, RSA over SignedInfo), certificate (key usage,
/// OIN, trust policy), replay.
/// Cheap checks come first so a flood of stale or malformed messages costs no RSA or chain work, and the
/// replay memory is only written for messages whose signature is trusted, so nobody can poison it.
/// </remarks>
public sealed partial class WsSecurityVerifier
{
    private const int MaxAddressingValueLength = 2048;
    private const int MinRsaKeyBits = 2048;
    private const int StreamChunk = 81920;

    private readonly WsSecurityVerifierOptions _options;
    private readonly IReplayStore _replayStore;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SignerCache _signers = new();

    public WsSecurityVerifier(WsSecurityVerifierOptions options, IReplayStore replayStore, TimeProvider timeProvider, ILogger<WsSecurityVerifier>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(replayStore);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _replayStore = replayStore;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public WsSecurityVerifierOptions Options => _options;

    /// <summary>Reads at most <see cref="WsSecurityVerifierOptions.MaxMessageBytes"/> from the stream, then verifies.</summary>
    public async ValueTask<VerificationResult> VerifyAsync(Stream message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var limit = _options.MaxMessageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, StreamChunk));
        var length = 0;
        try
        {
            while (true)
            {
                var capacity = Math.Min(buffer.Length, limit + 1);
                if (length == capacity)
                {
                    // Only reachable while capacity <= limit: reading past the limit returns below.
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1L));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                    continue;
                }

                var read = await message.ReadAsync(buffer.AsMemory(length, capacity - length), ct).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return Refused(XmlPreflight.TooLarge(limit));
                }
            }

            return await VerifyAsync(buffer.AsMemory(0, length), ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask<VerificationResult> VerifyAsync(ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        return await RememberAsync(Verify(message, now), now, ct).ConfigureAwait(false);
    }

    /// <summary>The replay memory, written only for messages whose signature and signer are trusted.</summary>
    private async ValueTask<VerificationResult> RememberAsync(Outcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        if (outcome.Failure is not null)
        {
            return Refused(outcome.Failure);
        }

        var verified = outcome.Message!;
        var keepUntil = _options.EnforceTimestampWindow
            ? verified.Created + _options.MessageTtl + _options.ClockSkew + _options.ClockSkew
            : now + _options.MessageTtl + _options.ClockSkew;
        var replay = await _replayStore.RememberAsync(verified.SignerOin, verified.MessageId, verified.ContentSha256, keepUntil, ct).ConfigureAwait(false);
        switch (replay)
        {
            case ReplayCheck.New:
                LogVerified(_logger, verified.SignerOin, false);
                return VerificationResult.Success(verified);
            case ReplayCheck.SameContent:
                LogVerified(_logger, verified.SignerOin, true);
                return VerificationResult.Success(verified with { IsRepeat = true });
            default:
                return Refused(FailureCatalog.Fail(R.MessageReplayed));
        }
    }

    private VerificationResult Refused(VerificationResult failure)
    {
        LogRefused(_logger, failure.Code!, failure.Reason!, failure.DigikoppelingCode);
        return failure;
    }

    private readonly record struct Outcome(VerifiedMessage? Message, VerificationResult? Failure)
    {
        public static implicit operator Outcome(VerificationResult failure) => new(null, failure);

        public static implicit operator Outcome(VerifiedMessage message) => new(message, null);
    }

    private Outcome Verify(ReadOnlyMemory<byte> message, DateTimeOffset now)
    {
        if (XmlPreflight.CheckBytes(message.Span, _options.MaxMessageBytes) is { } byteFailure)
        {
            return byteFailure;
        }

        var segment = MemoryMarshal.TryGetArray(message, out var s) ? s : new ArraySegment<byte>(message.ToArray());
        var nameTable = new NameTable();
        if (XmlPreflight.Scan(segment, _options, nameTable, out var idCounts) is { } scanFailure)
        {
            return scanFailure;
        }

        XmlDocument document;
        try
        {
            document = new XmlDocument(nameTable) { PreserveWhitespace = true, XmlResolver = null };
            using var stream = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
            using var reader = XmlReader.Create(stream, XmlPreflight.CreateReaderSettings(_options.MaxMessageBytes, nameTable));
            document.Load(reader);
        }
        catch (XmlException ex)
        {
            return FailureCatalog.Fail(R.MalformedXml, $"regel {ex.LineNumber}, positie {ex.LinePosition}");
        }

        return Check(document, idCounts, now, () => Convert.ToHexStringLower(SHA256.HashData(message.Span)), streamed: null);
    }

    /// <summary>
    /// Every check after parsing, on a document whose limits were already enforced by a streaming pass.
    /// </summary>
    /// <param name="streamed">
    /// The streaming path's message (the Body of a large pulled answer, which never becomes a whole DOM): once the
    /// profile has pinned the Body through the verified SignedInfo, its digest is streamed with exactly that
    /// Reference's parameters, and a hollow element is never digested from the skeleton.
    /// </param>
    private Outcome Check(XmlDocument document, Dictionary<string, int> idCounts, DateTimeOffset now, Func<string> contentSha256, StreamedBody? streamed)
    {
        var parts = new Parts();
        if ((ReadEnvelope(document, parts) ?? ReadSecurity(parts) ?? ReadAddressing(parts) ?? CheckSignatureProfile(parts)
            ?? ResolveReferences(parts, idCounts) ?? CheckKeyInfo(parts, idCounts) ?? ReadTimestamp(parts)) is { } structureFailure)
        {
            return structureFailure;
        }

        if (_options.EnforceTimestampWindow && CheckTimestampWindow(parts, now) is { } timeFailure)
        {
            return timeFailure;
        }

        SignerCache.Entry signer;
        try
        {
            signer = _signers.Get(parts.TokenBytes!);
        }
        catch (CryptographicException)
        {
            return FailureCatalog.Fail(R.TokenInvalid, "het certificaat is niet te lezen");
        }

        if (!signer.IsRsa)
        {
            return FailureCatalog.Fail(R.KeyNotRsa);
        }

        if (signer.KeySize < MinRsaKeyBits)
        {
            return FailureCatalog.Fail(R.KeyTooSmall, $"{signer.KeySize} bits");
        }

        StreamingDigests? streaming = null;
        if (streamed is not null && streamed.Digest(parts.Body!, parts.BodyReference!, out streaming) is { } streamFailure)
        {
            return streamFailure;
        }

        var key = signer.RentKey();
        try
        {
            if (!CheckCryptography(parts, key, streaming))
            {
                return FailureCatalog.Fail(R.SignatureInvalid);
            }
        }
        finally
        {
            signer.ReturnKey(key);
        }

        if (!signer.HasDigitalSignatureUsage)
        {
            return FailureCatalog.Fail(R.CertificateKeyUsage);
        }

        if (signer.Oin is null)
        {
            return FailureCatalog.Fail(R.CertificateOinInvalid);
        }

        var decision = _options.TrustPolicy.Evaluate(signer.Certificate, parts.Created);
        if (!decision.IsTrusted)
        {
            return FailureCatalog.Fail(decision.Reason ?? R.CertificateUntrusted, decision.Detail);
        }

        // wsa:From is signed, but by whoever holds a trusted certificate: without this a supplier could send in another's name.
        if (_options.RequireSenderIsSigner && parts.FromOin is { } fromOin && !string.Equals(fromOin, signer.Oin, StringComparison.Ordinal))
        {
            return FailureCatalog.Fail(R.SenderNotSigner);
        }

        return new VerifiedMessage
        {
            Body = parts.Body!,
            To = parts.ToValue!,
            ToOin = Oin.FromAddress(parts.ToValue!),
            Action = parts.ActionValue!,
            MessageId = parts.MessageIdValue!,
            FromAddress = parts.FromAddress,
            FromOin = parts.FromOin,
            RelatesTo = parts.RelatesToValue,
            ReplyToAddress = parts.ReplyToAddress,
            Created = parts.Created,
            Expires = parts.Expires,
            SignerCertificate = signer.Certificate,
            SignerOin = signer.Oin,
            ContentSha256 = contentSha256(),
        };
    }

    private static bool CheckCryptography(Parts parts, RSA key, StreamingDigests? streaming) =>
        VerifySignatureValue(parts.Signature!, parts.Targets, key, streaming);

    [LoggerMessage(EventId = LogEventIds.OsoVerificatieGeweigerd, Level = LogLevel.Information, Message = "WS-Security verification refused: {Code} {Reason} (Digikoppeling {DigikoppelingCode})")]
    private static partial void LogRefused(ILogger logger, string code, string reason, string? digikoppelingCode);

    [LoggerMessage(EventId = LogEventIds.OsoVerificatieGeslaagd, Level = LogLevel.Debug, Message = "WS-Security verification passed for signer {SignerOin} (repeat: {IsRepeat})")]
    private static partial void LogVerified(ILogger logger, string signerOin, bool isRepeat);
}

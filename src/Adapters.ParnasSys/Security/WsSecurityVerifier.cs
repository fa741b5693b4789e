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
    private async ValueTask<VerificationResult> RememberAsync(ReadResult<VerifiedMessage> outcome, DateTimeOffset now, CancellationToken ct)
    {
        if (!outcome.TryGet(out var verified, out var failure))
        {
            return Refused(failure);
        }

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
        if (!failure.IsSuccess)
        {
            LogRefused(_logger, failure.Code, failure.Reason, failure.DigikoppelingCode);
        }

        return failure;
    }

    private ReadResult<VerifiedMessage> Verify(ReadOnlyMemory<byte> message, DateTimeOffset now)
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
            using var stream = new MemoryStream(segment.Array ?? [], segment.Offset, segment.Count, writable: false);
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
    /// Every check after parsing, on a document whose limits were already enforced by a streaming pass: the profile's
    /// readers in a fixed order, each handing an immutable result to the next, then key, signature, certificate.
    /// </summary>
    /// <param name="streamed">
    /// The streaming path's message (the Body of a large pulled answer, which never becomes a whole DOM): once the
    /// profile has pinned the Body through the verified SignedInfo, its digest is streamed with exactly that
    /// Reference's parameters, and a hollow element is never digested from the skeleton.
    /// </param>
    private ReadResult<VerifiedMessage> Check(XmlDocument document, Dictionary<string, int> idCounts, DateTimeOffset now, Func<string> contentSha256, StreamedBody? streamed)
    {
        if (!EnvelopeReader.Read(document).TryGet(out var envelope, out var failure)
            || !SecurityHeaderReader.Read(envelope.Security).TryGet(out var security, out failure)
            || !AddressingReader.Read(envelope, _options.ExpectedRecipientOin).TryGet(out var addressing, out failure)
            || !SignatureReader.Read(security.Signature).TryGet(out var signature, out failure)
            || !SignatureReader.Resolve(signature, envelope, security, idCounts).TryGet(out var signed, out failure))
        {
            return failure;
        }

        if (SignatureReader.CheckKeyInfo(signature, security.Token, idCounts) is { } keyInfoFailure)
        {
            return keyInfoFailure;
        }

        if (!TimestampReader.Read(security.Timestamp).TryGet(out var timestamp, out var timestampFailure))
        {
            return timestampFailure;
        }

        if (_options.EnforceTimestampWindow && TimestampReader.CheckWindow(timestamp, now, _options.ClockSkew, _options.MessageTtl) is { } timeFailure)
        {
            return timeFailure;
        }

        SignerCache.Entry signer;
        try
        {
            signer = _signers.Get(security.TokenBytes);
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
        if (streamed is not null && streamed.Digest(envelope.Body, signed.BodyReference, out streaming) is { } streamFailure)
        {
            return streamFailure;
        }

        var key = signer.RentKey();
        try
        {
            if (!CheckCryptography(signature, signed, key, streaming))
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

        if (signer.Oin is not { } signerOin)
        {
            return FailureCatalog.Fail(R.CertificateOinInvalid);
        }

        var decision = _options.TrustPolicy.Evaluate(signer.Certificate, timestamp.Created);
        if (!decision.IsTrusted)
        {
            return FailureCatalog.Fail(decision.Reason ?? R.CertificateUntrusted, decision.Detail);
        }

        // wsa:From is signed, but by whoever holds a trusted certificate: without this a supplier could send in another's name.
        if (_options.RequireSenderIsSigner && addressing.FromOin is { } fromOin && !string.Equals(fromOin, signerOin, StringComparison.Ordinal))
        {
            return FailureCatalog.Fail(R.SenderNotSigner);
        }

        return new VerifiedMessage
        {
            Body = envelope.Body,
            To = addressing.To,
            ToOin = Oin.FromAddress(addressing.To),
            Action = addressing.Action,
            MessageId = addressing.MessageId,
            FromAddress = addressing.FromAddress,
            FromOin = addressing.FromOin,
            RelatesTo = addressing.RelatesTo,
            ReplyToAddress = addressing.ReplyToAddress,
            Created = timestamp.Created,
            Expires = timestamp.Expires,
            SignerCertificate = signer.Certificate,
            SignerOin = signerOin,
            ContentSha256 = contentSha256(),
        };
    }

    private static bool CheckCryptography(SignatureParts signature, SignedTargets signed, RSA key, StreamingDigests? streaming) =>
        VerifySignatureValue(signature.Signature, signed.Targets, key, streaming);

    /// <summary>xsd:dateTime restricted to UTC with 'Z' (WS-I BSP R3217); see <see cref="TimestampReader.TryParseUtc"/>.</summary>
    internal static bool TryParseUtc(string? text, out DateTimeOffset value) => TimestampReader.TryParseUtc(text, out value);

    [LoggerMessage(EventId = LogEventIds.OsoVerificatieGeweigerd, Level = LogLevel.Information, Message = "WS-Security verification refused: {Code} {Reason} (Digikoppeling {DigikoppelingCode})")]
    private static partial void LogRefused(ILogger logger, string code, string reason, string? digikoppelingCode);

    [LoggerMessage(EventId = LogEventIds.OsoVerificatieGeslaagd, Level = LogLevel.Debug, Message = "WS-Security verification passed for signer {SignerOin} (repeat: {IsRepeat})")]
    private static partial void LogVerified(ILogger logger, string signerOin, bool isRepeat);
}

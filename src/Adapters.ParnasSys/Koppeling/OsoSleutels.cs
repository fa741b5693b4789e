using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using Hulpvraag.Adapters.ParnasSys.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

/// <summary>The gateway's OSO identity once OSO is configured: every member present, so callers need no null checks.</summary>
public sealed record OsoSleutelset(string GatewayOin, X509Certificate2 Certificaat, WsSecuritySigner Signer, WsSecurityVerifier Inkomend, WsSecurityVerifier Opgehaald);

/// <summary>
/// The loaded OSO key material (trust anchors for verifying, the gateway's certificate for signing) and the two
/// verifiers built from it. A DI singleton: the verifiers get their logger and the shared replay store from the container,
/// so their refusals are logged in production.
/// </summary>
public sealed class OsoSleutels : IDisposable
{
    public OsoSleutels(IOptions<OsoOptions> options, IReplayStore replay, TimeProvider clock, ILogger<WsSecurityVerifier> verifierLogger)
    {
        var o = options.Value;
        Opties = o;
        if (!o.IsIngesteld || o.Oin is not { } oin || o.SigningCertificate.Path is not { } certificaatPad)
        {
            // Options validation refuses a half configuration at start-up; unconfigured means OSO is off.
            return;
        }

        var anchors = new X509Certificate2Collection();
        foreach (var pad in o.TrustAnchors)
        {
            anchors.ImportFromPemFile(pad);
        }

        var intermediates = new X509Certificate2Collection();
        foreach (var pad in o.Intermediates)
        {
            intermediates.ImportFromPemFile(pad);
        }

        var certificaat = X509CertificateLoader.LoadPkcs12FromFile(certificaatPad, o.SigningCertificate.Password);
        var trust = new ChainTrustPolicy(anchors, intermediates);
        var inkomend = new WsSecurityVerifier(new WsSecurityVerifierOptions
        {
            TrustPolicy = trust,
            ClockSkew = o.ClockSkew,
            MessageTtl = o.MessageTtl,
            MaxMessageBytes = MaxInkomend,
            ExpectedRecipientOin = oin,
            RequireSenderIsSigner = true,
        }, replay, clock, verifierLogger);
        var opgehaald = new WsSecurityVerifier(new WsSecurityVerifierOptions
        {
            TrustPolicy = trust,
            ClockSkew = o.ClockSkew,
            MessageTtl = o.MessageTtl,
            MaxMessageBytes = MaxOpgehaald,
            MaxElements = 200_000,
            RequireSenderIsSigner = true,
        }, replay, clock, verifierLogger);
        Ingericht = new OsoSleutelset(oin, certificaat, new WsSecuritySigner(certificaat, clock, o.MessageTtl), inkomend, opgehaald);
    }

    /// <summary>The inbound endpoint accepts at most 1 MiB (spec); attachments travel in the pulled dossier.</summary>
    public const int MaxInkomend = 1024 * 1024;

    /// <summary>A pulled dossier: several attachments of up to 10 MiB each, base64 inflated.</summary>
    public const int MaxOpgehaald = 200 * 1024 * 1024;

    public OsoOptions Opties { get; }

    /// <summary>Null while OSO is not configured (the endpoint answers 0051, the pull and terugkoppeling stay off).</summary>
    public OsoSleutelset? Ingericht { get; }

    [MemberNotNullWhen(true, nameof(Ingericht))]
    public bool IsIngesteld => Ingericht is not null;

    public void Dispose() => Ingericht?.Certificaat.Dispose();
}

using System.Security.Cryptography.X509Certificates;
using Hulpvraag.Adapters.ParnasSys.Security;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

/// <summary>The loaded OSO key material: trust anchors for verifying, the gateway's certificate for signing.</summary>
public sealed class OsoSleutels : IDisposable
{
    public OsoSleutels(IOptions<OsoOptions> options, IReplayStore replay, TimeProvider clock)
    {
        var o = options.Value;
        Opties = o;
        if (!o.IsIngesteld)
        {
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

        Certificaat = X509CertificateLoader.LoadPkcs12FromFile(o.SigningCertificate.Path!, o.SigningCertificate.Password);
        Signer = new WsSecuritySigner(Certificaat, clock, o.MessageTtl);
        var trust = new ChainTrustPolicy(anchors, intermediates);
        Inkomend = new WsSecurityVerifier(new WsSecurityVerifierOptions
        {
            TrustPolicy = trust,
            ClockSkew = o.ClockSkew,
            MessageTtl = o.MessageTtl,
            MaxMessageBytes = MaxInkomend,
            ExpectedRecipientOin = o.Oin,
            RequireSenderIsSigner = true,
        }, replay, clock);
        Opgehaald = new WsSecurityVerifier(new WsSecurityVerifierOptions
        {
            TrustPolicy = trust,
            ClockSkew = o.ClockSkew,
            MessageTtl = o.MessageTtl,
            MaxMessageBytes = MaxOpgehaald,
            MaxElements = 200_000,
            RequireSenderIsSigner = true,
        }, replay, clock);
    }

    /// <summary>The inbound endpoint accepts at most 1 MiB (spec); attachments travel in the pulled dossier.</summary>
    public const int MaxInkomend = 1024 * 1024;

    /// <summary>A pulled dossier: several attachments of up to 10 MiB each, base64 inflated.</summary>
    public const int MaxOpgehaald = 200 * 1024 * 1024;

    public OsoOptions Opties { get; }

    public bool IsIngesteld => Signer is not null;

    public X509Certificate2? Certificaat { get; }

    public WsSecuritySigner? Signer { get; }

    public WsSecurityVerifier? Inkomend { get; }

    public WsSecurityVerifier? Opgehaald { get; }

    public void Dispose() => Certificaat?.Dispose();
}

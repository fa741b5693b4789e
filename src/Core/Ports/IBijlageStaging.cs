using Hulpvraag.Core.Intake;

namespace Hulpvraag.Core.Ports;

public enum BijlageCodering
{
    Binair,
    Base64,
}

/// <summary>
/// Where an edge puts an incoming attachment while the request is checked: decoded, hashed and counted in one pass,
/// outside memory. Reading stops just past the limit, so an oversized upload costs no more than that.
/// </summary>
public interface IBijlageStaging
{
    /// <param name="maxGrootte">
    /// Decoded bytes allowed: <see cref="Bijlagen.BijlageRegels.MaxGrootte"/> for an attachment itself; more for a
    /// container the attachment is unpacked from (an OSO ZIP adds headers to a file of exactly 10 MiB).
    /// </param>
    Task<GestagedeBijlage> StageAsync(Stream bron, BijlageCodering codering, long maxGrootte, CancellationToken cancellationToken);

    /// <summary>
    /// Stages base64 text that a parser already holds (a JSON string token), decoding it in chunks straight to
    /// staging instead of materialising the decoded bytes.
    /// </summary>
    GestagedeBijlage StageBase64(ReadOnlySpan<byte> utf8Base64);
}

/// <summary>The staged content. <see cref="TeGroot"/> and <see cref="Onleesbaar"/> are the expected failures (data).</summary>
public sealed class GestagedeBijlage(IBijlageInhoud inhoud, long grootte, string sha256, bool teGroot, bool onleesbaar, Func<ValueTask> opruimen)
    : IAsyncDisposable
{
    public IBijlageInhoud Inhoud { get; } = inhoud;
    public long Grootte { get; } = grootte;
    public string Sha256 { get; } = sha256;
    public bool TeGroot { get; } = teGroot;
    public bool Onleesbaar { get; } = onleesbaar;

    public ValueTask DisposeAsync() => opruimen();
}

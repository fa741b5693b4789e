using System.Security.Cryptography;
using System.Text;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Tests.Storage;

public sealed class TempFileBijlageStagingTests
{
    private readonly TempFileBijlageStaging _staging = new();

    [Fact]
    public async Task StageAsync_Base64WithLineBreaks_DecodesHashesAndCounts()
    {
        var inhoud = RandomNumberGenerator.GetBytes(200_000);
        var base64 = Convert.ToBase64String(inhoud, Base64FormattingOptions.InsertLineBreaks);

        await using var staged = await _staging.StageAsync(new MemoryStream(Encoding.ASCII.GetBytes(base64)), BijlageCodering.Base64, BijlageRegels.MaxGrootte, default);

        Assert.False(staged.TeGroot || staged.Onleesbaar);
        Assert.Equal(inhoud.Length, staged.Grootte);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(inhoud)), staged.Sha256);
        await using var terug = staged.Inhoud.OpenRead();
        var gelezen = new MemoryStream();
        await terug.CopyToAsync(gelezen);
        Assert.Equal(inhoud, gelezen.ToArray());
    }

    [Fact]
    public async Task StageAsync_ExactlyTenMebibyte_IsAcceptedAndOneByteMoreIsTeGroot()
    {
        await using var precies = await _staging.StageAsync(new MemoryStream(new byte[BijlageRegels.MaxGrootte]), BijlageCodering.Binair, BijlageRegels.MaxGrootte, default);
        await using var teVeel = await _staging.StageAsync(new MemoryStream(new byte[BijlageRegels.MaxGrootte + 1]), BijlageCodering.Binair, BijlageRegels.MaxGrootte, default);

        Assert.False(precies.TeGroot);
        Assert.True(teVeel.TeGroot);
    }

    [Fact]
    public async Task StageAsync_InvalidBase64_IsOnleesbaar()
    {
        await using var staged = await _staging.StageAsync(new MemoryStream("dit is geen base64!"u8.ToArray()), BijlageCodering.Base64, BijlageRegels.MaxGrootte, default);

        Assert.True(staged.Onleesbaar);
    }

    [Theory]
    [InlineData("QUJDRA")]
    [InlineData("QUJDRA=")]
    [InlineData("QUJD RA")]
    public async Task StageAsync_IncompleteLastGroup_IsOnleesbaarNotTruncated(string base64)
    {
        await using var staged = await _staging.StageAsync(new MemoryStream(Encoding.ASCII.GetBytes(base64)), BijlageCodering.Base64, BijlageRegels.MaxGrootte, default);

        Assert.True(staged.Onleesbaar);
    }

    [Fact]
    public async Task StageAsync_GroupSplitAcrossReads_DecodesExactly()
    {
        var inhoud = RandomNumberGenerator.GetBytes(100_003);
        var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(inhoud));

        await using var staged = await _staging.StageAsync(new DruppelStream(base64, 7), BijlageCodering.Base64, BijlageRegels.MaxGrootte, default);

        Assert.False(staged.Onleesbaar);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(inhoud)), staged.Sha256);
    }

    [Fact]
    public async Task StageAsync_SourceFailsHalfway_LeavesNoFileBehind()
    {
        var map = Path.Combine(Path.GetTempPath(), "hulpvraag-gateway-staging");
        var voor = Directory.Exists(map) ? Directory.GetFiles(map).ToHashSet() : [];

        await Assert.ThrowsAsync<IOException>(() => _staging.StageAsync(new KapotteStream(), BijlageCodering.Binair, BijlageRegels.MaxGrootte, default));

        Assert.DoesNotContain(Directory.GetFiles(map), f => !voor.Contains(f));
    }

    /// <summary>Hands out a few bytes per read, so base64 groups are cut in two.</summary>
    private sealed class DruppelStream(byte[] bytes, int stap) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, stap)], cancellationToken);
    }

    private sealed class KapotteStream() : MemoryStream(new byte[200_000], writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position > 100_000 ? throw new IOException("connection reset") : base.ReadAsync(buffer[..Math.Min(buffer.Length, 50_000)], cancellationToken);
    }

    [Fact]
    public async Task DisposeAsync_StagedFile_IsDeleted()
    {
        var staged = await _staging.StageAsync(new MemoryStream("tekst"u8.ToArray()), BijlageCodering.Binair, BijlageRegels.MaxGrootte, default);
        var pad = ((FileStream)staged.Inhoud.OpenRead()).Name;
        Assert.True(File.Exists(pad));

        await staged.DisposeAsync();

        Assert.False(File.Exists(pad));
    }
}

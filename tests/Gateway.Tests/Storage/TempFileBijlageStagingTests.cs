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

        await using var staged = await _staging.StageAsync(new MemoryStream(Encoding.ASCII.GetBytes(base64)), BijlageCodering.Base64, default);

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
        await using var precies = await _staging.StageAsync(new MemoryStream(new byte[BijlageRegels.MaxGrootte]), BijlageCodering.Binair, default);
        await using var teVeel = await _staging.StageAsync(new MemoryStream(new byte[BijlageRegels.MaxGrootte + 1]), BijlageCodering.Binair, default);

        Assert.False(precies.TeGroot);
        Assert.True(teVeel.TeGroot);
    }

    [Fact]
    public async Task StageAsync_InvalidBase64_IsOnleesbaar()
    {
        await using var staged = await _staging.StageAsync(new MemoryStream("dit is geen base64!"u8.ToArray()), BijlageCodering.Base64, default);

        Assert.True(staged.Onleesbaar);
    }

    [Fact]
    public async Task DisposeAsync_StagedFile_IsDeleted()
    {
        var staged = await _staging.StageAsync(new MemoryStream("tekst"u8.ToArray()), BijlageCodering.Binair, default);
        var pad = ((FileStream)staged.Inhoud.OpenRead()).Name;
        Assert.True(File.Exists(pad));

        await staged.DisposeAsync();

        Assert.False(File.Exists(pad));
    }
}

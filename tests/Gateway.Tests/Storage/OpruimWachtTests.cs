using System.Diagnostics;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Gateway.Tests.Storage;

/// <summary>The watchdog that cleans up after a killed test process (its PostgreSQL cluster, its SQLite folder).</summary>
public sealed class OpruimWachtTests : IDisposable
{
    private readonly string _map = Path.Combine(Path.GetTempPath(), $"gw-sqlite-{Environment.ProcessId}-wacht-{Guid.NewGuid():N}");
    private readonly Process _ouder = Process.Start("sleep", "60");

    public OpruimWachtTests() => Directory.CreateDirectory(_map);

    [Fact]
    public async Task Start_WatchedProcessKilled_RunsTheCleanup()
    {
        using var wacht = OpruimWacht.Start($"rm -rf {OpruimWacht.Shell(_map)}", _ouder.Id);

        _ouder.Kill();
        await _ouder.WaitForExitAsync();

        // The watchdog polls once a second; wait for its effect (bounded), then assert the effect itself.
        for (var i = 0; i < 100 && Directory.Exists(_map); i++)
        {
            await Task.Delay(100);
        }

        Assert.False(Directory.Exists(_map));
    }

    [Fact]
    public async Task Dispose_WhileTheProcessLives_EndsTheWatchdogWithoutCleaningUp()
    {
        var wacht = OpruimWacht.Start($"rm -rf {OpruimWacht.Shell(_map)}", _ouder.Id);

        wacht.Dispose();
        _ouder.Kill();
        await _ouder.WaitForExitAsync();

        Assert.False(Directory.Exists($"/proc/{wacht.Pid}"));
        Assert.True(Directory.Exists(_map));
    }

    [Fact]
    public void Shell_ValueWithQuotes_IsOneLiteralWord()
    {
        var uitvoer = Process.Start(new ProcessStartInfo("sh", ["-c", $"printf %s {OpruimWacht.Shell("a 'b' $HOME")}"]) { RedirectStandardOutput = true })!;
        var tekst = uitvoer.StandardOutput.ReadToEnd();
        uitvoer.WaitForExit();

        Assert.Equal("a 'b' $HOME", tekst);
    }

    public void Dispose()
    {
        if (!_ouder.HasExited)
        {
            _ouder.Kill();
            _ouder.WaitForExit();
        }

        _ouder.Dispose();
        if (Directory.Exists(_map))
        {
            Directory.Delete(_map, recursive: true);
        }
    }
}

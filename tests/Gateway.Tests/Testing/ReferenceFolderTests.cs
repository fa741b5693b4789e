using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Gateway.Tests.Testing;

/// <summary>When the reference data is absent: skip on a developer's machine, fail under CI or for a wrong GATEWAY_REFERENCE_DIR.</summary>
public sealed class ReferenceFolderTests : IDisposable
{
    private readonly DirectoryInfo _map = Directory.CreateTempSubdirectory("gw-reference-test-");

    public void Dispose() => _map.Delete(recursive: true);

    [Fact]
    public void Locate_AbsentOnDeveloperMachine_SkipsNamingTheFetchScript()
    {
        var location = ReferenceFolder.Locate(null, ci: false, [Path.Combine(_map.FullName, "nope")]);

        Assert.Null(location.Found);
        Assert.Contains("scripts/fetch-reference.sh", location.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_AbsentUnderCi_FailsInsteadOfSkipping()
    {
        var location = ReferenceFolder.Locate(null, ci: true, [Path.Combine(_map.FullName, "nope")]);

        Assert.Null(location.SkipReason);
        var fout = Assert.Throws<DirectoryNotFoundException>(() => location.Path);
        Assert.Contains("fetch-reference.sh", fout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_ConfiguredFolderMissing_FailsEvenOffCi()
    {
        var missing = Path.Combine(_map.FullName, "elders");

        var location = ReferenceFolder.Locate(missing, ci: false, [_map.FullName]);

        Assert.Null(location.SkipReason);
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => location.Path).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_FetchedFolderPresent_UsesTheFirstCandidateThatExists()
    {
        var location = ReferenceFolder.Locate(" ", ci: true, [Path.Combine(_map.FullName, "nope"), _map.FullName]);

        Assert.Equal(_map.FullName, location.Path);
        Assert.Null(location.SkipReason);
    }
}

using Xunit;
using Xunit.Sdk;

namespace Hulpvraag.Gateway.Tests.Infrastructure;

/// <summary>
/// Finds the public reference data (OSO gegevensset examples, Edukoppeling signed messages) that may not be committed
/// to this repository. Looked for in: <c>GATEWAY_REFERENCE_DIR</c>; else <c>reference/</c> in the repository root
/// (what <c>scripts/fetch-reference.sh</c> fills); else <c>../shared/reference</c> beside the repository.
/// Absent on a developer's machine, the tests that need it are skipped with one reason naming the fetch script;
/// absent under <c>CI=true</c>, or when <c>GATEWAY_REFERENCE_DIR</c> names a missing folder, they run and fail: a
/// green CI run must mean the conformance vectors were checked.
/// </summary>
public static class ReferenceFolder
{
    public const string EnvironmentVariable = "GATEWAY_REFERENCE_DIR";

    public const string SkipMessage =
        "Reference data absent: run scripts/fetch-reference.sh (needs internet) or set GATEWAY_REFERENCE_DIR.";

    private static readonly Lazy<ReferenceLocation> Found = new(() => Locate(
        Environment.GetEnvironmentVariable(EnvironmentVariable),
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
        [System.IO.Path.Combine(RepositoryRoot(), "reference"), System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot(), "..", "shared", "reference"))]));

    /// <summary>The folder, or a failure saying where it was looked for.</summary>
    public static string Path => Found.Value.Path;

    /// <summary>Why the reference tests are skipped here, or null when they run (data present, or its absence must fail).</summary>
    public static string? SkipReason => Found.Value.SkipReason;

    /// <summary>The decision, apart from the process environment so that it can be tested.</summary>
    public static ReferenceLocation Locate(string? configured, bool ci, IReadOnlyList<string> candidates)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured)
                ? new ReferenceLocation(configured, null, null)
                : new ReferenceLocation(null, $"{EnvironmentVariable} names '{configured}', which does not exist.", null);
        }

        var path = candidates.FirstOrDefault(Directory.Exists);
        return path is not null
            ? new ReferenceLocation(path, null, null)
            : new ReferenceLocation(
                null,
                $"Reference data not found in {string.Join(" or ", candidates)}{(ci ? " (CI=true: a failure, not a skip)" : "")}. Run scripts/fetch-reference.sh or set {EnvironmentVariable}.",
                ci ? null : SkipMessage);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Repository root (Directory.Packages.props) not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Where the reference data is (<c>Found</c>), or why not and whether that means skip or fail.</summary>
public sealed record ReferenceLocation(string? Found, string? Missing, string? SkipReason)
{
    public string Path => Found ?? throw new DirectoryNotFoundException(Missing);
}

/// <summary>A fact that reads the reference data: skipped when it is absent on a developer's machine (see <see cref="ReferenceFolder"/>).</summary>
[XunitTestCaseDiscoverer("Xunit.Sdk.FactDiscoverer", "xunit.execution.{Platform}")]
public sealed class ReferenceFactAttribute : FactAttribute
{
    public ReferenceFactAttribute()
    {
        if (ReferenceFolder.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that reads the reference data; when skipped its data is not enumerated either.</summary>
[XunitTestCaseDiscoverer("Xunit.Sdk.TheoryDiscoverer", "xunit.execution.{Platform}")]
public sealed class ReferenceTheoryAttribute : TheoryAttribute
{
    public ReferenceTheoryAttribute()
    {
        if (ReferenceFolder.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;

/// <summary>
/// Locates the shared, read-only reference material (never copied into the repository). A missing folder is a
/// test failure, not a skip: a green run must mean the conformance vectors were actually checked.
/// </summary>
internal static class ReferenceData
{
    public const string EnvironmentVariable = "GATEWAY_REFERENCE_DIR";

    public static string Directory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            var path = !string.IsNullOrWhiteSpace(configured)
                ? configured
                : Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "reference"));
            if (!System.IO.Directory.Exists(path))
            {
                Assert.Fail($"Reference folder '{path}' not found. Set {EnvironmentVariable} or place shared/reference beside the repository.");
            }

            return path;
        }
    }

    public static string EdukoppelingVectors => Path.Combine(Directory, "edukoppeling-vectors");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                return dir.FullName;
            }
        }

        Assert.Fail("Repository root (Directory.Packages.props) not found above " + AppContext.BaseDirectory);
        return string.Empty;
    }
}

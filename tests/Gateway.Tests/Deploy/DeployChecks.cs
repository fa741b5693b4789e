using System.Diagnostics;

namespace Hulpvraag.Gateway.Tests.Deploy;

/// <summary>Runs deploy/checks/check.sh (the real linters and schema validators) on a deploy/ folder.</summary>
internal static class DeployChecks
{
    public const string Installeren =
        "Install the deploy checks' tools: apt-get install -y nodejs npm prometheus && (cd deploy/checks && npm ci). .ci/run does this.";

    public static string RepoRoot { get; } = FindRoot();

    public static string DeployDir => Path.Combine(RepoRoot, "deploy");

    public static (int ExitCode, string Output) Run(string deployDir)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        start.ArgumentList.Add(Path.Combine(DeployDir, "checks", "check.sh"));
        start.ArgumentList.Add(deployDir);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("deploy/checks/check.sh did not finish in 300 s.");
        }

        var output = stdout.Result + stderr.Result;
        // Exit 2: a tool is missing. That is a failure of the test run, never a pass or a skip.
        Assert.True(process.ExitCode != 2, $"{Installeren}\n{output}");
        return (process.ExitCode, output);
    }

    /// <summary>A copy of deploy/ (without the checks' node_modules) in a temp folder the caller deletes.</summary>
    public static string CopyDeploy()
    {
        var target = Path.Combine(Path.GetTempPath(), $"gw-deploy-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(DeployDir, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(DeployDir, file);
            if (relative.StartsWith("checks", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root (Gateway.sln) not found above " + AppContext.BaseDirectory);
    }
}

using System.Diagnostics;

namespace Hulpvraag.Gateway.Tests.Infrastructure;

/// <summary>
/// A parent-death watchdog: a small shell that waits for this test process to end and then runs a cleanup (stop a
/// PostgreSQL cluster, remove a temp folder). Normal ends clean up in-process and stop the watchdog
/// (<see cref="Dispose"/>); when the test host is killed (a hung run, Ctrl-C, vstest ending it) no .NET code runs any
/// more, and the watchdog does the cleanup within a second or so, then exits itself.
/// </summary>
public sealed class OpruimWacht : IDisposable
{
    private readonly Process _shell;

    private OpruimWacht(Process shell)
    {
        _shell = shell;
        Pid = shell.Id;
    }

    /// <summary>The watchdog shell's process id.</summary>
    public int Pid { get; }

    /// <summary>Starts the watchdog; <paramref name="opruimen"/> are shell commands, run once this process (or <paramref name="pid"/>) is gone.</summary>
    public static OpruimWacht Start(string opruimen, int? pid = null)
    {
        // exec redirects first: the shell must not hold the test host's output pipes open after the host is gone.
        var script = $"""
            exec </dev/null >/dev/null 2>&1
            while kill -0 {pid ?? Environment.ProcessId}; do sleep 1; done
            {opruimen}
            """;
        var start = new ProcessStartInfo("sh") { WorkingDirectory = "/", UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        return new OpruimWacht(Process.Start(start) ?? throw new InvalidOperationException("sh did not start."));
    }

    /// <summary>Quotes a value for the watchdog's shell script.</summary>
    public static string Shell(string waarde) => "'" + waarde.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The cleanup was done in-process: end the watchdog without running it.</summary>
    public void Dispose()
    {
        try
        {
            if (!_shell.HasExited)
            {
                _shell.Kill(entireProcessTree: true);
                _shell.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _shell.Dispose();
    }
}

using System.Diagnostics;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;

/// <summary>Runs the independent xmlsec1 command-line tool (libxmlsec1, OpenSSL backend).</summary>
internal static class XmlSec
{
    private const string Wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private const string Wsa = "http://www.w3.org/2005/08/addressing";
    private const string Soap = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>
    /// xmlsec1 knows no WS-Security, so the wsu:Id attribute must be declared an ID per element type
    /// ("--id-attr:Id namespace:localName"; the attribute is matched by local name).
    /// </summary>
    public static readonly string[] IdAttributes =
    [
        "--id-attr:Id", Soap + ":Body",
        "--id-attr:Id", Wsu + ":Timestamp",
        "--id-attr:Id", Wsse + ":BinarySecurityToken",
        "--id-attr:Id", Wsa + ":To",
        "--id-attr:Id", Wsa + ":Action",
        "--id-attr:Id", Wsa + ":MessageID",
        "--id-attr:Id", Wsa + ":RelatesTo",
        "--id-attr:Id", Wsa + ":From",
        "--id-attr:Id", Wsa + ":ReplyTo",
    ];

    public static string Executable
    {
        get
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, "xmlsec1");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            Assert.Fail("xmlsec1 is not on PATH; the interop tests need it: apt-get install xmlsec1");
            return string.Empty;
        }
    }

    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("xmlsec1 did not finish within 60 s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

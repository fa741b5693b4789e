using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hulpvraag.Gateway.Tests.Limieten;

/// <summary>Real gateway processes (as built with this test run) on one database, each on its own loopback port.</summary>
internal sealed class GatewayProcessen : IAsyncDisposable
{
    private readonly List<(Process Proces, HttpClient Client)> _processen = [];

    public IReadOnlyList<HttpClient> Clients => _processen.Select(p => p.Client).ToList();

    public static async Task<GatewayProcessen> StartAsync(int aantal, string connectionString, IDictionary<string, string> instellingen)
    {
        var processen = new GatewayProcessen();
        try
        {
            for (var i = 0; i < aantal; i++)
            {
                processen.Start(connectionString, instellingen);
            }

            foreach (var (_, client) in processen._processen)
            {
                await WachtTotKlaarAsync(client);
            }
        }
        catch
        {
            await processen.DisposeAsync();
            throw;
        }

        return processen;
    }

    private void Start(string connectionString, IDictionary<string, string> instellingen)
    {
        var poort = VrijePoort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { GatewayDll(), "serve", "--Urls", $"http://127.0.0.1:{poort}", "--Storage:Provider", "postgres",
                     "--ConnectionStrings:Gateway", connectionString, "--Logging:MinimumLevel", "Warning" })
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in instellingen)
        {
            start.ArgumentList.Add("--" + k);
            start.ArgumentList.Add(v);
        }

        var p = Process.Start(start)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _processen.Add((p, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{poort}") }));
    }

    private static async Task WachtTotKlaarAsync(HttpClient client)
    {
        var klok = Stopwatch.StartNew();
        while (klok.Elapsed < TimeSpan.FromSeconds(120))
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"Gateway at {client.BaseAddress} did not become ready in 120 s.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (p, client) in _processen)
        {
            client.Dispose();
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
            }

            await p.WaitForExitAsync();
            p.Dispose();
        }
    }

    private static int VrijePoort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string GatewayDll()
    {
        var configuratie = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        var pad = Path.Combine(dir!.FullName, "src", "Gateway", "bin", configuratie, "net10.0", "gateway.dll");
        Assert.True(File.Exists(pad), $"{pad} not built");
        return pad;
    }
}

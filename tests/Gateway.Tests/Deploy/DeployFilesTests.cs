using System.Text.RegularExpressions;
using Hulpvraag.Adapters.Esis;
using Hulpvraag.Gateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Tests.Deploy;

/// <summary>
/// The shipped deploy/ files, checked by real tools (dockerfilelint, the compose specification's JSON schema, the
/// Kubernetes schemas, promtool, systemd-analyze) and for what the operator relies on. No Docker engine runs here, so
/// the image itself is not built (docs/operations.md says how an operator checks it).
/// </summary>
public sealed partial class DeployFilesTests
{
    [Fact]
    public void CheckScript_ShippedFiles_PassesEveryTool()
    {
        var (exitCode, output) = DeployChecks.Run(DeployChecks.DeployDir);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Issues: None found", output, StringComparison.Ordinal);
        Assert.Contains("valid against the compose specification", output, StringComparison.Ordinal);
        Assert.Contains("Deployment/hulpvraag-gateway", output, StringComparison.Ordinal);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> Breuken => new()
    {
        // file, text to replace, replacement, what the failure output must name
        { "k8s/deployment.yaml", "replicas: 3", "replicas: three", "deployment.yaml" },
        { "k8s/deployment.yaml", "containerPort: 8080", "containerPort: eighty", "deployment.yaml" },
        { "k8s/deployment.yaml", "path: /health/ready", "path: /health/live", "readinessProbe" },
        { "k8s/deployment.yaml", "          image: hulpvraag-gateway\n", "", "deployment.yaml" },
        { "k8s/pdb.yaml", "kind: PodDisruptionBudget", "kind: PodDisruptionBudgit", "pdb.yaml" },
        { "compose.yaml", "    restart: unless-stopped\n    environment:\n      POSTGRES_DB", "    restart: unless-stopped\n    restart_policy: always\n    environment:\n      POSTGRES_DB", "compose.yaml" },
        { "compose.yaml", "interval: 5s", "interval: five seconds", "compose.yaml" },
        { "prometheus/alerts.yaml", "> 900", "> > 900", "alerts.yaml" },
        { "prometheus/alerts.yaml", "uitkomst=\"dood\"}[15m])) > 0\n        labels:\n          severity: warning\n        annotations:\n          summary: \"Callbacks", "uitkomst=\"dood\"}[15m])) > 5\n        labels:\n          severity: warning\n        annotations:\n          summary: \"Callbacks", "HulpvraagCallbackDood" },
        { "Dockerfile", "WORKDIR /app", "WORKDIR /app\nexpose 8080", "Dockerfile" },
        { "hulpvraag-gateway.service", "Restart=on-failure", "Restart=sometimes", "hulpvraag-gateway.service" },
    };

    [Theory]
    [MemberData(nameof(Breuken))]
    public void CheckScript_DeliberatelyBrokenCopy_Fails(string bestand, string oud, string nieuw, string genoemd)
    {
        var kopie = DeployChecks.CopyDeploy();
        try
        {
            var pad = Path.Combine(kopie, bestand);
            var tekst = File.ReadAllText(pad);
            Assert.Contains(oud, tekst, StringComparison.Ordinal);
            File.WriteAllText(pad, tekst.Replace(oud, nieuw, StringComparison.Ordinal));

            var (exitCode, output) = DeployChecks.Run(kopie);

            Assert.True(exitCode == 1, $"expected the checks to fail on the broken {bestand}:\n{output}");
            Assert.Contains(genoemd, output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(kopie, recursive: true);
        }
    }

    [Fact]
    public void Dockerfile_RuntimeStage_RunsCliAsNonRootWithHealthProbeInTheImage()
    {
        var dockerfile = File.ReadAllText(Path.Combine(DeployChecks.DeployDir, "Dockerfile"));
        var csproj = File.ReadAllText(Path.Combine(DeployChecks.RepoRoot, "src", "Gateway", "Gateway.csproj"));
        var assembly = AssemblyName().Match(csproj).Groups[1].Value;
        var instructies = string.Join('\n', dockerfile.Split('\n').Where(r => !r.StartsWith('#')));
        var runtime = instructies[instructies.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];

        Assert.Equal("gateway", assembly);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]\n", runtime, StringComparison.Ordinal);
        Assert.Contains("CMD [\"serve\"]", runtime, StringComparison.Ordinal);
        Assert.Matches(@"\nUSER (?!root|0\b)\S+", runtime);
        Assert.Matches($@"HEALTHCHECK .*CMD \[""dotnet"", ""{assembly}.dll"", ""health""\]", runtime);
        Assert.DoesNotContain("wget", runtime, StringComparison.Ordinal);
        Assert.DoesNotContain("curl", runtime, StringComparison.Ordinal);
        Assert.Contains("mcr.microsoft.com/dotnet/aspnet:", runtime, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerignore_KeepsPupilDataKeysAndBuildOutputOutOfTheContext()
    {
        var regels = File.ReadAllLines(Path.Combine(DeployChecks.RepoRoot, ".dockerignore"));

        foreach (var verplicht in new[] { "**/bin/", "**/obj/", "data/", "**/*.db", "**/*.key", "**/*.pfx", "**/*.p12", "**/*.pem", "**/*.env", ".git/" })
        {
            Assert.Contains(verplicht, regels);
        }
    }

    [Fact]
    public void EnvExample_WithEachSecretGenerated_PassesTheGatewaysValidation()
    {
        var waarden = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var regel in File.ReadAllLines(Path.Combine(DeployChecks.DeployDir, "gateway.env.example")))
        {
            if (regel.Length == 0 || regel.StartsWith('#'))
            {
                continue;
            }

            var (sleutel, waarde) = (regel[..regel.IndexOf('=', StringComparison.Ordinal)], regel[(regel.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            // What the comments tell the operator to do: every CHANGE-ME becomes `openssl rand -base64 48`.
            waarden[sleutel.Replace("__", ":", StringComparison.Ordinal)] =
                waarde == "CHANGE-ME" ? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)) : waarde;
        }

        Assert.Equal("postgres", waarden["Storage:Provider"]);
        Assert.True(waarden.ContainsKey("Esis:CodePepper"), "gateway.env.example must set Esis__CodePepper (required with PostgreSQL)");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(waarden).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddGatewayCore(configuration);
        services.AddGatewayEsis(configuration);
        using var provider = services.BuildServiceProvider();

        var fout = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Null(fout);
        Assert.Equal(64, provider.GetRequiredService<IOptions<EsisOptions>>().Value.CodePepper!.Length);
    }

    /// <summary>Instruments other work streams add; an alert may name them before they land (docs/operations.md).</summary>
    private static readonly string[] Aangekondigd = ["hulpvraag_emails", "hulpvraag_oudste_wachtende_email_seconden", "hulpvraag_oso_ophalen"];

    [Fact]
    public void Alerts_EveryGatewayMetricTheyName_IsAnInstrumentOfTheGateway()
    {
        var instrumenten = Directory.EnumerateFiles(Path.Combine(DeployChecks.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => Instrument().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var regels = File.ReadAllText(Path.Combine(DeployChecks.DeployDir, "prometheus", "alerts.yaml"));
        var genoemd = MetriekInAlert().Matches(regels).Select(m => m.Value).Distinct().ToList();

        Assert.Contains("hulpvraag_ontvangen", instrumenten);
        Assert.NotEmpty(genoemd);
        foreach (var naam in genoemd)
        {
            // The OpenTelemetry Prometheus exporter appends _total to counters and the unit (_seconds) to gauges.
            var instrument = Suffix().Replace(naam, "");
            Assert.True(instrumenten.Contains(instrument) || Aangekondigd.Contains(instrument),
                $"alerts.yaml names {naam}, but no instrument {instrument} exists in src/");
        }
    }

    [GeneratedRegex(@"Create(?:Counter|UpDownCounter|Histogram|ObservableGauge|ObservableCounter|ObservableUpDownCounter)(?:<\w+>)?\(\s*""(hulpvraag_[a-z_]+)""")]
    private static partial Regex Instrument();

    [GeneratedRegex(@"\bhulpvraag_[a-z_]+")]
    private static partial Regex MetriekInAlert();

    [GeneratedRegex(@"(_total|_seconds)+$")]
    private static partial Regex Suffix();

    [GeneratedRegex("<AssemblyName>([^<]+)</AssemblyName>")]
    private static partial Regex AssemblyName();
}

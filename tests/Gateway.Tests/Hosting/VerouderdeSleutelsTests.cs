using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Email;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Retentie;
using Hulpvraag.Gateway.Tests.Deploy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Tests.Hosting;

/// <summary>Renamed configuration keys (docs/glossary.md's naming rule): the old name still works, with a warning.</summary>
public sealed class VerouderdeSleutelsTests
{
    /// <summary>What each new key binds to, read back from the options the gateway uses.</summary>
    private static readonly Dictionary<string, Func<IServiceProvider, string>> Gebonden = new()
    {
        ["Metrics:RefreshInterval"] = sp => Opties<MetriekOptions>(sp).VernieuwInterval.ToString(),
        ["RateLimits:PerAddressPerSecond"] = sp => Opties<RateLimitOptions>(sp).PerAdresPerSeconde.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Callbacks:SlowAfter"] = sp => Opties<CallbackOptions>(sp).TraagNa.ToString(),
        ["Callbacks:MaxSlowPerDestination"] = sp => Opties<CallbackOptions>(sp).MaxTragePerBestemming.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Callbacks:AllowedNetworks"] = sp => string.Join(",", Opties<CallbackAdresOptions>(sp).ToegestaneNetwerken),
        ["Email:Smtp:MaxConnections"] = sp => Opties<EmailOptions>(sp).Smtp.MaxVerbindingen.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Retentie:BatchSize"] = sp => Opties<RetentieOptions>(sp).BatchGrootte.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Retentie:PauseBetweenBatches"] = sp => Opties<RetentieOptions>(sp).PauzeTussenBatches.ToString(),
        ["Retentie:LeaseDuration"] = sp => Opties<RetentieOptions>(sp).LeaseDuur.ToString(),
    };

    [Theory]
    [InlineData("Metrics:VernieuwInterval", "Metrics:RefreshInterval", "00:00:07")]
    [InlineData("RateLimits:PerAdresPerSeconde", "RateLimits:PerAddressPerSecond", "17")]
    [InlineData("Callbacks:TraagNa", "Callbacks:SlowAfter", "00:00:03")]
    [InlineData("Callbacks:MaxTragePerBestemming", "Callbacks:MaxSlowPerDestination", "9")]
    [InlineData("Callbacks:ToegestaneNetwerken:0", "Callbacks:AllowedNetworks", "10.20.0.0/16")]
    [InlineData("Email:Smtp:MaxVerbindingen", "Email:Smtp:MaxConnections", "5")]
    [InlineData("Retentie:BatchGrootte", "Retentie:BatchSize", "77")]
    [InlineData("Retentie:PauzeTussenBatches", "Retentie:PauseBetweenBatches", "00:00:02")]
    [InlineData("Retentie:LeaseDuur", "Retentie:LeaseDuration", "00:03:00")]
    public void OudeSleutel_AloneInTheConfiguration_IsBoundUnderTheNewNameWithAWarning(string oud, string nieuw, string waarde)
    {
        var logs = new WarningLog();
        using var sp = Diensten(new() { [oud] = waarde }, logs);

        Assert.Equal(waarde, Gebonden[nieuw](sp));
        var melding = Assert.Single(logs.Meldingen);
        Assert.Contains(oud.Split(":0")[0], melding, StringComparison.Ordinal);
        Assert.Contains(nieuw, melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Hernoemd_EveryRenamedKey_HasABindingTestAbove() =>
        Assert.Equal(VerouderdeSleutels.Hernoemd.Select(h => h.Nieuw).Order(), Gebonden.Keys.Order());

    [Fact]
    public void OudeSleutels_OptionsBuiltSeveralTimes_OneWarningPerOldKey()
    {
        var logs = new WarningLog();
        using var sp = Diensten(new() { ["Callbacks:TraagNa"] = "00:00:03", ["Callbacks:ToegestaneNetwerken:0"] = "10.0.0.0/8" }, logs);

        _ = Opties<CallbackOptions>(sp);
        _ = Opties<CallbackAdresOptions>(sp);
        _ = sp.GetRequiredService<IOptionsMonitor<CallbackOptions>>().Get("ander");
        using (var scope = sp.CreateScope())
        {
            _ = scope.ServiceProvider.GetRequiredService<IOptionsSnapshot<CallbackOptions>>().Value;
        }

        Assert.Equal(2, logs.Meldingen.Count);
        Assert.Single(logs.Meldingen, m => m.Contains("Callbacks:TraagNa", StringComparison.Ordinal));
        Assert.Single(logs.Meldingen, m => m.Contains("Callbacks:ToegestaneNetwerken", StringComparison.Ordinal));
    }

    [Fact]
    public void ShippedFiles_DeployAndReadme_UseNoOldKey()
    {
        var bestanden = Directory.EnumerateFiles(DeployChecks.DeployDir, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("node_modules", StringComparison.Ordinal))
            .Append(Path.Combine(DeployChecks.RepoRoot, "README.md"));
        var gevonden = (from bestand in bestanden
                        let tekst = File.ReadAllText(bestand)
                        from h in VerouderdeSleutels.Hernoemd
                        where tekst.Contains(h.Oud, StringComparison.OrdinalIgnoreCase)
                              || tekst.Contains(h.Oud.Replace(":", "__", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)
                        select $"{Path.GetRelativePath(DeployChecks.RepoRoot, bestand)}: {h.Oud}").ToList();

        Assert.Empty(gevonden);
    }

    [Fact]
    public void OudeSleutel_ContainerWithoutLogging_StillBound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Retentie:BatchGrootte"] = "77" }).Build();
        using var sp = new ServiceCollection().AddGatewayRetentie(configuration).BuildServiceProvider();

        Assert.Equal(77, Opties<RetentieOptions>(sp).BatchGrootte);
    }

    [Fact]
    public void OudeSleutel_NewKeyAlsoGiven_TheNewKeyWinsWithoutWarning()
    {
        var logs = new WarningLog();
        using var sp = Diensten(new() { ["Retentie:BatchGrootte"] = "77", ["Retentie:BatchSize"] = "55" }, logs);

        Assert.Equal("55", Gebonden["Retentie:BatchSize"](sp));
        Assert.Empty(logs.Meldingen);
    }

    private static ServiceProvider Diensten(Dictionary<string, string?> instellingen, WarningLog logs)
    {
        instellingen["Storage:Provider"] = "sqlite";
        instellingen["ConnectionStrings:Gateway"] = "Data Source=:memory:";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(instellingen).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(new LoggerFactory([logs]));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddGatewayCore(configuration);
        services.AddGatewayRateLimiting();
        return services.BuildServiceProvider();
    }

    private static T Opties<T>(IServiceProvider sp)
        where T : class => sp.GetRequiredService<IOptions<T>>().Value;

    private sealed class WarningLog : ILoggerProvider, ILogger
    {
        public List<string> Meldingen { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (Meldingen)
                {
                    Meldingen.Add(formatter(state, exception));
                }
            }
        }

        public void Dispose()
        {
        }
    }
}

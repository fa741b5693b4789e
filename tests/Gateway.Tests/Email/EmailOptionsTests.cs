using System.Collections.Concurrent;
using Hulpvraag.Gateway.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Tests.Email;

/// <summary>The start-up checks of the e-mail settings (ValidateOnStart runs the same validation the host does).</summary>
public sealed class EmailOptionsTests
{
    [Theory]
    [InlineData("127.0.0.1", "None", true)]
    [InlineData("localhost", "None", true)]
    [InlineData("::1", "None", true)]
    [InlineData("smtp.pporotterdam.nl", "None", false)]
    [InlineData("10.0.0.5", "None", false)]
    [InlineData("localhost.pporotterdam.nl", "None", false)]
    [InlineData("smtp.pporotterdam.nl", "StartTls", true)]
    [InlineData("smtp.pporotterdam.nl", "SslOnConnect", true)]
    public void Start_SecurityNone_IsOnlyAllowedToLoopback(string host, string security, bool geldig)
    {
        var fout = Record.Exception(() => Lees(new() { ["Email:Smtp:Host"] = host, ["Email:Smtp:Security"] = security }));

        if (geldig)
        {
            Assert.Null(fout);
        }
        else
        {
            Assert.Contains("Email:Smtp:Security=None mag alleen naar een loopback-adres", Assert.IsType<OptionsValidationException>(fout).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Email:Afzender", "geen adres", "Email:Afzender is verplicht")]
    [InlineData("Email:Afzender", "", "Email:Afzender is verplicht")]
    [InlineData("Email:BasisUrl", "http://gateway.pporotterdam.nl", "Email:BasisUrl is verplicht")]
    [InlineData("Email:BasisUrl", "", "Email:BasisUrl is verplicht")]
    [InlineData("Email:Smtp:Username", "gebruiker", "horen bij elkaar")]
    [InlineData("Email:Smtp:Password", "geheim-wachtwoord", "horen bij elkaar")]
    [InlineData("Email:MaxAge", "00:00:10", "Email:MaxAge moet tussen")]
    public void Start_InvalidSetting_IsRefusedWithItsName(string sleutel, string waarde, string melding)
    {
        var fout = Record.Exception(() => Lees(new() { ["Email:Smtp:Host"] = "smtp.pporotterdam.nl", [sleutel] = waarde }));

        Assert.Contains(melding, Assert.IsType<OptionsValidationException>(fout).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_RefusalOfTheSecret_DoesNotRepeatThePassword()
    {
        var fout = Record.Exception(() => Lees(new() { ["Email:Smtp:Host"] = "smtp.pporotterdam.nl", ["Email:Smtp:Password"] = "geheim-wachtwoord" }));

        Assert.DoesNotContain("geheim-wachtwoord", Assert.IsType<OptionsValidationException>(fout).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithoutHost_EmailIsOffAndNothingElseIsRequired()
    {
        var opties = Lees(new() { ["Email:Afzender"] = "geen adres", ["Email:Smtp:Username"] = "gebruiker" }, basis: false);

        Assert.False(opties.IsAan);
    }

    [Theory]
    [InlineData(false, "E-mail to aanvragers is off")]
    [InlineData(true, "E-mail to aanvragers is on: SMTP 127.0.0.1:2525")]
    public async Task Start_EmailOnOrOff_IsLoggedOnce(bool aan, string melding)
    {
        var waarden = new Dictionary<string, string?>();
        if (aan)
        {
            waarden["Email:Smtp:Host"] = "127.0.0.1";
            waarden["Email:Smtp:Port"] = "2525";
            waarden["Email:Smtp:Security"] = "None";
            waarden["Email:Afzender"] = "Hulpvraag PPO Rotterdam <noreply@pporotterdam.nl>";
            waarden["Email:BasisUrl"] = "https://gateway.pporotterdam.nl";
        }

        var regels = new ConcurrentQueue<string>();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new Verzamelaar(regels)));
        services.AddEmailOpslag(new ConfigurationBuilder().AddInMemoryCollection(waarden).Build());
        services.AddEmailAflevering();
        await using var sp = services.BuildServiceProvider();

        foreach (var dienst in sp.GetServices<IHostedService>())
        {
            await dienst.StartAsync(default);
        }

        var email = regels.Where(r => r.Contains("E-mail to aanvragers", StringComparison.Ordinal)).ToList();
        Assert.Single(email);
        Assert.StartsWith(melding, email[0], StringComparison.Ordinal);
    }

    private static EmailOptions Lees(Dictionary<string, string?> waarden, bool basis = true)
    {
        var alle = basis
            ? new Dictionary<string, string?>
            {
                ["Email:Afzender"] = "Hulpvraag PPO Rotterdam <noreply@pporotterdam.nl>",
                ["Email:BasisUrl"] = "https://gateway.pporotterdam.nl",
            }
            : [];
        foreach (var (k, v) in waarden)
        {
            alle[k] = v;
        }

        var services = new ServiceCollection();
        services.AddLogging(); // the options warn about renamed keys
        services.AddEmailOpslag(new ConfigurationBuilder().AddInMemoryCollection(alle).Build());
        using var sp = services.BuildServiceProvider();
        return sp.GetRequiredService<IOptions<EmailOptions>>().Value;
    }

    private sealed class Verzamelaar(ConcurrentQueue<string> regels) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            regels.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}

using System.Security.Cryptography;
using Hulpvraag.Adapters.Esis;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Core.Logging;
using Hulpvraag.Gateway.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Hosting;

public static partial class GatewayEsisExtensions
{
    public const string PepperBestand = "esis-code-pepper.key";

    public static IServiceCollection AddGatewayEsis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<EsisRegistratieStore>();
        services.AddSingleton<IEsisRegistraties>(sp => sp.GetRequiredService<EsisRegistratieStore>());
        services.AddSingleton<IValidateOptions<EsisOptions>, PepperVerplichtBijPostgres>();
        services.AddEsis(configuration, Pepper);
        services.AddHostedService<SleutelsBijStart>();
        return services;
    }

    /// <summary>Loads (or, in development, creates) the pepper at start-up, so a problem shows then, not at the first school's request.</summary>
    private sealed class SleutelsBijStart(IServiceProvider services) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<Adapters.Esis.Verificatiecodes.EsisSleutels>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>
    /// The configured pepper; on SQLite without one, a generated pepper kept beside the database file (owner-only), so
    /// a fresh clone runs without set-up. Losing that file invalidates every registered code, hence the warning.
    /// </summary>
    private static string Pepper(IServiceProvider sp, EsisOptions opties)
    {
        if (!string.IsNullOrEmpty(opties.CodePepper))
        {
            return opties.CodePepper;
        }

        var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        var dataSource = new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource;
        var pad = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataSource)) ?? ".", PepperBestand);
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Hulpvraag.Gateway.Esis");
        if (!File.Exists(pad))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(pad)!);
            var opties2 = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                opties2.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var bestand = new StreamWriter(new FileStream(pad, opties2));
            bestand.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            LogPepperGenerated(logger, pad);
        }

        LogPepperFromFile(logger, pad);
        return File.ReadAllText(pad).Trim();
    }

    [LoggerMessage(EventId = LogEventIds.EsisPepperGegenereerd, Level = LogLevel.Warning, Message = "Esis:CodePepper is not configured: generated a development pepper in {Path}. Configure Esis:CodePepper for production; losing this file invalidates every registered verification code")]
    private static partial void LogPepperGenerated(ILogger logger, string path);

    [LoggerMessage(EventId = LogEventIds.EsisPepperUitBestand, Level = LogLevel.Warning, Message = "Using the development Esis code pepper from {Path}")]
    private static partial void LogPepperFromFile(ILogger logger, string path);

    private sealed class PepperVerplichtBijPostgres(IOptions<StorageOptions> storage) : IValidateOptions<EsisOptions>
    {
        public ValidateOptionsResult Validate(string? name, EsisOptions options) =>
            storage.Value.Provider == StorageProvider.Postgres && string.IsNullOrEmpty(options.CodePepper)
                ? ValidateOptionsResult.Fail("Esis:CodePepper is verplicht bij Storage:Provider postgres (alle instanties moeten dezelfde gebruiken).")
                : ValidateOptionsResult.Success;
    }
}

using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Ports;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Application;
using Hulpvraag.Gateway.Email;
using Hulpvraag.Gateway.Limieten;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Retentie;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Werkwachtrij;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Hosting;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>Options, storage, the core services and the outbox: everything both the server and the CLI need.</summary>
    public static IServiceCollection AddGatewayCore(this IServiceCollection services, IConfiguration configuration)
    {
        DapperSetup.Configure();
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();

        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MetriekOptions>().Bind(configuration.GetSection(MetriekOptions.Section))
            .MetOudeSleutels(configuration, MetriekOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CallbackOptions>().Bind(configuration.GetSection(CallbackOptions.Section))
            .MetOudeSleutels(configuration, CallbackOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Configure(o => o.ConnectionString = SqliteLocatie.MaakAbsoluut(o.Provider, configuration.GetConnectionString("Gateway") ?? o.ConnectionString))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<DbConnectionFactory>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<HulpvraagStore>();
        services.AddSingleton<IHulpvraagStore>(sp => sp.GetRequiredService<HulpvraagStore>());
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<ICallbackWachtrij>(sp => sp.GetRequiredService<OutboxStore>());
        services.AddSingleton<AuditStore>();
        services.AddSingleton<Audit.AuditVerificatie>();
        services.AddSingleton<BeheerStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<IBijlageStaging, TempFileBijlageStaging>();
        services.AddSingleton<OsoRegisterStore>();
        services.AddSingleton<IOsoRegister>(sp => sp.GetRequiredService<OsoRegisterStore>());
        services.AddSingleton<OsoReplayStore>();
        services.AddSingleton<IReplayStore>(sp => sp.GetRequiredService<OsoReplayStore>());
        services.AddSingleton<OsoRegisterService>();
        services.AddSingleton<OsoNotificatieStore>();
        services.AddSingleton<IOsoNotificaties>(sp => sp.GetRequiredService<OsoNotificatieStore>());
        services.AddSingleton<IWerkOpslag<OsoNotificatie>>(sp => sp.GetRequiredService<OsoNotificatieStore>());
        services.AddSingleton<AfleverRijen>();
        services.AddEmailOpslag(configuration);
        services.AddOso(configuration);
        services.AddGatewayLimieten();
        services.AddGatewayRetentie(configuration);

        services.AddSingleton(sp => new CoreInstellingen(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.SamenwerkingsverbandCode));
        services.AddSingleton<IntakeService>();
        services.AddSingleton<StatusService>();
        services.AddGatewayApplication(configuration);
        return services;
    }

    /// <summary>Applies migrations before anything else starts, then runs the callback dispatcher.</summary>
    public static IServiceCollection AddGatewayBackgroundServices(this IServiceCollection services)
    {
        services.AddHostedService<MigrationStartup>();
        services.AddHostedService<MetriekVernieuwer>();
        services.AddEmailAflevering();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddWerkWachtrij<OsoNotificatie>(sp =>
        {
            var oso = sp.GetRequiredService<IOptions<OsoOptions>>().Value;
            return new WerkWachtrijOpties
            {
                Naam = "oso-ophalen",
                BatchSize = oso.FetchBatchSize,
                MaxParallel = oso.FetchMaxParallel,
                LeaseDuration = oso.FetchLease,
                PollInterval = oso.FetchPollInterval,
                MinBackoff = oso.FetchMinBackoff,
                MaxBackoff = oso.FetchMaxBackoff,
                MaxAge = oso.FetchHorizon,
            };
        });
        services.AddGatewayRetentieDienst();
        services.AddHostedService<Audit.AuditKopLogger>();
        return services;
    }
}

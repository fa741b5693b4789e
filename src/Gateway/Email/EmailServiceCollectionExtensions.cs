using Hulpvraag.Core.Logging;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Email;

public static partial class EmailServiceCollectionExtensions
{
    /// <summary>What writing and reading e-mail rows needs (server and CLI alike): the validated options and the store.</summary>
    public static IServiceCollection AddEmailOpslag(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .MetOudeSleutels(configuration, EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EmailStore>();
        return services;
    }

    /// <summary>Sending (the server): the e-mail channel's deliverer, its SMTP connections and the opt-out tokens.</summary>
    public static IServiceCollection AddEmailAflevering(this IServiceCollection services)
    {
        services.AddSingleton<SmtpVerzender>();
        services.AddSingleton<AfmeldTokens>();
        services.AddSingleton<IAflevering, EmailAflevering>();
        services.AddHostedService<EmailStartmelding>();
        return services;
    }

    /// <summary>Says once at start-up whether e-mail is on, and where it goes.</summary>
    private sealed partial class EmailStartmelding(IOptions<EmailOptions> options, ILogger<EmailStartmelding> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var o = options.Value;
            if (o.IsAan)
            {
                LogAan(logger, o.Smtp.Host!, o.Smtp.Port, o.Smtp.Security.ToString());
            }
            else
            {
                LogUit(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = LogEventIds.EmailAan, Level = LogLevel.Information, Message = "E-mail to aanvragers is on: SMTP {Host}:{Port} ({Security})")]
        private static partial void LogAan(ILogger logger, string host, int port, string security);

        [LoggerMessage(EventId = LogEventIds.EmailUit, Level = LogLevel.Information, Message = "E-mail to aanvragers is off: Email:Smtp:Host is not configured")]
        private static partial void LogUit(ILogger logger);
    }
}

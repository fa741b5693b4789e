using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Hulpvraag.Adapters.Esis.Verificatiecodes;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Email;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SmtpServer.Protocol;

namespace Hulpvraag.Gateway.Tests.Email;

public sealed class SqliteEmailKostenTests() : EmailKostenTests(new SqliteTarget());

public sealed class PostgresEmailKostenTests() : EmailKostenTests(new PostgresTarget());

/// <summary>
/// Issue 11: a status change with e-mail on costs at most one extra insert. The e-mail row rides in the INSERT that
/// writes the change's callback rows, so on PostgreSQL the statements of the change are counted (Npgsql's activity per
/// command, only those on this test's own database) and on both stores the rows.
/// </summary>
public abstract class EmailKostenTests(StorageTarget target)
{
    [Fact]
    public async Task StatusChange_EmailOn_CostsOneRowAndAtMostOneStatementMore()
    {
        var uit = await MeetAsync(emailAan: false);
        var aan = await MeetAsync(emailAan: true);

        Assert.Equal(0, uit.EmailRijen);
        Assert.Equal(1, aan.EmailRijen);
        Assert.Equal(uit.Rijen + 1, aan.Rijen);
        if (target is PostgresTarget)
        {
            Assert.True(uit.Statements > 0, "no statements of the status change were seen: the count would prove nothing");
            Assert.InRange(aan.Statements - uit.Statements, 0, 1);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deliver_EmailAttempt_RecordsRecipientAndAnswerInTheOneStateUpdate(bool eerstTijdelijkGeweigerd)
    {
        await using var smtp = new TestSmtpServer().Start();
        if (eerstTijdelijkGeweigerd)
        {
            smtp.VolgendeAntwoorden.Enqueue(new SmtpResponse((SmtpReplyCode)421, "Probeer het later"));
        }

        var instellingen = new Dictionary<string, string?>
        {
            ["Esis:CodePepper"] = "email-kosten-pepper-with-enough-characters-0123456789",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Afzender"] = "Hulpvraag PPO Rotterdam <noreply@pporotterdam.nl>",
            ["Email:BasisUrl"] = "http://127.0.0.1:8080",
        };
        var connectionString = target.NewConnectionString();
        await using var services = await target.CreateServicesAsync(connectionString, settings: instellingen, configure: s => s
            .AddSingleton(new EsisSleutels(instellingen["Esis:CodePepper"]!, 1)) // the opt-out link's key
            .AddEmailAflevering().AddSingleton<OutboxDispatcher>());
        var h = (await services.GetRequiredService<IntakeService>().IndienenAsync(TestData.Aanvraag("K-2"), default)).Value!.Hulpvraag.Dossiernummer;

        using var teller = new StatementTeller(target, connectionString);
        var behandeld = await services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(default);
        var updates = teller.Statements.Count(t => t.StartsWith("UPDATE aflevering", StringComparison.OrdinalIgnoreCase));

        var rij = Assert.Single(await services.GetRequiredService<EmailStore>().ZoekAsync(null, h, null, 10, default));
        Assert.Equal("ib@regenboog.nl", rij.Ontvanger);
        Assert.StartsWith(eerstTijdelijkGeweigerd ? "SMTP 421" : "SMTP 250", rij.LaatsteAntwoord, StringComparison.Ordinal);
        Assert.Equal(eerstTijdelijkGeweigerd ? "wachtend" : "afgeleverd", rij.Toestand);
        if (target is PostgresTarget)
        {
            // The claim is one UPDATE for the batch; after it exactly one UPDATE per row handled, the e-mail's included.
            Assert.True(behandeld > 0);
            Assert.Equal(1 + behandeld, updates);
        }
    }

    private sealed record Meting(int Rijen, int EmailRijen, int Statements);

    /// <summary>The SQL text of the commands PostgreSQL runs on this test's own database (tests on other databases run in parallel).</summary>
    private sealed class StatementTeller : IDisposable
    {
        private readonly ActivityListener _luisteraar;

        public StatementTeller(StorageTarget target, string connectionString)
        {
            var database = target is PostgresTarget ? new NpgsqlConnectionStringBuilder(connectionString).Database : null;
            _luisteraar = new ActivityListener
            {
                ShouldListenTo = bron => bron.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    if (database is not null && a.TagObjects.Any(t => t.Value is string w && w.Contains(database, StringComparison.Ordinal)))
                    {
                        Statements.Add(a.TagObjects.Select(t => t.Value).OfType<string>()
                            .FirstOrDefault(w => w.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || w.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                                || w.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase))?.TrimStart() ?? a.DisplayName);
                    }
                },
            };
            ActivitySource.AddActivityListener(_luisteraar);
        }

        public ConcurrentBag<string> Statements { get; } = [];

        public void Dispose() => _luisteraar.Dispose();
    }

    private async Task<Meting> MeetAsync(bool emailAan)
    {
        var connectionString = target.NewConnectionString();
        var instellingen = new Dictionary<string, string?> { ["Esis:CodePepper"] = "email-kosten-pepper-with-enough-characters-0123456789" };
        if (emailAan)
        {
            instellingen["Email:Smtp:Host"] = "127.0.0.1";
            instellingen["Email:Smtp:Security"] = "None";
            instellingen["Email:Afzender"] = "Hulpvraag PPO Rotterdam <noreply@pporotterdam.nl>";
            instellingen["Email:BasisUrl"] = "http://127.0.0.1:8080";
        }

        await using var services = await target.CreateServicesAsync(connectionString, settings: instellingen);
        var h = (await services.GetRequiredService<IntakeService>().IndienenAsync(TestData.Aanvraag("K-1"), default)).Value!.Hulpvraag.Dossiernummer;
        var (rijenVoor, emailVoor) = await TelAsync(services);

        var database = target is PostgresTarget ? new NpgsqlConnectionStringBuilder(connectionString).Database : null;
        var statements = new ConcurrentBag<string>();
        using var luisteraar = new ActivityListener
        {
            ShouldListenTo = bron => bron.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                // Tests run in parallel on other databases of the same server: only this database's commands count.
                if (database is not null && a.TagObjects.Any(t => t.Value is string w && w.Contains(database, StringComparison.Ordinal)))
                {
                    statements.Add(a.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(luisteraar);
        var r = await services.GetRequiredService<StatusService>().WijzigAsync(
            h, new StatusWijzigingVerzoek(StatusCatalogus.InBehandeling, "SCP", "Eerste gesprek gepland.", false, null), "test", default);
        luisteraar.Dispose();
        Assert.True(r.IsSuccess, r.Code);

        var (rijenNa, emailNa) = await TelAsync(services);
        return new Meting(rijenNa - rijenVoor, emailNa - emailVoor, statements.Count);
    }

    private static async Task<(int Rijen, int Email)> TelAsync(IServiceProvider services)
    {
        await using var c = await services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        var rijen = await c.ExecuteScalarAsync<int>("SELECT count(*) FROM aflevering");
        var email = await c.ExecuteScalarAsync<int>("SELECT count(*) FROM aflevering WHERE kanaal = 'email'");
        return (rijen, email);
    }
}

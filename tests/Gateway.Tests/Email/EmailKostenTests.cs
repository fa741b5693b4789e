using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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

    private sealed record Meting(int Rijen, int EmailRijen, int Statements);

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

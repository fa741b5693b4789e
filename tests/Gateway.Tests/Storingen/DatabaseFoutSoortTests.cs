using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Dapper;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Storingen;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog.Core;
using Serilog.Events;

namespace Hulpvraag.Gateway.Tests.Storingen;

/// <summary>
/// Only a database that is away, full or overloaded is an outage (503); an error about our own SQL is a bug (500 and an
/// error log), so it can no longer hide behind OPSLAG_ONBEREIKBAAR.
/// </summary>
public sealed class DatabaseFoutSoortTests
{
    public static TheoryData<Exception, string?> DatabaseFouten => new()
    {
        { Pg("08006"), "OPSLAG_ONBEREIKBAAR" },
        { Pg("53300"), "OPSLAG_ONBEREIKBAAR" },
        { Pg("53100"), "OPSLAG_VOL" },
        { Pg("57P01"), "OPSLAG_ONBEREIKBAAR" },
        { Pg("57P03"), "OPSLAG_ONBEREIKBAAR" },
        { Pg("58030"), "OPSLAG_ONBEREIKBAAR" },
        { Pg("3D000"), "OPSLAG_ONBEREIKBAAR" },
        { Pg("25006"), "OPSLAG_ONBEREIKBAAR" },
        { Pg("42P18"), null },
        { Pg("42601"), null },
        { Pg("23505"), null },
        { new InvalidOperationException("wrapped", Pg("42P01")), null },
        { new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), "OPSLAG_ONBEREIKBAAR" },
        { new NpgsqlException("pool exhausted", new TimeoutException()), "OPSLAG_ONBEREIKBAAR" },
        { new NpgsqlException("a client-side misuse"), null },
        { new SqliteException("database is locked", 5), "OPSLAG_ONBEREIKBAAR" },
        { new SqliteException("database table is locked", 6), "OPSLAG_ONBEREIKBAAR" },
        { new SqliteException("disk I/O error", 266), "OPSLAG_ONBEREIKBAAR" },
        { new SqliteException("unable to open database file", 14), "OPSLAG_ONBEREIKBAAR" },
        { new SqliteException("database or disk is full", 13), "OPSLAG_VOL" },
        { new SqliteException("no such table: x", 1), null },
        { new SqliteException("UNIQUE constraint failed", 19), null },
    };

    [Theory]
    [MemberData(nameof(DatabaseFouten))]
    public void Soort_DatabaseError_IsAnOutageOnlyWhenTheDatabaseIsAwayOrFull(Exception exception, string? verwacht) =>
        Assert.Equal(verwacht, StoringAfhandeling.Soort(exception));

    [Fact]
    public void Soort_RealSqliteFileThatCannotBeOpened_IsOpslagOnbereikbaar()
    {
        var pad = Path.Combine(SqliteTarget.NewFolder(), "bestaat-niet", "gateway.db");
        using var connection = new SqliteConnection($"Data Source={pad};Mode=ReadWrite;Pooling=False");

        var fout = Assert.Throws<SqliteException>(connection.Open);

        Assert.Equal("OPSLAG_ONBEREIKBAAR", StoringAfhandeling.Soort(fout));
    }

    [Fact]
    public void Soort_RealBrokenSqlOnSqlite_IsABug()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();

        var fout = Assert.Throws<SqliteException>(() => connection.Execute("SELECT * FROM tabel_die_niet_bestaat"));

        Assert.Null(StoringAfhandeling.Soort(fout));
    }

    [Fact]
    public async Task Put_BrokenSqlOnRealPostgres_Is500InterneFoutWithAnErrorLog()
    {
        var logs = new VangFouten();
        await using var host = await GatewayTestHost.StartAsync(new PostgresTarget(), settings: StoringTestEsis.Instellingen(),
            configure: b => b.Services.AddSingleton<IBijlageStaging, KapotteSqlStaging>().AddSingleton<ILogEventSink>(logs));
        await StoringTestEsis.RegistreerAsync(host);

        var response = await StoringTestEsis.PutAsync(host, "E-kapot-1");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("INTERNE_FOUT", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Null(response.Headers.RetryAfter);
        Assert.Contains(logs.Fouten, e => e.EventId == 4302 && e.Tekst.Contains("42P01", StringComparison.Ordinal));
        await using var db = await host.Services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM hulpvraag"));
    }

    [Fact]
    public async Task Put_PostgresStopped_Is503OpslagOnbereikbaar()
    {
        using var postgres = new EigenPostgres();
        await using (var admin = new NpgsqlConnection(postgres.ConnectionString))
        {
            await admin.ExecuteAsync("CREATE DATABASE gateway");
        }

        var connectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "gateway" }.ToString();
        await using var host = await GatewayTestHost.StartAsync(new PostgresTarget(), connectionString, StoringTestEsis.Instellingen());
        await StoringTestEsis.RegistreerAsync(host);
        Assert.Equal(HttpStatusCode.Created, (await StoringTestEsis.PutAsync(host, "E-voor-stop")).StatusCode);

        postgres.Stop();
        var response = await StoringTestEsis.PutAsync(host, "E-na-stop");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("OPSLAG_ONBEREIKBAAR", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private static PostgresException Pg(string sqlState) => new("test", "ERROR", "ERROR", sqlState);

    /// <summary>Staging that runs a real broken statement (an undefined table, 42P01) against the gateway's own PostgreSQL.</summary>
    private sealed class KapotteSqlStaging(DbConnectionFactory connections) : IBijlageStaging
    {
        public async Task<GestagedeBijlage> StageAsync(Stream bron, BijlageCodering codering, long maxGrootte, CancellationToken cancellationToken)
        {
            await using var db = await connections.OpenAsync(cancellationToken);
            await db.ExecuteAsync(new CommandDefinition("SELECT * FROM tabel_die_niet_bestaat", cancellationToken: cancellationToken));
            throw new InvalidOperationException("not reached: the statement above fails");
        }

        public GestagedeBijlage StageBase64(ReadOnlySpan<byte> utf8Base64)
        {
            using var db = connections.OpenAsync(default).GetAwaiter().GetResult();
            db.Execute("SELECT * FROM tabel_die_niet_bestaat");
            throw new InvalidOperationException("not reached: the statement above fails");
        }
    }

    private sealed class VangFouten : ILogEventSink
    {
        public ConcurrentQueue<(int EventId, string Tekst)> Fouten { get; } = new();

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Level >= LogEventLevel.Error && logEvent.Properties.TryGetValue("EventId", out var id)
                && id is StructureValue s && s.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: int nummer })
            {
                Fouten.Enqueue((nummer, logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }
}

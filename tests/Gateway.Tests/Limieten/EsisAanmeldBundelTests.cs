using Dapper;
using Hulpvraag.Adapters.Esis;
using Hulpvraag.Adapters.Esis.Authenticatie;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Limieten;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Hulpvraag.Gateway.Tests.Limieten;

/// <summary>
/// On PostgreSQL the sign-in reads of Esis requests arriving side by side go in one batch. Each request must still get
/// its own school's registrations and its own verdict: the reads are held behind a lock on esis_registratie so they
/// queue, then answered together.
/// </summary>
public sealed class EsisAanmeldBundelTests : IAsyncLifetime
{
    private static readonly TimeSpan Wachttijd = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 30, TimeSpan.Zero));
    private readonly string _connectionString = PostgresServer.CreateDatabase();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync() =>
        _services = await new PostgresTarget().CreateServicesAsync(_connectionString, _clock, configure: s => s.AddOptions<EsisOptions>());

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task LeesAsync_ReadsQueuedTogether_EachGetsItsOwnSchoolsRegistrationsAndItsOwnLockout()
    {
        var connections = _services.GetRequiredService<DbConnectionFactory>();
        var registraties = new EsisRegistratieStore(connections);
        for (var i = 0; i < 10; i++)
        {
            await registraties.VoegToeAsync(Registratie($"{10 + i}AB00"), new AuditRegel(_clock.GetUtcNow(), "test", "esis.registratie.toevoegen", $"school:{10 + i}AB00", null), default);
        }

        var tellers = _services.GetRequiredService<FoutTellerStore>();
        for (var i = 0; i < 5; i++)
        {
            await tellers.RegistreerMislukkingAsync(new MislukteVerificatie(_clock.GetUtcNow(), "15AB00", "192.0.2.15", MislukkingRedenen.CodeOnjuist), default);
        }

        var opslag = new EsisAanmeldStore(connections, tellers, _services.GetRequiredService<LimietMetrics>());
        await using var slot = new NpgsqlConnection(_connectionString);
        await slot.OpenAsync();
        await using var transactie = await slot.BeginTransactionAsync();
        await slot.ExecuteAsync("LOCK TABLE esis_registratie IN ACCESS EXCLUSIVE MODE", transaction: transactie);

        // School 99ZZ00 has no registration; 15AB00 is locked out for its own address only.
        var scholen = Enumerable.Range(0, 10).Select(i => $"{10 + i}AB00").Append("99ZZ00").ToList();
        var taken = scholen.Select(s => opslag.LeesAsync(s, $"192.0.2.{s[..2]}", default)).ToList();
        var tot = DateTime.UtcNow + Wachttijd;
        while (await slot.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM pg_locks WHERE relation = 'esis_registratie'::regclass AND NOT granted", transaction: transactie) < 2)
        {
            Assert.True(DateTime.UtcNow < tot, "the first reads never reached the database");
            await Task.Delay(20);
        }

        await transactie.CommitAsync();
        var gegevens = await Task.WhenAll(taken).WaitAsync(Wachttijd);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(scholen[i], Assert.Single(gegevens[i].Kandidaten).Brin6);
            Assert.Equal(scholen[i] == "15AB00", gegevens[i].Blokkade is not null);
        }

        Assert.Empty(gegevens[10].Kandidaten);
        Assert.Null(gegevens[10].Blokkade);
    }

    private EsisRegistratie Registratie(string brin6) => new()
    {
        Id = Guid.NewGuid(),
        Brin = brin6[..4],
        Vestiging = brin6[4..],
        Omgeving = "productie",
        CodeHash = "hash-" + brin6,
        CodeSleutelversie = 1,
        CallbackUrl = "https://esis.example/callback",
        CallbackSecretVersleuteld = "geheim",
        AangemaaktOp = _clock.GetUtcNow(),
    };
}

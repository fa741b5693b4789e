using Dapper;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Storage;

public sealed class SqliteSqlDialectTests() : SqlDialectTests(new SqliteTarget(), "Sqlite");

public sealed class PostgresSqlDialectTests() : SqlDialectTests(new PostgresTarget(), "Postgres");

/// <summary>The fragments each provider's dialect gives mean the same on its own database.</summary>
public abstract class SqlDialectTests(StorageTarget target, string naam) : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    private DbConnectionFactory Connections => _services.GetRequiredService<DbConnectionFactory>();

    public async Task InitializeAsync() => _services = await target.CreateServicesAsync(target.NewConnectionString());

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public void Dialect_ChosenFromTheConfiguredProvider_MatchesItsMigrationFolder()
    {
        Assert.Equal(naam, Connections.Dialect.Naam);
        Assert.Same(SqlDialect.Voor(Connections.Provider), Connections.Dialect);
    }

    [Fact]
    public async Task InLijst_ListParameter_SelectsExactlyTheListedValues()
    {
        var gevonden = await WaardenAsync($"x {Connections.Dialect.InLijst("lijst")}", new { lijst = new[] { "a", "c" } });

        Assert.Equal(["a", "c"], gevonden);
    }

    [Fact]
    public async Task NietInLijst_ListParameter_SelectsTheOthers()
    {
        var gevonden = await WaardenAsync($"x {Connections.Dialect.NietInLijst("lijst")}", new { lijst = new[] { "a", "c" } });

        Assert.Equal(["B", "b"], gevonden);
    }

    [Theory]
    [InlineData("jans", "Jansen,Janssen")]
    [InlineData("JANSEN", "Jansen")]
    [InlineData("Özt", "Öztürk")]
    [InlineData("50%", "50%_Naam")]
    [InlineData("Vries", "")]
    public async Task AchternaamBegintMet_StartOfTheName_MatchesThoseNamesOnly(string tekst, string verwacht)
    {
        var (sql, waarde) = Connections.Dialect.AchternaamBegintMet("tekst", tekst);
        await using var c = await Connections.OpenAsync(default);
        await c.ExecuteAsync("CREATE TEMP TABLE leerlingen (naam TEXT NOT NULL, leerling_json TEXT NULL)");
        // The JSON as the gateway stores it (System.Text.Json, web defaults), a school-level row without a pupil too.
        foreach (var naam in new[] { "Jansen", "Janssen", "de Jansen-Vries", "Öztürk", "50%_Naam", "50x_Naam" })
        {
            var json = System.Text.Json.JsonSerializer.Serialize(new { roepnaam = "Sem", achternaam = naam }, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
            await c.ExecuteAsync("INSERT INTO leerlingen (naam, leerling_json) VALUES (@naam, @json)", new { naam, json });
        }

        await c.ExecuteAsync("INSERT INTO leerlingen (naam, leerling_json) VALUES ('school', NULL)");
        var gevonden = (await c.QueryAsync<string>($"SELECT naam FROM leerlingen WHERE {sql}", new { tekst = waarde })).Order(StringComparer.Ordinal);

        Assert.Equal(verwacht.Split(',', StringSplitOptions.RemoveEmptyEntries), gevonden);
    }

    [Fact]
    public async Task TabelBestaat_MigratedStore_TrueForTheSchemaTableFalseForAnother()
    {
        Assert.True(await _services.GetRequiredService<Migrator>().HeeftSchemaAsync(default));
        await using var c = await Connections.OpenAsync(default);
        Assert.False(Convert.ToBoolean(await c.ExecuteScalarAsync(Connections.Dialect.TabelBestaat("bestaat_niet")), System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<IReadOnlyList<string>> WaardenAsync(string conditie, object parameters)
    {
        await using var c = await Connections.OpenAsync(default);
        await c.ExecuteAsync("CREATE TEMP TABLE waarden (x TEXT NOT NULL)");
        await c.ExecuteAsync("INSERT INTO waarden (x) VALUES ('a'), ('B'), ('b'), ('c')");
        return (await c.QueryAsync<string>($"SELECT x FROM waarden WHERE {conditie}", parameters)).Order(StringComparer.Ordinal).ToList();
    }
}

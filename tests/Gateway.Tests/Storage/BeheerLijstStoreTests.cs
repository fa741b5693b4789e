using Dapper;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Tests.Storage;

public sealed class SqliteBeheerLijstStoreTests() : BeheerLijstStoreTests(new SqliteTarget());

public sealed class PostgresBeheerLijstStoreTests() : BeheerLijstStoreTests(new PostgresTarget());

/// <summary>
/// The Hulpvragen page's keyset paging on both providers: page after page, with one, several or no statuses, every
/// matching hulpvraag comes exactly once, newest first, ties on the intake time broken by dossiernummer.
/// </summary>
public abstract class BeheerLijstStoreTests(StorageTarget target) : IAsyncLifetime
{
    private static readonly DateTimeOffset Begin = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Statussen = ["aanmelding", "in-behandeling", "afgerond"];

    private ServiceProvider _services = null!;

    private DbConnectionFactory Connections => _services.GetRequiredService<DbConnectionFactory>();

    public async Task InitializeAsync()
    {
        _services = await target.CreateServicesAsync(target.NewConnectionString());
        await using var c = await Connections.OpenAsync(default);
        for (var i = 1; i <= 40; i++)
        {
            // Two hulpvragen per moment, so the cursor's tie-break on dossiernummer is needed; two schools, two titles.
            await c.ExecuteAsync("""
                INSERT INTO hulpvraag (dossiernummer, systeem, brin, vestiging, referentie, samenwerkingsverband, titel, titel_origineel,
                    omschrijving, niveau, leerling_json, aanvrager_json, waarschuwingen_json, status_code, status_sinds, ontvangen_op,
                    bijgewerkt_op, versie)
                VALUES (@i, 'esis', @brin, '00', @referentie, 'PO2806', @titel, 'x', 'x', 'leerling',
                    '{"roepnaam":"Sem","achternaam":"Jansen"}', '{"naam":"IB"}', '[]', @status, @op, @op, @op, 1)
                """, new
            {
                i = (long)i, brin = i % 4 == 0 ? "34CD" : "12AB", referentie = $"R-{i}", titel = i % 5 == 0 ? "tlv-nieuw" : "kans",
                status = Statussen[i % 3], op = Begin.AddMinutes(i / 2),
            });
        }
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Theory]
    [InlineData("", null)]
    [InlineData("afgerond", null)]
    [InlineData("aanmelding,in-behandeling", null)]
    [InlineData("aanmelding,in-behandeling,afgerond", null)]
    [InlineData("aanmelding,afgerond", "12AB")]
    [InlineData("", "34CD")]
    public async Task PaginaAsync_PageAfterPage_EveryMatchOnceNewestFirst(string statussen, string? brin)
    {
        var gekozen = statussen.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var filter = LijstFilter.Leeg with { Statussen = gekozen, Brin = brin };
        var lijst = new BeheerLijstStore(Connections);

        var gezien = new List<long>();
        LijstCursor? na = null;
        for (var pagina = 0; pagina < 20; pagina++)
        {
            var regels = await lijst.PaginaAsync(filter, na, 3, default);
            gezien.AddRange(regels.Select(r => r.Dossiernummer));
            if (regels.Count < 3)
            {
                break;
            }

            na = new LijstCursor(regels[^1].OntvangenOp, regels[^1].Dossiernummer);
        }

        var verwacht = Enumerable.Range(1, 40)
            .Where(i => gekozen.Length == 0 || gekozen.Contains(Statussen[i % 3]))
            .Where(i => brin is null || (i % 4 == 0 ? "34CD" : "12AB") == brin)
            .Select(i => (Op: Begin.AddMinutes(i / 2), Nr: (long)i))
            .OrderByDescending(x => x.Op).ThenByDescending(x => x.Nr).Select(x => x.Nr).ToList();
        Assert.NotEmpty(verwacht);
        Assert.Equal(verwacht, gezien);
    }

    [Fact]
    public async Task AllesAsync_SeveralStatusesAndTitel_SameRowsAsThePages()
    {
        var filter = LijstFilter.Leeg with { Statussen = ["aanmelding", "in-behandeling"], Titel = "kans", Tekst = "jans" };
        var lijst = new BeheerLijstStore(Connections);

        var export = new List<long>();
        await foreach (var r in lijst.AllesAsync(filter, default))
        {
            export.Add(r.Dossiernummer);
        }

        var pagina = await lijst.PaginaAsync(filter, null, 100, default);
        Assert.Equal(pagina.Select(r => r.Dossiernummer), export);
        Assert.Equal(Enumerable.Range(1, 40).Count(i => i % 3 != 2 && i % 5 != 0), export.Count);
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Hulpvraag.Adapters.Esis.Tests.Infrastructure;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.Esis.Tests.Api;

public sealed class SqliteGeenGeheimenTests() : GeenGeheimenTests(new SqliteTarget());

public sealed class PostgresGeenGeheimenTests() : GeenGeheimenTests(new PostgresTarget());

/// <summary>
/// A whole scenario at the most verbose log level, then a search of every captured log event and every table for each
/// plaintext verification code and callback secret that was used: none may appear.
/// </summary>
public abstract partial class GeenGeheimenTests(StorageTarget target)
{
    [Fact]
    public async Task WholeScenario_NoCodeOrSecretInLogsOrTables()
    {
        await using var gw = await EsisGateway.StartAsync(target);
        const string code = "12AB00-zeer-geheime-code-1";
        const string nieuweCode = "12AB00-nog-geheimere-code-2";
        var (id, secret) = await gw.RegistreerAsync(code);

        Assert.Equal(HttpStatusCode.Created, (await gw.PutAsync("S-1", code, EsisVoorbeelden.Aanvraag())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gw.PutAsync("S-1", code + "x", EsisVoorbeelden.Aanvraag())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gw.PutAsync("S-1", code, EsisVoorbeelden.Aanvraag(), query: "?verificatiecode=" + code)).StatusCode);
        await gw.SendAsync(HttpMethod.Post, "/esis/v1/aanvragen/S-1/bijlagen", code,
            new StringContent(new JsonObject { ["bijlagen"] = new JsonArray(EsisVoorbeelden.Bijlage(EsisVoorbeelden.Pdf("x"), "Verslag.pdf")) }.ToJsonString(), Encoding.UTF8, "application/json"));
        await gw.AdminAsync(HttpMethod.Post, $"/admin/v1/esis/registraties/{id}/vervangen", new { verificatiecode = nieuweCode });
        Assert.Equal(HttpStatusCode.OK, (await gw.GetAsync("S-1", nieuweCode)).StatusCode);
        var dossier = JsonDocument.Parse(await (await gw.GetAsync("S-1", nieuweCode)).Content.ReadAsStringAsync()).RootElement.GetProperty("dossiernummer").GetInt64();
        await gw.AdminAsync(HttpMethod.Post, $"/admin/v1/hulpvragen/{dossier}/status", new { status = "in-behandeling" });
        // The dispatcher's attempt to deliver the status callback (it fails: esis.example does not answer) must be in
        // the logs before they are searched: delivered (3001), failed and retried (3002) or given up (3003).
        await gw.Logs.WachtOpAsync(r => CallbackPoging().IsMatch(r), "een afleverpoging van de callback (event 3001-3003)");

        var geheimen = new[] { code, code + "x", nieuweCode, secret };
        Assert.NotEmpty(gw.Logs.Regels);
        foreach (var regel in gw.Logs.Regels)
        {
            foreach (var geheim in geheimen)
            {
                Assert.DoesNotContain(geheim, regel, StringComparison.Ordinal);
            }
        }

        var dump = await DumpAsync(gw);
        Assert.Contains("12AB", dump, StringComparison.Ordinal);
        foreach (var geheim in geheimen)
        {
            Assert.DoesNotContain(geheim, dump, StringComparison.Ordinal);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"EventId\":\\{[^}]*\"Id\":300[123][,}]")]
    private static partial System.Text.RegularExpressions.Regex CallbackPoging();

    private static async Task<string> DumpAsync(EsisGateway gw)
    {
        var factory = gw.Service<DbConnectionFactory>();
        await using var c = await factory.OpenAsync(default);
        var tabellen = factory.IsPostgres
            ? await c.QueryAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            : await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'");
        var sb = new StringBuilder();
        foreach (var tabel in tabellen)
        {
            foreach (IDictionary<string, object?> rij in await c.QueryAsync($"SELECT * FROM {tabel}"))
            {
                foreach (var waarde in rij.Values)
                {
                    sb.Append(waarde is byte[] b ? Encoding.UTF8.GetString(b) : Convert.ToString(waarde, System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                sb.AppendLine();
            }
        }

        return sb.ToString();
    }
}

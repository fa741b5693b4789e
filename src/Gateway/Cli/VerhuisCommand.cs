using System.CommandLine;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Verhuis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Gateway.Cli;

/// <summary>
/// <c>gateway verhuis --naar "&lt;postgres connection string&gt;"</c>: moves the configured SQLite store into an empty
/// PostgreSQL database (stop the gateway first). The connection string is an argument because the target is not
/// configured yet; use a password file (PGPASSFILE) or an environment variable expansion to keep it out of history.
/// </summary>
internal static class VerhuisCommand
{
    public static Command Build(CliContext cli)
    {
        var naar = new Option<string>("--naar") { Description = "Connection string of the empty PostgreSQL database", Required = true };
        var verhuis = new Command("verhuis", "Move everything from the SQLite store to an empty PostgreSQL database, verified by counts and checksums.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        verhuis.Options.Add(naar);
        verhuis.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var verhuizer = new Verhuizer(sp.GetRequiredService<DbConnectionFactory>(), sp.GetRequiredService<ILoggerFactory>());
            var r = await verhuizer.VerhuisAsync(pr.GetValue(naar)!, token);
            if (!r.IsSuccess)
            {
                return cli.Weiger(pr, r.Fouten);
            }

            cli.Schrijf(pr, r.Value, () => string.Join(Environment.NewLine, r.Value!.Select(t => $"{t.Tabel,-28} {t.Rijen,10} rij(en)  {t.Controlegetal[..16]}")
                .Append($"Verhuisd en gecontroleerd: {r.Value!.Count} tabellen, {r.Value!.Sum(t => t.Rijen)} rijen.")
                .Append("Zet nu Storage:Provider=postgres en ConnectionStrings:Gateway op de nieuwe database, en Esis:CodePepper op de inhoud van")
                .Append($"{Hosting.GatewayEsisExtensions.PepperBestand} naast het SQLite-bestand (anders werkt geen enkele Esis-verificatiecode meer).")));
            return GatewayCli.Ok;
        }));
        return verhuis;
    }
}

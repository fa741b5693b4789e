using System.CommandLine;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Cli;

/// <summary><c>gateway migrate</c>: apply the database migrations and exit.</summary>
internal static class MigrateCommand
{
    public static Command Build(CliContext cli)
    {
        var migrate = new Command("migrate", "Maak de opslag aan of werk het schema bij, en stop.") { TreatUnmatchedTokensAsErrors = false };
        migrate.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, (sp, _) =>
        {
            cli.Uit.WriteLine($"Database is bijgewerkt ({sp.GetRequiredService<DbConnectionFactory>().Provider}).");
            return Task.FromResult(GatewayCli.Ok);
        }, maakOpslag: true));
        return migrate;
    }
}

using System.CommandLine;
using Hulpvraag.Gateway.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Cli;

/// <summary><c>gateway audit verify</c>: walks the audit hash chain and names the first entry that does not fit.</summary>
internal static class AuditCommands
{
    /// <summary>Exit code when the chain is broken (the same as a refusal: the data did not pass the check).</summary>
    public const int Verbroken = GatewayCli.Geweigerd;

    public static Command Build(CliContext cli)
    {
        var verify = new Command("verify", "Check the audit trail's hash chain: exit 0 intact, 2 broken (the first entry that does not fit is named).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        verify.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var uitkomst = await sp.GetRequiredService<AuditVerificatie>().ControleerAsync(token);
            cli.Schrijf(pr, uitkomst, () => uitkomst.Melding);
            return uitkomst.Klopt ? GatewayCli.Ok : Verbroken;
        }));

        var audit = new Command("audit", "The tamper-evident audit trail.");
        audit.Subcommands.Add(verify);
        return audit;
    }
}

using System.CommandLine;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Hulpvraag.Gateway.Cli;

/// <summary><c>gateway oso mandaat|endpoint set|list|remove</c>: the local OSR.</summary>
internal static class OsoCommands
{
    public static Command Build(CliContext cli)
    {
        var oso = new Command("oso", "Het lokale OSR: mandaten en endpoints.");
        oso.Subcommands.Add(Mandaat(cli));
        oso.Subcommands.Add(Endpoint(cli));
        return oso;
    }

    private static Command Mandaat(CliContext cli)
    {
        var brin = new Option<string>("--brin") { Description = "BRIN, bijv. 12AB", Required = true };
        var oin = new Option<string>("--leverancier-oin") { Description = "OIN van de leverancier (20 tekens)", Required = true };
        var naam = new Option<string?>("--leverancier-naam") { Description = "Naam van de leverancier, bijv. Topicus" };
        var set = new Command("set", "Leg het mandaat voor een BRIN vast of wijzig het.") { TreatUnmatchedTokensAsErrors = false };
        set.Options.Add(brin);
        set.Options.Add(oin);
        set.Options.Add(naam);
        set.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var r = await sp.GetRequiredService<OsoRegisterBeheer>().ZetMandaatAsync(
                pr.GetValue(brin)!, new MandaatGegevens(pr.GetValue(oin), pr.GetValue(naam), null, null), CliContext.HuidigeActor, token);
            return cli.Toon(pr, r, m => $"Mandaat voor {m.Brin}: leverancier {m.LeverancierOin}.");
        }));

        var list = new Command("list", "Toon de mandaten.") { TreatUnmatchedTokensAsErrors = false };
        list.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var lijst = await sp.GetRequiredService<IOsoRegister>().MandatenAsync(token);
            cli.Schrijf(pr, lijst, () => string.Join(Environment.NewLine, lijst.Select(m => $"{m.Brin}  {m.LeverancierOin}  {m.LeverancierNaam}")));
            return GatewayCli.Ok;
        }));

        var removeBrin = new Argument<string>("brin");
        var remove = new Command("remove", "Verwijder het mandaat van een BRIN.") { TreatUnmatchedTokensAsErrors = false };
        remove.Arguments.Add(removeBrin);
        remove.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
            cli.Toon(pr, await sp.GetRequiredService<OsoRegisterBeheer>().VerwijderMandaatAsync(pr.GetValue(removeBrin)!, CliContext.HuidigeActor, token),
                _ => "Mandaat verwijderd.")));

        var mandaat = new Command("mandaat", "Mandaten: welke leverancier namens een school mag spreken.");
        mandaat.Subcommands.Add(set);
        mandaat.Subcommands.Add(list);
        mandaat.Subcommands.Add(remove);
        return mandaat;
    }

    private static Command Endpoint(CliContext cli)
    {
        var kenmerk = new Option<string>("--kenmerk") { Description = "Routeringskenmerk (20 tekens)", Required = true };
        var url = new Option<string>("--url") { Description = "Het OSO-endpoint van de school", Required = true };
        var brin = new Option<string>("--brin") { Description = "BRIN, bijv. 12AB", Required = true };
        var oin = new Option<string>("--leverancier-oin") { Description = "OIN van de leverancier", Required = true };
        var set = new Command("set", "Leg een endpoint vast of wijzig het.") { TreatUnmatchedTokensAsErrors = false };
        set.Options.Add(kenmerk);
        set.Options.Add(brin);
        set.Options.Add(url);
        set.Options.Add(oin);
        set.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var r = await sp.GetRequiredService<OsoRegisterBeheer>().ZetEndpointAsync(
                pr.GetValue(kenmerk)!, new EndpointGegevens(pr.GetValue(brin), pr.GetValue(url), pr.GetValue(oin)), CliContext.HuidigeActor, token);
            return cli.Toon(pr, r, e => $"Endpoint {e.RouteringsKenmerk} ({e.Brin}): {e.Url}.");
        }));

        var list = new Command("list", "Toon de endpoints.") { TreatUnmatchedTokensAsErrors = false };
        list.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
        {
            var lijst = await sp.GetRequiredService<IOsoRegister>().EndpointsAsync(token);
            cli.Schrijf(pr, lijst, () => string.Join(Environment.NewLine, lijst.Select(e => $"{e.RouteringsKenmerk}  {e.Brin}  {e.Url}  {e.LeverancierOin}")));
            return GatewayCli.Ok;
        }));

        var removeKenmerk = new Argument<string>("kenmerk");
        var remove = new Command("remove", "Verwijder een endpoint.") { TreatUnmatchedTokensAsErrors = false };
        remove.Arguments.Add(removeKenmerk);
        remove.SetAction((pr, ct) => cli.MetDienstenAsync(pr, ct, async (sp, token) =>
            cli.Toon(pr, await sp.GetRequiredService<OsoRegisterBeheer>().VerwijderEndpointAsync(pr.GetValue(removeKenmerk)!, CliContext.HuidigeActor, token),
                _ => "Endpoint verwijderd.")));

        var endpoint = new Command("endpoint", "Endpoints: waar de dossiers van een school worden opgehaald.");
        endpoint.Subcommands.Add(set);
        endpoint.Subcommands.Add(list);
        endpoint.Subcommands.Add(remove);
        return endpoint;
    }
}

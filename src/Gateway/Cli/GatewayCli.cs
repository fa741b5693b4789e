using System.CommandLine;

namespace Hulpvraag.Gateway.Cli;

/// <summary>
/// The <c>gateway</c> program. Each command group lives in its own file and is one line in <see cref="Groepen"/>;
/// settings pass through as <c>--Sectie:Sleutel waarde</c> (<c>gateway migrate --Storage:Provider postgres</c>),
/// anything else the parser does not know is a usage error with the Dutch help.
/// </summary>
public static class GatewayCli
{
    public const int Ok = 0;
    public const int Gebruik = 1;
    public const int Geweigerd = 2;
    public const int NietGevonden = 3;

    /// <summary>The command groups, in the order <c>--help</c> lists them. A new group is a new file and one line here.</summary>
    private static readonly IReadOnlyList<Func<CliContext, Command>> Groepen =
    [
        ServeCommand.Build,
        MigrateCommand.Build,
        ApiKeyCommands.Build,
        StatusCommands.Build,
        HulpvraagCommands.Build,
        DiagnoseCommand.Build,
        EsisCommands.Build,
        OsoCommands.Build,
        GebruikerCommands.Build,
        HealthCommand.Build,
        AuditCommands.Build,
        VerhuisCommand.Build,
    ];

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextReader? input = null)
    {
        var cli = new CliContext(output ?? Console.Out, input ?? Console.In);
        var root = new RootCommand("Hulpvraag Gateway: ontvangt hulpvragen uit ParnasSys (OSO) en Esis voor het samenwerkingsverband.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Options.Add(cli.JsonOption);

        // No command at all means serve.
        root.SetAction((pr, ct) => ServeCommand.RunAsync(pr, ct));
        foreach (var groep in Groepen)
        {
            root.Subcommands.Add(groep(cli));
        }

        var pr = root.Parse(args);
        var command = pr.CommandResult.Command;
        if (CliHulp.GevraagdOmHulp(args))
        {
            cli.Uit.WriteLine(CliHulp.Tekst(command, root));
            return Task.FromResult(Ok);
        }

        var fouten = pr.Errors.Select(e => CliHulp.Vertaal(e.Message)).ToList();
        if (fouten.Count == 0 && CliHulp.OnbekendArgument(pr.UnmatchedTokens) is { } onbekend)
        {
            fouten.Add($"Onbekende opdracht of argument: '{onbekend}'.");
        }

        if (fouten.Count > 0)
        {
            foreach (var fout in fouten)
            {
                cli.Uit.WriteLine(fout);
            }

            cli.Uit.WriteLine();
            cli.Uit.WriteLine(CliHulp.Tekst(command, root));
            return Task.FromResult(Gebruik);
        }

        return pr.InvokeAsync();
    }
}

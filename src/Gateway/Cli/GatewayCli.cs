using System.CommandLine;

namespace Hulpvraag.Gateway.Cli;

/// <summary>
/// The <c>gateway</c> program. Each command group lives in its own file and is one line in <see cref="Groepen"/>;
/// tokens the parser does not know are passed on as configuration, so every setting is reachable from the command
/// line (<c>gateway migrate --Storage:Provider postgres</c>).
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
    ];

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextReader? input = null)
    {
        var cli = new CliContext(output ?? Console.Out, input ?? Console.In);
        var root = new RootCommand("Hulpvraag Gateway: receives hulpvragen from ParnasSys (OSO) and Esis for the samenwerkingsverband.")
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

        return root.Parse(args).InvokeAsync();
    }
}

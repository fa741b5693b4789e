using System.CommandLine;
using System.CommandLine.Help;
using System.Text;
using System.Text.RegularExpressions;

namespace Hulpvraag.Gateway.Cli;

/// <summary>
/// Dutch help and usage errors. The parser's own help is English and lists the configuration pass-through as
/// "Additional Arguments" on every command; this one says what each command does in Dutch, and an unknown command or
/// a surplus argument is a usage error (exit 1) instead of being taken for configuration (which started the server).
/// </summary>
internal static partial class CliHulp
{
    /// <summary>Top-level settings the .NET host reads without a section; every other setting has a colon.</summary>
    private static readonly HashSet<string> HostSleutels = new(StringComparer.OrdinalIgnoreCase) { "urls", "environment", "contentRoot", "applicationName" };

    public static bool GevraagdOmHulp(IReadOnlyList<string> args) =>
        args.TakeWhile(a => a != "--").Any(a => a is "-h" or "--help" or "-?" or "/?" or "/h");

    /// <summary>The first token that is neither part of the command nor a configuration setting (<c>--Sectie:Sleutel waarde</c>).</summary>
    public static string? OnbekendArgument(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (!t.StartsWith("--", StringComparison.Ordinal))
            {
                return t;
            }

            var sleutel = t[2..];
            var isGelijk = sleutel.IndexOf('=', StringComparison.Ordinal);
            if (isGelijk >= 0)
            {
                sleutel = sleutel[..isGelijk];
            }
            else if (++i >= tokens.Count)
            {
                return t;
            }

            if (!Sleutel().IsMatch(sleutel) || !(sleutel.Contains(':', StringComparison.Ordinal) || HostSleutels.Contains(sleutel)))
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>The parser's English error texts in Dutch; anything unforeseen keeps its own text after a Dutch lead.</summary>
    public static string Vertaal(string fout)
    {
        if (Verplicht().Match(fout) is { Success: true } v)
        {
            return $"De optie {v.Groups[1].Value} is verplicht.";
        }

        if (ArgumentOntbreekt().Match(fout) is { Success: true } a)
        {
            return $"Bij '{a.Groups[1].Value}' ontbreekt een argument.";
        }

        if (NietHerkend().Match(fout) is { Success: true } n)
        {
            return $"'{n.Groups[1].Value}' is niet toegestaan; kies uit: {string.Join(", ", Keuzes().Matches(n.Groups[2].Value).Select(m => m.Groups[1].Value))}.";
        }

        if (Type().Match(fout) is { Success: true } t)
        {
            return $"'{t.Groups[1].Value}' is geen geldige waarde voor {t.Groups[2].Value}.";
        }

        if (Onbekend().Match(fout) is { Success: true } o)
        {
            return $"Onbekende opdracht of argument: '{o.Groups[1].Value}'.";
        }

        return fout.StartsWith("Required command was not provided", StringComparison.Ordinal)
            ? "Geef een opdracht op."
            : "Fout in de opdracht: " + fout;
    }

    /// <summary>Help for one command: what it does, how to call it, its subcommands, arguments and options.</summary>
    public static string Tekst(Command command, RootCommand root)
    {
        var pad = new List<string>();
        for (var c = command; c is not null && c is not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            pad.Insert(0, c.Name);
        }

        var tekst = new StringBuilder();
        tekst.AppendLine(command.Description).AppendLine();
        var aanroep = string.Join(' ', new[] { "gateway" }.Concat(pad))
            + string.Concat(command.Arguments.Select(a => $" <{a.Name}>"))
            + (command.Subcommands.Count > 0 ? " <opdracht>" : "")
            + " [opties]";
        tekst.AppendLine("Gebruik:").AppendLine("  " + aanroep);

        Kolommen(tekst, "Opdrachten:", command.Subcommands.Where(s => !s.Hidden).Select(s => (s.Name, s.Description ?? "")));
        Kolommen(tekst, "Argumenten:", command.Arguments.Select(a => ($"<{a.Name}>", a.Description ?? "")));
        var opties = command.Options.Where(o => o is not HelpOption and not VersionOption)
            .Concat(command == root ? [] : root.Options.Where(o => o.Recursive && o is not HelpOption))
            .Select(o => (o.Name + (o.ValueType == typeof(bool) ? "" : $" <{o.Name.TrimStart('-')}>"), (o.Description ?? "") + (o.Required ? " (verplicht)" : "")))
            .Append(("-h, --help", "Deze hulp"));
        Kolommen(tekst, "Opties:", opties);

        tekst.AppendLine().AppendLine("Elke instelling kan mee als --Sectie:Sleutel waarde, bijvoorbeeld --Storage:Provider postgres.");
        tekst.Append("Afsluitcodes: 0 gelukt, 1 gebruik of configuratie, 2 geweigerd, 3 niet gevonden.");
        return tekst.ToString();
    }

    private static void Kolommen(StringBuilder tekst, string kop, IEnumerable<(string Naam, string Uitleg)> regels)
    {
        var lijst = regels.ToList();
        if (lijst.Count == 0)
        {
            return;
        }

        var breedte = lijst.Max(r => r.Naam.Length);
        tekst.AppendLine().AppendLine(kop);
        foreach (var (naam, uitleg) in lijst)
        {
            tekst.AppendLine($"  {naam.PadRight(breedte)}  {uitleg}".TrimEnd());
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]+$")]
    private static partial Regex Sleutel();

    [GeneratedRegex("^Option '([^']+)' is required")]
    private static partial Regex Verplicht();

    [GeneratedRegex("^Required argument missing for command: '([^']+)'")]
    private static partial Regex ArgumentOntbreekt();

    [GeneratedRegex("^Argument '([^']*)' not recognized\\. Must be one of:(.*)$", RegexOptions.Singleline)]
    private static partial Regex NietHerkend();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Keuzes();

    [GeneratedRegex("^Cannot parse argument '([^']*)' for (?:option|command|argument) '([^']*)'")]
    private static partial Regex Type();

    [GeneratedRegex("^Unrecognized command or argument '([^']*)'")]
    private static partial Regex Onbekend();
}

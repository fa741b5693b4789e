using System.Reflection;
using System.Text.RegularExpressions;
using Hulpvraag.Core.Fouten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hulpvraag.Gateway.Tests.Docs;

/// <summary>docs/error-codes.md is what integrators read: it must list exactly the codes the code has, with their HTTP status and title.</summary>
public sealed partial class ErrorCodeDocumentationTests
{
    private static readonly IReadOnlyDictionary<string, (int Http, string Titel)> Gedocumenteerd = LeesTabel();

    [Fact]
    public void ErrorCodesDoc_EveryCodeOfTheCatalogue_IsDocumentedAndNothingElse()
    {
        var codes = typeof(FoutCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).Order().ToList();

        Assert.Equal(codes, Gedocumenteerd.Keys.Order().ToList());
    }

    [Fact]
    public void ErrorCodesDoc_HttpStatusAndTitle_MatchWhatTheApiAnswers()
    {
        var probleem = ProbleemFabriek();
        foreach (var (code, (http, titel)) in Gedocumenteerd)
        {
            Assert.True(http == FoutCodes.HttpStatus(code), $"{code}: documented {http}, answered {FoutCodes.HttpStatus(code)}");
            var details = probleem(new Fout(code, "veld", "tekst"));
            Assert.True(titel == details.ProblemDetails.Title, $"{code}: documented '{titel}', answered '{details.ProblemDetails.Title}'");
        }
    }

    /// <summary>The problem-details writer, found by name so the test survives it moving between projects.</summary>
    private static Func<Fout, ProblemHttpResult> ProbleemFabriek()
    {
        var methode = Directory.GetFiles(AppContext.BaseDirectory, "Hulpvraag*.dll")
            .Select(pad => Assembly.Load(AssemblyName.GetAssemblyName(pad)))
            .SelectMany(a => a.GetTypes()).Where(t => t.Name == "FoutProblemen")
            .Select(t => t.GetMethod("Problem", BindingFlags.Public | BindingFlags.Static, [typeof(Fout)]))
            .First(m => m is not null && m.ReturnType == typeof(ProblemHttpResult))!;
        return f => (ProblemHttpResult)methode.Invoke(null, [f])!;
    }

    private static Dictionary<string, (int, string)> LeesTabel()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Directory.Packages.props")))
        {
            root = root.Parent!;
        }

        var tabel = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        foreach (var regel in File.ReadLines(Path.Combine(root.FullName, "docs", "error-codes.md")))
        {
            if (Rij().Match(regel) is { Success: true } m)
            {
                tabel.Add(m.Groups[1].Value, (int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[3].Value.Trim()));
            }
        }

        return tabel;
    }

    [GeneratedRegex(@"^\| `([A-Z_]+)` \| (\d{3}) \| ([^|]+) \|")]
    private static partial Regex Rij();
}

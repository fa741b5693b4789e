using System.Text.RegularExpressions;
using Hulpvraag.Gateway.Tests.Deploy;

namespace Hulpvraag.Gateway.Tests.Storage;

/// <summary>
/// Issue 9.7: SQL lives in src/Gateway/Storage only, beside intent-named methods. No other source file may hold a SQL
/// statement in a string literal, use Dapper, or build a command by hand.
/// </summary>
public sealed partial class SqlAlleenInStorageTests
{
    /// <summary>
    /// Folders still being moved into Storage this session (Beheer: u1). The entry goes once that move is merged;
    /// nothing else may be added here.
    /// </summary>
    private static readonly string[] NogTeVerhuizen = [];

    [GeneratedRegex("""\$?@?"+\s*(?:SELECT|INSERT\s+INTO|UPDATE\s+\w+(?:\s+AS\s+\w+)?\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX)|ALTER\s+TABLE|DROP\s+TABLE|PRAGMA)\b""", RegexOptions.CultureInvariant)]
    private static partial Regex SqlLiteral();

    [GeneratedRegex(@"using\s+Dapper\s*;|new\s+CommandDefinition\s*\(|\.CommandText\s*=", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseAanroep();

    [Theory]
    [InlineData("var sql = \"SELECT id FROM hulpvraag\";")]
    [InlineData("const string sql = \"\"\"\n            DELETE FROM aflevering WHERE id = @id\n            \"\"\";")]
    [InlineData("$\"UPDATE api_sleutel SET naam = {x}\"")]
    [InlineData("\"INSERT INTO limiet_emmer AS e (sleutel) VALUES (@s)\"")]
    [InlineData("using Dapper;")]
    [InlineData("await c.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct));")]
    [InlineData("lees.CommandText = tekst;")]
    public void Overtredingen_SqlOrDapperInSource_AreFound(string bron) =>
        Assert.NotEmpty(Overtredingen(bron));

    [Theory]
    [InlineData("await problem.ExecuteAsync(httpContext);")]
    [InlineData("// Select the first hulpvraag, then update the status")]
    [InlineData("\"Selecteer een status\"")]
    public void Overtredingen_OrdinaryCode_IsNotFound(string bron) =>
        Assert.Empty(Overtredingen(bron));

    [Fact]
    public void Src_OutsideStorage_HasNoSqlAndNoDapper()
    {
        var src = Path.Combine(DeployChecks.RepoRoot, "src");
        var gevonden = (from bestand in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
                        let pad = Path.GetRelativePath(DeployChecks.RepoRoot, bestand).Replace('\\', '/')
                        where !pad.Contains("/bin/", StringComparison.Ordinal) && !pad.Contains("/obj/", StringComparison.Ordinal)
                        where !pad.StartsWith("src/Gateway/Storage/", StringComparison.Ordinal)
                        where !NogTeVerhuizen.Any(map => pad.StartsWith(map, StringComparison.Ordinal))
                        from overtreding in Overtredingen(File.ReadAllText(bestand))
                        select $"{pad}: {overtreding}").ToList();

        Assert.True(gevonden.Count == 0, "SQL outside src/Gateway/Storage:\n" + string.Join("\n", gevonden));
    }

    [Fact]
    public void NogTeVerhuizen_EveryFolder_StillExists() =>
        Assert.All(NogTeVerhuizen, map => Assert.True(Directory.Exists(Path.Combine(DeployChecks.RepoRoot, map)), map));

    private static List<string> Overtredingen(string bron) =>
        SqlLiteral().Matches(bron).Concat(DatabaseAanroep().Matches(bron))
            .Select(m => m.Value.ReplaceLineEndings(" ").Trim()).ToList();
}

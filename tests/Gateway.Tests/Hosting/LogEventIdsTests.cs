using System.Reflection;
using System.Text.RegularExpressions;
using Hulpvraag.Core.Logboek;
using Hulpvraag.Core.Logging;
using Hulpvraag.Gateway.Tests.Deploy;

namespace Hulpvraag.Gateway.Tests.Hosting;

/// <summary>
/// One central list of log event ids (<see cref="LogEventIds"/>): no number is used by two events anywhere in src, and
/// every [LoggerMessage] id is in the list, so an operator's filter on an id means one event.
/// </summary>
public sealed partial class LogEventIdsTests
{
    [GeneratedRegex(@"\[LoggerMessage\s*\((?<args>[^\]]*?)EventId\s*=\s*(?<id>[A-Za-z0-9_.]+)", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex LoggerMessageId();

    [GeneratedRegex(@"\[LoggerMessage\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex LoggerMessage();

    private static readonly Dictionary<string, int> Centraal = Constanten(typeof(LogEventIds));

    [Fact]
    public void LogEventIds_EveryConstant_HasItsOwnNumber()
    {
        var dubbel = Centraal.GroupBy(c => c.Value).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.Key))}");

        Assert.Empty(dubbel);
    }

    [Fact]
    public void Src_EveryLoggerMessage_HasAnEventId()
    {
        var zonder = (from bron in Bronnen()
                      let aantal = LoggerMessage().Matches(bron.Tekst).Count
                      let metId = LoggerMessageId().Matches(bron.Tekst).Count
                      where aantal != metId
                      select bron.Pad).ToList();

        Assert.Empty(zonder);
    }

    [Fact]
    public void Src_NoEventIdUsedTwiceAndEachInTheCentralList()
    {
        var gebruik = (from bron in Bronnen()
                       from Match m in LoggerMessageId().Matches(bron.Tekst)
                       select (bron.Pad, Id: Waarde(m.Groups["id"].Value))).ToList();

        Assert.NotEmpty(gebruik);
        Assert.Empty(gebruik.GroupBy(g => g.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Pad))}"));
        Assert.Empty(gebruik.Where(g => !Centraal.ContainsValue(g.Id)).Select(g => $"{g.Pad}: {g.Id} is not in LogEventIds"));
    }

    [Theory]
    [InlineData("LogEventIds.Storing", 4301)]
    [InlineData("GebeurtenisIds.IntakeAangemaakt", 2001)]
    [InlineData("3001", 3001)]
    public void Waarde_ConstantOrLiteral_IsItsNumber(string tekst, int verwacht) =>
        Assert.Equal(verwacht, Waarde(tekst));

    private static int Waarde(string tekst)
    {
        if (int.TryParse(tekst, System.Globalization.CultureInfo.InvariantCulture, out var getal))
        {
            return getal;
        }

        var (klasse, naam) = (tekst[..tekst.LastIndexOf('.')], tekst[(tekst.LastIndexOf('.') + 1)..]);
        var lijst = klasse.EndsWith(nameof(GebeurtenisIds), StringComparison.Ordinal) ? Constanten(typeof(GebeurtenisIds)) : Centraal;
        return lijst.TryGetValue(naam, out var waarde) ? waarde : throw new InvalidOperationException($"Unknown event id constant {tekst}");
    }

    private static Dictionary<string, int> Constanten(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);

    private static IEnumerable<(string Pad, string Tekst)> Bronnen() =>
        from bestand in Directory.EnumerateFiles(Path.Combine(DeployChecks.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
        let pad = Path.GetRelativePath(DeployChecks.RepoRoot, bestand).Replace('\\', '/')
        where !pad.Contains("/bin/", StringComparison.Ordinal) && !pad.Contains("/obj/", StringComparison.Ordinal)
        select (pad, File.ReadAllText(bestand));
}

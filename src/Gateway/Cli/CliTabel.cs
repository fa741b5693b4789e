namespace Hulpvraag.Gateway.Cli;

/// <summary>Aligned columns for the list commands: each column as wide as its widest cell, the last one not padded.</summary>
internal static class CliTabel
{
    public static string Tekst(IReadOnlyList<string> koppen, IEnumerable<IReadOnlyList<string?>> rijen, string leeg)
    {
        var alle = rijen.Select(r => r.Select(c => c ?? "").ToArray()).ToList();
        if (alle.Count == 0)
        {
            return leeg;
        }

        var breedtes = koppen.Select((k, i) => Math.Max(k.Length, alle.Max(r => r[i].Length))).ToArray();
        var regels = new List<string> { Regel(koppen, breedtes) };
        regels.AddRange(alle.Select(r => Regel(r, breedtes)));
        return string.Join(Environment.NewLine, regels);
    }

    private static string Regel(IReadOnlyList<string> cellen, int[] breedtes) =>
        string.Join("  ", cellen.Select((c, i) => i == cellen.Count - 1 ? c : c.PadRight(breedtes[i]))).TrimEnd();
}

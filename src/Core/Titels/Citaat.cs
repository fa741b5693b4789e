using System.Text;

namespace Hulpvraag.Core.Titels;

/// <summary>Quoting received text (titles, file names) inside Dutch error texts.</summary>
internal static class Citaat
{
    // Messages end up in SOAP faults, JSON, logs and the helpdesk screen: a hostile or broken value must stay short and printable.
    private const int MaxLengte = 120;

    internal static string VoorMelding(string tekst)
    {
        var uit = new StringBuilder(Math.Min(tekst.Length, MaxLengte + 1));
        foreach (var c in tekst)
        {
            if (uit.Length == MaxLengte)
            {
                uit.Append('…');
                break;
            }

            uit.Append(char.IsControl(c) ? ' ' : c);
        }

        return uit.ToString().Trim();
    }

    /// <summary>'a', 'b' of 'c' (Dutch enumeration; <paramref name="voegwoord"/> is "of" or "en").</summary>
    internal static string Opsomming(IReadOnlyList<string> items, string voegwoord)
    {
        var geciteerd = items.Select(i => $"'{i}'").ToList();
        return geciteerd.Count switch
        {
            0 => string.Empty,
            1 => geciteerd[0],
            _ => $"{string.Join(", ", geciteerd.Take(geciteerd.Count - 1))} {voegwoord} {geciteerd[^1]}",
        };
    }
}

using System.Globalization;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Core.Titels;

namespace Hulpvraag.Gateway.Beheer;

/// <summary>How /beheer shows times, titles and statuses: Dutch, in the time zone of the people reading it.</summary>
public static class Weergave
{
    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    private static readonly TimeZoneInfo Zone =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Amsterdam", out var zone) ? zone : TimeZoneInfo.Utc;

    public static string Tijd(DateTimeOffset? op) =>
        op is { } t ? TimeZoneInfo.ConvertTime(t, Zone).ToString("d-M-yyyy HH:mm", Nl) : "–";

    public static string Datum(DateOnly? d) => d is { } x ? x.ToString("d-M-yyyy", Nl) : "–";

    public static DateTimeOffset BeginVanDag(DateOnly dag)
    {
        var lokaal = dag.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(lokaal, Zone.GetUtcOffset(lokaal));
    }

    public static string Titel(string code) => TitelCatalogus.ZoekOpCode(code)?.Weergave ?? code;

    public static string Status(string code, string? kwalificatie = null) => StatusCatalogus.Weergave(code, kwalificatie);

    public static string Grootte(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(Nl, $"{bytes / 1024.0:0.#} kB"),
        _ => string.Create(Nl, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };

    public static string Leeftijd(DateTimeOffset sinds, DateTimeOffset nu)
    {
        var d = nu - sinds;
        return d.TotalMinutes < 60 ? $"{Math.Max(0, (int)d.TotalMinutes)} min"
            : d.TotalHours < 48 ? $"{(int)d.TotalHours} uur"
            : $"{(int)d.TotalDays} dagen";
    }
}

using System.Globalization;

namespace Hulpvraag.Core.Fouten;

/// <summary>A wait as a person reads it: up to two minutes in seconds, longer in whole minutes (rounded up).</summary>
public static class Wachttijd
{
    public static string Tekst(int seconden)
    {
        if (seconden <= 120)
        {
            return seconden == 1 ? "1 seconde" : string.Create(CultureInfo.InvariantCulture, $"{seconden} seconden");
        }

        var minuten = (seconden + 59) / 60;
        return string.Create(CultureInfo.InvariantCulture, $"{minuten} minuten");
    }
}

using Hulpvraag.Core.Statussen;
using Hulpvraag.Core.Titels;

namespace Hulpvraag.Gateway.Beheer.Lijsten;

/// <summary>One choice in the "Nieuwe status" list, with what the status asks for.</summary>
public sealed record StatusKeuze(StatusDefinitie Status, bool Heropenen)
{
    public string Tekst =>
        Status.Sjabloon
        + (Heropenen ? " (heropenen)" : "")
        + (Status.KwalificatieVerplicht ? " – kwalificatie verplicht" : "")
        + (Status.ToelichtingVerplicht || Heropenen ? " – toelichting verplicht" : "");

    /// <summary>Heropenen travels inside the option value, so the form needs no script.</summary>
    public string Waarde => Heropenen ? "heropenen:" + Status.Code : Status.Code;

    public static (string Status, bool Heropenen) Lees(string? waarde) =>
        waarde?.StartsWith("heropenen:", StringComparison.Ordinal) == true ? (waarde["heropenen:".Length..], true) : (waarde ?? "", false);
}

/// <summary>
/// Which statuses the form offers: exactly those the Core status rules accept from the current status for this
/// title, asked of <see cref="StatusRegels.Controleer"/> itself (with a stand-in kwalificatie and toelichting, which
/// the person still has to fill in). The page adds no rule of its own.
/// </summary>
public static class StatusKeuzes
{
    public static IReadOnlyList<StatusKeuze> Toegestaan(Core.Model.Hulpvraag h)
    {
        var groep = TitelCatalogus.ZoekOpCode(h.Titel)?.Groep;
        var heropenen = StatusCatalogus.ZoekOpCode(h.Status.Code)?.Finaal == true;
        return StatusCatalogus.Alle
            .Where(s => StatusRegels.Controleer(new StatusOvergang(h.Status.Code, s.Code, groep, "-", "-", heropenen)
            {
                VanKwalificatie = h.Status.Kwalificatie,
                VanToelichting = h.Status.Toelichting,
            }) is null)
            .Select(s => new StatusKeuze(s, heropenen))
            .ToList();
    }
}

using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Statussen;

public sealed record StatusOvergang(
    string VanStatus,
    string NaarStatus,
    string? TitelGroep,
    string? Kwalificatie,
    string? Toelichting,
    bool Heropenen);

/// <summary>
/// Every transition rule of the spec. A refusal is STATUSOVERGANG_NIET_TOEGESTAAN with a stable rule name in
/// <see cref="Fout.Regel"/>, so the back office (and its tests) see exactly which rule said no.
/// </summary>
public static class StatusRegels
{
    public const string RegelStatusOnbekend = "status-onbekend";
    public const string RegelAlleenVoorGroep = "alleen-voor-groep";
    public const string RegelNietVoorGroep = "niet-voor-groep";
    public const string RegelKwalificatieVerplicht = "kwalificatie-verplicht";
    public const string RegelToelichtingVerplicht = "toelichting-verplicht";
    public const string RegelFinaleStatus = "finale-status";
    public const string RegelHeropenenAlleenNaarAanmelding = "heropenen-alleen-naar-aanmelding";
    public const string RegelHeropenenAlleenVanuitFinaleStatus = "heropenen-alleen-vanuit-finale-status";
    public const string RegelGeenWijziging = "geen-wijziging";

    public static Fout? Controleer(StatusOvergang o)
    {
        var naar = StatusCatalogus.ZoekOpCode(o.NaarStatus);
        if (naar is null)
        {
            return Weiger(RegelStatusOnbekend, "status",
                $"De status '{Kort(o.NaarStatus)}' bestaat niet. Kies uit: {string.Join(", ", StatusCatalogus.Alle.Select(s => s.Code))}.");
        }

        var van = StatusCatalogus.ZoekOpCode(o.VanStatus);
        var vanFinaal = van?.Finaal == true;

        if (o.Heropenen)
        {
            if (!vanFinaal)
            {
                return Weiger(RegelHeropenenAlleenVanuitFinaleStatus, "heropenen",
                    $"Heropenen kan alleen vanuit een afgesloten status (TLV afgegeven, afgerond, afgewezen, niet ontvankelijk); deze hulpvraag staat op '{van?.Weergave ?? o.VanStatus}'. Wijzig de status gewoon.");
            }

            if (naar.Code != StatusCatalogus.Aanmelding)
            {
                return Weiger(RegelHeropenenAlleenNaarAanmelding, "status", "Een heropende hulpvraag gaat altijd terug naar 'Aanmelding'.");
            }

            return string.IsNullOrWhiteSpace(o.Toelichting)
                ? Weiger(RegelToelichtingVerplicht, "toelichting", "Geef bij heropenen een toelichting: waarom wordt de hulpvraag opnieuw behandeld?")
                : null;
        }

        if (vanFinaal)
        {
            return Weiger(RegelFinaleStatus, "status",
                $"De hulpvraag is afgesloten met '{van!.Weergave}'. Alleen een coördinator kan hem heropenen (heropenen, naar 'Aanmelding', met toelichting).");
        }

        if (naar.AlleenVoorGroepen is { } alleen && (o.TitelGroep is null || !alleen.Contains(o.TitelGroep)))
        {
            return Weiger(RegelAlleenVoorGroep, "status", naar.Code switch
            {
                StatusCatalogus.TlvAfgegeven => "De status 'TLV afgegeven' kan alleen bij een TLV-aanvraag.",
                StatusCatalogus.Thuiszitter => "De status 'Thuiszitter' kan alleen bij een aanvraag met de titel 'Thuiszitter'.",
                _ => $"De status '{naar.Weergave}' kan alleen bij een aanvraag voor Herstart junior of KANS.",
            });
        }

        if (naar.NietVoorGroepen is { } niet && o.TitelGroep is not null && niet.Contains(o.TitelGroep))
        {
            return Weiger(RegelNietVoorGroep, "status", o.TitelGroep == "tlv"
                ? "De status 'Toegekend' kan niet bij een TLV-aanvraag; gebruik 'TLV afgegeven'."
                : "De status 'Toegekend' kan niet bij een budgetaanvraag; gebruik 'Afgerond' met een nadere aanduiding.");
        }

        if (naar.KwalificatieVerplicht && string.IsNullOrWhiteSpace(o.Kwalificatie))
        {
            return Weiger(RegelKwalificatieVerplicht, "kwalificatie", $"Bij '{naar.Weergave}' hoort de functie naar wie de hulpvraag gaat, bijvoorbeeld 'Orthopedagoog'.");
        }

        if (naar.ToelichtingVerplicht && string.IsNullOrWhiteSpace(o.Toelichting))
        {
            return Weiger(RegelToelichtingVerplicht, "toelichting", naar.Code == StatusCatalogus.DossierIncompleet
                ? "Bij 'Dossier incompleet' hoort een toelichting: wat moet de school nog aanleveren?"
                : $"Bij '{naar.Weergave}' hoort een toelichting voor de school: waarom?");
        }

        if (van is not null && van.Code == naar.Code && !naar.HeeftKwalificatie && string.IsNullOrWhiteSpace(o.Toelichting))
        {
            return Weiger(RegelGeenWijziging, "status", $"De hulpvraag staat al op '{naar.Weergave}'.");
        }

        return null;
    }

    private static Fout Weiger(string regel, string veld, string melding) =>
        new(FoutCodes.StatusovergangNietToegestaan, veld, melding) { Regel = regel };

    private static string Kort(string s) => s.Length <= 40 ? s : s[..37] + "...";
}

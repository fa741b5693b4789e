using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Titels;

namespace Hulpvraag.Core.Statussen;

/// <summary>A requested status change.</summary>
/// <param name="VanStatus">The current status code.</param>
/// <param name="NaarStatus">The requested status code.</param>
/// <param name="TitelGroep">The group of the hulpvraag's title (<see cref="Titel.Groep"/>), or null.</param>
/// <param name="Kwalificatie">The bracket part of the new status ("SCP", "financiën").</param>
/// <param name="Toelichting">The reason shown to the school.</param>
/// <param name="Heropenen">An explicit reopen by a coordinator.</param>
public sealed record StatusOvergang(
    string VanStatus,
    string NaarStatus,
    string? TitelGroep,
    string? Kwalificatie,
    string? Toelichting,
    bool Heropenen)
{
    /// <summary>Kwalificatie of the current status; needed to recognise a change that changes nothing.</summary>
    public string? VanKwalificatie { get; init; }

    /// <summary>Toelichting of the current status; needed to recognise a change that changes nothing.</summary>
    public string? VanToelichting { get; init; }
}

/// <summary>
/// Checks a status change against the rules of the spec's status table.
/// </summary>
/// <remarks>
/// Every refusal has code <c>STATUSOVERGANG_NIET_TOEGESTAAN</c> (the admin API promises that code "with the rule
/// named"), <see cref="Fout.Regel"/> from the <c>Regel…</c> constants, and <see cref="Fout.Veld"/> naming the
/// request field concerned (<c>status</c>, <c>kwalificatie</c>, <c>toelichting</c>, <c>heropenen</c>). A missing
/// toelichting is therefore reported as a broken status rule, not as <c>VERPLICHT_VELD_ONTBREEKT</c>: the field is
/// only required because of the chosen status. Only the first broken rule is reported, in a fixed order:
/// existence, reopen rules, final state, group, kwalificatie, toelichting, no-op. A reopen without toelichting
/// breaks the same <see cref="RegelToelichtingVerplicht"/> as any other status that needs one.
/// </remarks>
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

    public const string VeldStatus = "status";
    public const string VeldKwalificatie = "kwalificatie";
    public const string VeldToelichting = "toelichting";
    public const string VeldHeropenen = "heropenen";

    // What the back office should choose instead, taken from the manual's descriptions of the statuses.
    private static readonly Dictionary<(string Status, string Groep), string> Alternatief = new()
    {
        [(StatusCatalogus.Toegekend, TitelGroepen.Tlv)] = "gebruik 'TLV afgegeven' als het hele proces is afgerond",
        [(StatusCatalogus.Toegekend, TitelGroepen.Budget)] = "gebruik 'Afgerond' als de budgetaanvraag is afgehandeld",
    };

    private static readonly Dictionary<string, string> ToelichtingUitleg = new(StringComparer.Ordinal)
    {
        [StatusCatalogus.DossierIncompleet] = "welke gegevens ontbreken",
        [StatusCatalogus.Afgewezen] = "de reden van de afwijzing",
        [StatusCatalogus.NietOntvankelijk] = "waarom de hulpvraag niet ontvankelijk is",
    };

    /// <summary>Null when the change is allowed; otherwise the first broken rule.</summary>
    public static Fout? Controleer(StatusOvergang overgang)
    {
        ArgumentNullException.ThrowIfNull(overgang);
        var van = StatusCatalogus.ZoekOpCode(overgang.VanStatus);
        if (van is null)
        {
            // Stored data with an unknown code: not the caller's mistake, but still no change on top of it.
            return Weiger(RegelStatusOnbekend, null,
                $"De huidige status '{overgang.VanStatus}' van deze hulpvraag is onbekend; neem contact op met de helpdesk.");
        }

        var naar = StatusCatalogus.ZoekOpCode(overgang.NaarStatus);
        if (naar is null)
        {
            return Weiger(RegelStatusOnbekend, VeldStatus,
                $"De status '{Citeer(overgang.NaarStatus)}' bestaat niet. Kies een van: " +
                $"{string.Join(", ", StatusCatalogus.Alle.Select(s => s.Code))}.");
        }

        // A status without a bracket part has no kwalificatie to show, so one sent along is ignored, not refused.
        var kwalificatie = naar.HeeftKwalificatie ? Leeg(overgang.Kwalificatie) : null;
        var vanKwalificatie = van.HeeftKwalificatie ? Leeg(overgang.VanKwalificatie) : null;
        var toelichting = Leeg(overgang.Toelichting);
        var huidig = StatusCatalogus.Weergave(van.Code, overgang.VanKwalificatie);

        if (overgang.Heropenen)
        {
            if (naar.Code != StatusCatalogus.Aanmelding)
            {
                return Weiger(RegelHeropenenAlleenNaarAanmelding, VeldStatus,
                    $"Heropenen kan alleen naar de status 'Aanmelding', niet naar '{naar.Weergave}'.");
            }

            if (!van.Finaal)
            {
                return Weiger(RegelHeropenenAlleenVanuitFinaleStatus, VeldHeropenen,
                    $"Heropenen kan alleen bij een hulpvraag met een eindstatus ({EindstatussenTekst()}); deze hulpvraag " +
                    $"heeft de status '{huidig}'. Wijzig de status gewoon, zonder heropenen.");
            }

            if (toelichting is null)
            {
                return Weiger(RegelToelichtingVerplicht, VeldToelichting,
                    "Geef bij heropenen in de toelichting aan waarom de hulpvraag opnieuw wordt opgepakt; " +
                    "de school krijgt die toelichting te zien.");
            }
        }
        else if (van.Finaal)
        {
            return Weiger(RegelFinaleStatus, VeldStatus,
                $"De hulpvraag heeft de eindstatus '{huidig}' en kan niet meer worden gewijzigd. Een coördinator kan de " +
                "hulpvraag heropenen (naar 'Aanmelding', met toelichting).");
        }

        if (!naar.IsMogelijkVoorGroep(overgang.TitelGroep))
        {
            return GroepFout(naar, overgang.TitelGroep);
        }

        if (naar.KwalificatieVerplicht && kwalificatie is null)
        {
            return Weiger(RegelKwalificatieVerplicht, VeldKwalificatie,
                $"Bij de status '{naar.Weergave}' hoort de {naar.KwalificatieAanduiding} aan wie de hulpvraag wordt " +
                $"doorgezet, bijvoorbeeld '{naar.Weergave} SCP'. Vul de kwalificatie in.");
        }

        if (naar.ToelichtingVerplicht && toelichting is null)
        {
            var uitleg = ToelichtingUitleg.GetValueOrDefault(naar.Code, "de reden");
            return Weiger(RegelToelichtingVerplicht, VeldToelichting,
                $"Bij de status '{naar.Weergave}' moet u in de toelichting aangeven {uitleg}; " +
                "de school krijgt die toelichting te zien.");
        }

        if (!overgang.Heropenen
            && van.Code == naar.Code
            && string.Equals(kwalificatie, vanKwalificatie, StringComparison.OrdinalIgnoreCase)
            && (toelichting is null || string.Equals(toelichting, Leeg(overgang.VanToelichting), StringComparison.Ordinal)))
        {
            return Weiger(RegelGeenWijziging, VeldStatus,
                $"De hulpvraag heeft al de status '{huidig}'; er is niets gewijzigd.");
        }

        return null;
    }

    private static Fout GroepFout(StatusDefinitie naar, string? groep)
    {
        if (groep is not null && naar.NietVoorGroepen?.Contains(groep) == true)
        {
            var alternatief = Alternatief.TryGetValue((naar.Code, groep), out var a) ? $"; {a}" : string.Empty;
            return Weiger(RegelNietVoorGroep, VeldStatus,
                $"De status '{naar.Weergave}' kan niet bij een {GroepNaam(groep)}{alternatief}.");
        }

        var titels = TitelCatalogus.Alle
            .Where(t => t.Groep is not null && naar.AlleenVoorGroepen!.Contains(t.Groep))
            .Select(t => t.Weergave)
            .ToList();
        return Weiger(RegelAlleenVoorGroep, VeldStatus,
            $"De status '{naar.Weergave}' kan alleen bij een aanvraag {Citaat.Opsomming(titels, "of")}.");
    }

    private static string GroepNaam(string groep) => groep switch
    {
        TitelGroepen.Tlv => "TLV-aanvraag",
        TitelGroepen.Budget => "budgetaanvraag",
        TitelGroepen.HerstartKans => "aanvraag Herstart/KANS",
        TitelGroepen.Thuiszitter => "thuiszittermelding",
        _ => $"aanvraag uit de groep '{groep}'",
    };

    private static string EindstatussenTekst()
    {
        var namen = StatusCatalogus.Alle.Where(s => s.Finaal).Select(s => s.Weergave).ToList();
        return $"{string.Join(", ", namen.Take(namen.Count - 1))} of {namen[^1]}";
    }

    private static string? Leeg(string? tekst) => string.IsNullOrWhiteSpace(tekst) ? null : tekst.Trim();

    private static string Citeer(string tekst) => Citaat.VoorMelding(tekst);

    private static Fout Weiger(string regel, string? veld, string melding) =>
        new(FoutCodes.StatusovergangNietToegestaan, veld, melding) { Regel = regel };
}

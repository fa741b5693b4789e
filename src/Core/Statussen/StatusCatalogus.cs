using System.Collections.Frozen;
using Hulpvraag.Core.Titels;

namespace Hulpvraag.Core.Statussen;

/// <summary>One status of the manual's chapter "Mogelijke statussen in Kindkans".</summary>
/// <param name="Code">Stable machine code, e.g. <c>dossier-incompleet</c>.</param>
/// <param name="Weergave">Display text without the bracket part, e.g. <c>Dossier incompleet</c>.</param>
/// <param name="KwalificatieAanduiding">What goes in the brackets ("functie", "nadere aanduiding"); null when the status has no bracket part.</param>
/// <param name="Finaal">A final status accepts no change except an explicit reopen.</param>
/// <param name="AlleenVoorGroepen">When set, the status is only possible for titles in one of these groups.</param>
/// <param name="NietVoorGroepen">When set, the status is impossible for titles in these groups.</param>
/// <param name="StandaardZichtbaar">False for a status the SWV's staff lists hide by default.</param>
public sealed record StatusDefinitie(
    string Code,
    string Weergave,
    string? KwalificatieAanduiding,
    bool Finaal,
    bool KwalificatieVerplicht,
    bool ToelichtingVerplicht,
    IReadOnlySet<string>? AlleenVoorGroepen,
    IReadOnlySet<string>? NietVoorGroepen,
    bool StandaardZichtbaar = true)
{
    public bool HeeftKwalificatie => KwalificatieAanduiding is not null;

    /// <summary>The manual's notation, e.g. <c>Doorzetten [functie]</c>.</summary>
    public string Sjabloon => HeeftKwalificatie ? $"{Weergave} [{KwalificatieAanduiding}]" : Weergave;

    public bool IsMogelijkVoorGroep(string? groep) =>
        (AlleenVoorGroepen is null || (groep is not null && AlleenVoorGroepen.Contains(groep)))
        && (NietVoorGroepen is null || groep is null || !NietVoorGroepen.Contains(groep));
}

/// <summary>The 15 statuses of the spec's table ("Statuses").</summary>
public static class StatusCatalogus
{
    public const string VoorlopigeAanmelding = "voorlopige-aanmelding";

    /// <summary>Start state of every hulpvraag from ParnasSys or Esis, and the state a reopen or a school's completion returns to.</summary>
    public const string Aanmelding = "aanmelding";

    public const string Doorzetten = "doorzetten";
    public const string DossierCompleet = "dossier-compleet";
    public const string DossierIncompleet = "dossier-incompleet";
    public const string Toegekend = "toegekend";
    public const string AkkoordCoordinatorHerstartKans = "akkoord-coordinator-herstart-kans";
    public const string GearrangeerdBudgetHerstartKans = "gearrangeerd-budget-herstart-kans";
    public const string Wacht = "wacht";
    public const string InBehandeling = "in-behandeling";
    public const string TlvAfgegeven = "tlv-afgegeven";
    public const string Afgerond = "afgerond";
    public const string Afgewezen = "afgewezen";
    public const string NietOntvankelijk = "niet-ontvankelijk";
    public const string Thuiszitter = "thuiszitter";

    private const string Functie = "functie";
    private const string NadereAanduiding = "nadere aanduiding";

    private static readonly FrozenSet<string> AlleenTlv = FrozenSet.Create(StringComparer.Ordinal, TitelGroepen.Tlv);
    private static readonly FrozenSet<string> AlleenHerstartKans = FrozenSet.Create(StringComparer.Ordinal, TitelGroepen.HerstartKans);
    private static readonly FrozenSet<string> AlleenThuiszitter = FrozenSet.Create(StringComparer.Ordinal, TitelGroepen.Thuiszitter);
    private static readonly FrozenSet<string> TlvEnBudget = FrozenSet.Create(StringComparer.Ordinal, TitelGroepen.Tlv, TitelGroepen.Budget);

    public static IReadOnlyList<StatusDefinitie> Alle { get; } =
    [
        new(VoorlopigeAanmelding, "Voorlopige aanmelding", null, false, false, false, null, null, StandaardZichtbaar: false),
        new(Aanmelding, "Aanmelding", null, false, false, false, null, null),
        new(Doorzetten, "Doorzetten", Functie, false, KwalificatieVerplicht: true, false, null, null),
        new(DossierCompleet, "Dossier compleet", Functie, false, false, false, null, null),
        new(DossierIncompleet, "Dossier incompleet", Functie, false, false, ToelichtingVerplicht: true, null, null),
        new(Toegekend, "Toegekend", null, false, false, false, null, TlvEnBudget),
        new(AkkoordCoordinatorHerstartKans, "Akkoord coördinator Herstart/KANS", null, false, false, false, AlleenHerstartKans, null),
        new(GearrangeerdBudgetHerstartKans, "Gearrangeerd budget Herstart/KANS", null, false, false, false, AlleenHerstartKans, null),
        new(Wacht, "Wacht", NadereAanduiding, false, false, false, null, null),
        new(InBehandeling, "In behandeling", NadereAanduiding, false, false, false, null, null),
        new(TlvAfgegeven, "TLV afgegeven", null, Finaal: true, false, false, AlleenTlv, null),
        new(Afgerond, "Afgerond", NadereAanduiding, Finaal: true, false, false, null, null),
        new(Afgewezen, "Afgewezen", NadereAanduiding, Finaal: true, false, ToelichtingVerplicht: true, null, null),
        new(NietOntvankelijk, "Niet ontvankelijk", NadereAanduiding, Finaal: true, false, ToelichtingVerplicht: true, null, null),
        new(Thuiszitter, "Thuiszitter", null, false, false, false, AlleenThuiszitter, null),
    ];

    private static readonly FrozenDictionary<string, StatusDefinitie> PerCode =
        Alle.ToFrozenDictionary(s => s.Code, StringComparer.Ordinal);

    public static StatusDefinitie? ZoekOpCode(string code) => PerCode.GetValueOrDefault(code);

    /// <summary>
    /// Display text with the bracket part filled in: "Dossier incompleet SCP", "Doorzetten Orthopedagoog", "Toegekend".
    /// A kwalificatie is ignored for a status without a bracket part. An unknown code is returned as it is: this
    /// renders stored history in API answers and callbacks, which must not fail over a status retired later.
    /// </summary>
    public static string Weergave(string code, string? kwalificatie)
    {
        var definitie = ZoekOpCode(code);
        if (definitie is null)
        {
            return code;
        }

        var aanduiding = kwalificatie?.Trim();
        return definitie.HeeftKwalificatie && !string.IsNullOrEmpty(aanduiding)
            ? $"{definitie.Weergave} {aanduiding}"
            : definitie.Weergave;
    }
}

namespace Hulpvraag.Core.Statussen;

/// <summary>
/// One status of the manual's chapter "Mogelijke statussen in Kindkans". <see cref="HeeftKwalificatie"/> says the
/// display carries a bracket part ("Doorzetten [functie]").
/// </summary>
public sealed record StatusDefinitie(
    string Code,
    string Weergave,
    bool HeeftKwalificatie,
    bool KwalificatieVerplicht,
    bool ToelichtingVerplicht,
    bool Finaal,
    IReadOnlySet<string>? AlleenVoorGroepen,
    IReadOnlySet<string>? NietVoorGroepen);

public static class StatusCatalogus
{
    public const string VoorlopigeAanmelding = "voorlopige-aanmelding";
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

    private static readonly HashSet<string> Tlv = ["tlv"];
    private static readonly HashSet<string> HerstartKans = ["herstart-kans"];
    private static readonly HashSet<string> ThuiszitterGroep = ["thuiszitter"];
    private static readonly HashSet<string> TlvEnBudget = ["tlv", "budget"];

    public static IReadOnlyList<StatusDefinitie> Alle { get; } =
    [
        new(VoorlopigeAanmelding, "Voorlopige aanmelding", false, false, false, false, null, null),
        new(Aanmelding, "Aanmelding", false, false, false, false, null, null),
        new(Doorzetten, "Doorzetten", true, true, false, false, null, null),
        new(DossierCompleet, "Dossier compleet", true, false, false, false, null, null),
        new(DossierIncompleet, "Dossier incompleet", true, false, true, false, null, null),
        new(Toegekend, "Toegekend", false, false, false, false, null, TlvEnBudget),
        new(AkkoordCoordinatorHerstartKans, "Akkoord coördinator Herstart/KANS", false, false, false, false, HerstartKans, null),
        new(GearrangeerdBudgetHerstartKans, "Gearrangeerd budget Herstart/KANS", false, false, false, false, HerstartKans, null),
        new(Wacht, "Wacht", true, false, false, false, null, null),
        new(InBehandeling, "In behandeling", true, false, false, false, null, null),
        new(TlvAfgegeven, "TLV afgegeven", false, false, false, true, Tlv, null),
        new(Afgerond, "Afgerond", true, false, false, true, null, null),
        new(Afgewezen, "Afgewezen", true, false, true, true, null, null),
        new(NietOntvankelijk, "Niet ontvankelijk", true, false, true, true, null, null),
        new(Thuiszitter, "Thuiszitter", false, false, false, false, ThuiszitterGroep, null),
    ];

    private static readonly Dictionary<string, StatusDefinitie> OpCode = Alle.ToDictionary(s => s.Code, StringComparer.Ordinal);

    public static StatusDefinitie? ZoekOpCode(string? code) => code is null ? null : OpCode.GetValueOrDefault(code);

    /// <summary>The text a school sees: "Dossier incompleet SCP", "Toegekend".</summary>
    public static string Weergave(string code, string? kwalificatie)
    {
        var definitie = ZoekOpCode(code);
        if (definitie is null)
        {
            return code;
        }

        return definitie.HeeftKwalificatie && !string.IsNullOrWhiteSpace(kwalificatie)
            ? $"{definitie.Weergave} {kwalificatie.Trim()}"
            : definitie.Weergave;
    }
}

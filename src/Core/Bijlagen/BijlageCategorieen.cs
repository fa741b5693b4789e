namespace Hulpvraag.Core.Bijlagen;

public static class BijlageCategorieen
{
    public const string Opp = "opp";
    public const string ToelichtingOnderwijsbehoeften = "toelichting-onderwijsbehoeften";
    public const string Onderzoeksverslag = "onderzoeksverslag";
    public const string Plan = "plan";
    public const string Toetsgegevens = "toetsgegevens";
    public const string Overig = "overig";

    public static IReadOnlyList<string> Alle { get; } =
        [Opp, ToelichtingOnderwijsbehoeften, Onderzoeksverslag, Plan, Toetsgegevens, Overig];

    public static bool IsGeldig(string? categorie) => categorie is not null && Alle.Contains(categorie);
}

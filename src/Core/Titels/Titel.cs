namespace Hulpvraag.Core.Titels;

/// <summary>One of the fixed titles (aanvraagtypes) of PPO Rotterdam.</summary>
/// <param name="Code">Stable machine code, e.g. <c>tlv-nieuw</c>.</param>
/// <param name="Weergave">Display text in the manual's spelling, e.g. <c>TLV -Nieuw</c>.</param>
/// <param name="Groep">Group that status rules refer to (see <see cref="TitelGroepen"/>), or null.</param>
public sealed record Titel(string Code, string Weergave, string? Groep);

/// <summary>The title groups that the status rules refer to.</summary>
public static class TitelGroepen
{
    public const string Budget = "budget";
    public const string HerstartKans = "herstart-kans";
    public const string Thuiszitter = "thuiszitter";
    public const string Tlv = "tlv";
}

/// <summary>
/// Outcome of matching a received title: either <see cref="Gevonden"/>, or up to three
/// <see cref="Suggesties"/> (possibly none).
/// </summary>
/// <param name="Ontvangen">The text as received, kept for the error message.</param>
public sealed record TitelMatch(string? Ontvangen, Titel? Gevonden, IReadOnlyList<Titel> Suggesties)
{
    public bool IsGevonden => Gevonden is not null;
}

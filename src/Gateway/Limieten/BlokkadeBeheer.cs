using System.Globalization;
using System.Text.RegularExpressions;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Application;

namespace Hulpvraag.Gateway.Limieten;

public sealed record BlokkadeOpgeheven(string Brin6, bool WasGeblokkeerd, int VerwijderdeTellers);

/// <summary>
/// "Blokkade opheffen": the one lift for the admin API and the helpdesk page. Helpdesk or admin only; the counters go
/// and the audit entry is written in one transaction, and since every instance reads the same counters the lockout
/// is lifted everywhere at once.
/// </summary>
public sealed partial class BlokkadeBeheer(FoutTellerStore tellers, TimeProvider clock)
{
    public async Task<Result<BlokkadeOpgeheven>> HefOpAsync(string? brin6, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Helpdesk))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);
        }

        if (Brin6(brin6) is not { } b)
        {
            return OngeldigeBrin6;
        }

        var was = await tellers.BlokkadeAsync(b, cancellationToken);
        var details = string.Create(CultureInfo.InvariantCulture,
            $"school geblokkeerd: {(was.SchoolTot is null ? "nee" : "ja")}; adressen geblokkeerd: {was.Adressen.Count}; mislukkingen: {was.Mislukkingen}");
        var verwijderd = await tellers.HefBlokkadeOpAsync(b, new AuditRegel(clock.GetUtcNow(), actor.Naam, "esis.blokkade.opheffen", $"school:{b}", details), cancellationToken);
        return Result<BlokkadeOpgeheven>.Ok(new BlokkadeOpgeheven(b, was.Actief, verwijderd));
    }

    /// <summary>The school's lockout now; for the diagnose timeline and the school page.</summary>
    public async Task<Result<Blokkade>> BlokkadeAsync(string? brin6, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Lezen))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Lezen);
        }

        return Brin6(brin6) is { } b ? Result<Blokkade>.Ok(await tellers.BlokkadeAsync(b, cancellationToken)) : OngeldigeBrin6;
    }

    /// <summary>Failed verification-code attempts of a school (BRIN) or one location (BRIN6), newest first.</summary>
    public async Task<Result<IReadOnlyList<MisluktePoging>>> MisluktePogingenAsync(
        string? brin, DateTimeOffset? vanaf, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Lezen))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Lezen);
        }

        var b = brin?.Trim().ToUpperInvariant() ?? "";
        if (!Brin6Patroon().IsMatch(b) && !(b.Length == 4 && Brin6Patroon().IsMatch(b + "00")))
        {
            return Weigeringen.VeldOngeldig("brin", "Geef het BRIN-nummer (bijvoorbeeld 12AB) of BRIN6-nummer (bijvoorbeeld 12AB00) van de school.");
        }

        return Result<IReadOnlyList<MisluktePoging>>.Ok(await tellers.MisluktePogingenAsync(
            b[..4], b.Length == 6 ? b[4..] : null, vanaf ?? clock.GetUtcNow().AddDays(-30), 1000, cancellationToken));
    }

    private static Fout OngeldigeBrin6 => Weigeringen.VeldOngeldig("brin6", "Geef het BRIN6-nummer van de vestiging: BRIN plus vestigingsnummer, bijvoorbeeld 12AB00.");

    private static string? Brin6(string? waarde)
    {
        var b = waarde?.Trim().ToUpperInvariant() ?? "";
        return Brin6Patroon().IsMatch(b) ? b : null;
    }

    [GeneratedRegex("^[0-9]{2}[A-Z]{2}[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Brin6Patroon();
}

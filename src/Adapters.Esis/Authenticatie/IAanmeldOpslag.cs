using Hulpvraag.Adapters.Esis.Registraties;

namespace Hulpvraag.Adapters.Esis.Authenticatie;

/// <summary>What the check of one verification code reads: the active registrations of its BRIN6, and how long the
/// caller (BRIN6 and address) must still wait by the failure limits, or null.</summary>
public sealed record AanmeldGegevens(IReadOnlyList<EsisRegistratie> Kandidaten, TimeSpan? Blokkade);

/// <summary>
/// The reads of <see cref="EsisAuthenticator"/>. Every Esis request pays for them before its body is read, so the
/// gateway makes them one round trip to its store (<c>EsisAanmeldStore</c>); a round trip costs more CPU on both sides
/// than the two small reads themselves. <see cref="GescheidenAanmeldOpslag"/> asks the two ports one after another.
/// </summary>
public interface IAanmeldOpslag
{
    Task<AanmeldGegevens> LeesAsync(string brin6, string adres, CancellationToken cancellationToken);

    /// <summary>A right code was refused because the limits held (counted once, for /metrics).</summary>
    void Geweigerd();
}

/// <summary>The two reads apart, for a host without a combined store (the in-memory limits of <see cref="FoutLimiet"/>).</summary>
internal sealed class GescheidenAanmeldOpslag(IEsisRegistraties registraties, IFoutTellers limiet) : IAanmeldOpslag
{
    public async Task<AanmeldGegevens> LeesAsync(string brin6, string adres, CancellationToken cancellationToken) =>
        new(await registraties.ActiefVoorBrin6Async(brin6, cancellationToken), await limiet.GeblokkeerdAsync(brin6, adres, cancellationToken));

    public void Geweigerd()
    {
        // IFoutTellers.GeblokkeerdAsync counts its own refusals.
    }
}

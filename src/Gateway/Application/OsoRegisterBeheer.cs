using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Velden;

namespace Hulpvraag.Gateway.Application;

public sealed record MandaatGegevens(string? LeverancierOin, string? LeverancierNaam, DateTimeOffset? GeldigVanaf, DateTimeOffset? GeldigTot);

public sealed record EndpointGegevens(string? Brin, string? Url, string? LeverancierOin);

/// <summary>
/// The helpdesk's maintenance of the OSO register (mandates per BRIN, endpoints per routeringskenmerk). The form rules
/// and the audit entry with the change live in <see cref="OsoRegisterService"/>; this adds who may, the field limits
/// and a coded refusal for what does not exist.
/// </summary>
public sealed class OsoRegisterBeheer(OsoRegisterService register, IOsoRegister lezen)
{
    public const int MaxUrl = 2000;

    public async Task<Result<OsoMandaat>> ZetMandaatAsync(string brin, MandaatGegevens gegevens, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Helpdesk))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);
        }

        if (VeldRegels.Tekst(gegevens.LeverancierNaam, "leverancierNaam", VeldRegels.MaxNaam) is { } fout)
        {
            return fout;
        }

        return await register.ZetMandaatAsync(brin, gegevens.LeverancierOin, gegevens.LeverancierNaam, gegevens.GeldigVanaf, gegevens.GeldigTot, actor.Naam, cancellationToken);
    }

    public async Task<Result<Gedaan>> VerwijderMandaatAsync(string brin, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Helpdesk))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);
        }

        return await register.VerwijderMandaatAsync(brin, actor.Naam, cancellationToken)
            ? Result<Gedaan>.Ok(default)
            : GeenMandaat(brin);
    }

    public async Task<Result<OsoMandaat>> MandaatAsync(string brin, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Helpdesk))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);
        }

        return await lezen.MandaatAsync(brin.Trim().ToUpperInvariant(), cancellationToken) is { } m ? Result<OsoMandaat>.Ok(m) : GeenMandaat(brin);
    }

    public async Task<Result<OsoEndpoint>> ZetEndpointAsync(string routeringsKenmerk, EndpointGegevens gegevens, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Helpdesk))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);
        }

        if (gegevens.Url is { Length: > MaxUrl })
        {
            return Weigeringen.VeldOngeldig("url", $"De URL van het endpoint is te lang (hoogstens {MaxUrl} tekens).");
        }

        return await register.ZetEndpointAsync(routeringsKenmerk, gegevens.Brin, gegevens.Url, gegevens.LeverancierOin, actor.Naam, cancellationToken);
    }

    public async Task<Result<Gedaan>> VerwijderEndpointAsync(string routeringsKenmerk, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Helpdesk))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);
        }

        return await register.VerwijderEndpointAsync(routeringsKenmerk, actor.Naam, cancellationToken)
            ? Result<Gedaan>.Ok(default)
            : GeenEndpoint(routeringsKenmerk);
    }

    public async Task<Result<OsoEndpoint>> EndpointAsync(string routeringsKenmerk, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Helpdesk))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);
        }

        return await lezen.EndpointAsync(routeringsKenmerk.Trim().ToUpperInvariant(), cancellationToken) is { } e
            ? Result<OsoEndpoint>.Ok(e)
            : GeenEndpoint(routeringsKenmerk);
    }

    private static Fout GeenMandaat(string brin) =>
        Weigeringen.NietGevonden("brin", $"Er is geen mandaat voor BRIN {Zoekvragen.Kort(brin)}.");

    private static Fout GeenEndpoint(string kenmerk) =>
        Weigeringen.NietGevonden("routeringsKenmerk", $"Er is geen endpoint voor routeringskenmerk {Zoekvragen.Kort(kenmerk)}.");
}

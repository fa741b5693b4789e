using System.Text.RegularExpressions;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

/// <summary>A school board's mandate: this supplier (by OIN) may send and receive OSO messages for the school (BRIN).</summary>
public sealed record OsoMandaat(string Brin, string LeverancierOin, string? LeverancierNaam, DateTimeOffset GeldigVanaf, DateTimeOffset? GeldigTot)
{
    public bool GeldigOp(DateTimeOffset moment) => moment >= GeldigVanaf && (GeldigTot is null || moment < GeldigTot);
}

/// <summary>Where a school's dossiers are fetched and its terugkoppelingen go, by routeringskenmerk.</summary>
public sealed record OsoEndpoint(string RouteringsKenmerk, string Brin, string Url, string LeverancierOin);

/// <summary>The locally kept part of the Onderwijs Serviceregister; the Gateway implements it. Writes carry their audit entry.</summary>
public interface IOsoRegister
{
    Task<OsoMandaat?> MandaatAsync(string brin, CancellationToken cancellationToken);

    Task<IReadOnlyList<OsoMandaat>> MandatenAsync(CancellationToken cancellationToken);

    Task ZetMandaatAsync(OsoMandaat mandaat, AuditRegel audit, CancellationToken cancellationToken);

    Task<bool> VerwijderMandaatAsync(string brin, AuditRegel audit, CancellationToken cancellationToken);

    Task<OsoEndpoint?> EndpointAsync(string routeringsKenmerk, CancellationToken cancellationToken);

    Task<IReadOnlyList<OsoEndpoint>> EndpointsAsync(CancellationToken cancellationToken);

    Task ZetEndpointAsync(OsoEndpoint endpoint, AuditRegel audit, CancellationToken cancellationToken);

    Task<bool> VerwijderEndpointAsync(string routeringsKenmerk, AuditRegel audit, CancellationToken cancellationToken);
}

/// <summary>The helpdesk's maintenance of mandates and endpoints, validated before anything is stored.</summary>
public sealed partial class OsoRegisterService(IOsoRegister register, TimeProvider clock)
{
    [GeneratedRegex("^[0-9A-Z]{20}$", RegexOptions.CultureInvariant)]
    private static partial Regex Oin20();

    public static bool IsOin(string? waarde) => waarde is not null && Oin20().IsMatch(waarde);

    public async Task<Result<OsoMandaat>> ZetMandaatAsync(string? brin, string? leverancierOin, string? leverancierNaam,
        DateTimeOffset? geldigVanaf, DateTimeOffset? geldigTot, string actor, CancellationToken cancellationToken)
    {
        var fouten = new List<Fout>();
        brin = brin?.Trim().ToUpperInvariant();
        leverancierOin = leverancierOin?.Trim().ToUpperInvariant();
        if (!AanvraagValidatie.IsBrin(brin))
        {
            fouten.Add(new Fout(FoutCodes.VeldOngeldig, "brin", "Het BRIN-nummer moet bestaan uit twee cijfers en twee hoofdletters, bijvoorbeeld 12AB."));
        }

        if (!IsOin(leverancierOin))
        {
            fouten.Add(new Fout(FoutCodes.VeldOngeldig, "leverancierOin", "Het OIN van de leverancier bestaat uit 20 cijfers of hoofdletters, bijvoorbeeld 00000001234567890000."));
        }

        var nu = clock.GetUtcNow();
        var vanaf = geldigVanaf ?? nu;
        if (geldigTot is not null && geldigTot <= vanaf)
        {
            fouten.Add(new Fout(FoutCodes.VeldOngeldig, "geldigTot", "'geldigTot' moet na 'geldigVanaf' liggen."));
        }

        // The null tests repeat what the checks above already refused (they add to fouten), for the compiler.
        if (fouten.Count > 0 || brin is null || leverancierOin is null)
        {
            return Result<OsoMandaat>.Fail(fouten);
        }

        var mandaat = new OsoMandaat(brin, leverancierOin, string.IsNullOrWhiteSpace(leverancierNaam) ? null : leverancierNaam.Trim(), vanaf, geldigTot);
        await register.ZetMandaatAsync(mandaat, new AuditRegel(nu, actor, "oso.mandaat.zetten", $"mandaat:{mandaat.Brin}", $"leverancier={mandaat.LeverancierOin}"), cancellationToken);
        return Result<OsoMandaat>.Ok(mandaat);
    }

    public async Task<Result<OsoEndpoint>> ZetEndpointAsync(string? kenmerk, string? brin, string? url, string? leverancierOin, string actor, CancellationToken cancellationToken)
    {
        var fouten = new List<Fout>();
        kenmerk = kenmerk?.Trim().ToUpperInvariant();
        brin = brin?.Trim().ToUpperInvariant();
        leverancierOin = leverancierOin?.Trim().ToUpperInvariant();
        if (!IsOin(kenmerk))
        {
            fouten.Add(new Fout(FoutCodes.VeldOngeldig, "routeringsKenmerk", "Het routeringskenmerk bestaat uit 20 cijfers of hoofdletters, bijvoorbeeld 0000000700012AB00001."));
        }

        if (!AanvraagValidatie.IsBrin(brin))
        {
            fouten.Add(new Fout(FoutCodes.VeldOngeldig, "brin", "Het BRIN-nummer moet bestaan uit twee cijfers en twee hoofdletters, bijvoorbeeld 12AB."));
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            fouten.Add(new Fout(FoutCodes.VeldOngeldig, "url", "De URL van het endpoint moet een volledige https-URL zijn."));
        }

        if (!IsOin(leverancierOin))
        {
            fouten.Add(new Fout(FoutCodes.VeldOngeldig, "leverancierOin", "Het OIN van de leverancier bestaat uit 20 cijfers of hoofdletters."));
        }

        if (fouten.Count > 0 || kenmerk is null || brin is null || uri is null || leverancierOin is null)
        {
            return Result<OsoEndpoint>.Fail(fouten);
        }

        var endpoint = new OsoEndpoint(kenmerk, brin, uri.ToString(), leverancierOin);
        await register.ZetEndpointAsync(endpoint, new AuditRegel(clock.GetUtcNow(), actor, "oso.endpoint.zetten", $"endpoint:{endpoint.RouteringsKenmerk}", $"brin={endpoint.Brin}, url={endpoint.Url}"), cancellationToken);
        return Result<OsoEndpoint>.Ok(endpoint);
    }

    public Task<bool> VerwijderMandaatAsync(string brin, string actor, CancellationToken cancellationToken) =>
        register.VerwijderMandaatAsync(brin.Trim().ToUpperInvariant(), new AuditRegel(clock.GetUtcNow(), actor, "oso.mandaat.verwijderen", $"mandaat:{brin}", null), cancellationToken);

    public Task<bool> VerwijderEndpointAsync(string kenmerk, string actor, CancellationToken cancellationToken) =>
        register.VerwijderEndpointAsync(kenmerk.Trim().ToUpperInvariant(), new AuditRegel(clock.GetUtcNow(), actor, "oso.endpoint.verwijderen", $"endpoint:{kenmerk}", null), cancellationToken);
}

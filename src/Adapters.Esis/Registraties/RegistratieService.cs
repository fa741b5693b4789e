using System.Security.Cryptography;
using Hulpvraag.Adapters.Esis.Verificatiecodes;
using Hulpvraag.Core.Adressen;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Ports;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Adapters.Esis.Registraties;

public sealed record RegistratieVerzoek(string? Brin, string? Vestiging, string? Omgeving, string? Verificatiecode, string? CallbackUrl, string? ContactEmail);

/// <summary>What the helpdesk sees of a registration: never the code, never the secret.</summary>
public sealed record RegistratieOverzicht(
    Guid Id, string Brin, string Vestiging, string Omgeving, string CallbackUrl, string? ContactEmail,
    DateTimeOffset AangemaaktOp, DateTimeOffset? LaatstGebruiktOp, DateTimeOffset? GeldigTot, DateTimeOffset? OudeCodeGeldigTot)
{
    public static RegistratieOverzicht Van(EsisRegistratie r) => new(r.Id, r.Brin, r.Vestiging, r.Omgeving, r.CallbackUrl, r.ContactEmail,
        r.AangemaaktOp, r.LaatstGebruiktOp, r.IngetrokkenOp, r.OudeCodeGeldigTot);
}

/// <summary>The one moment the callback secret exists in clear outside the gateway: the answer to the registration.</summary>
public sealed record NieuweRegistratie(RegistratieOverzicht Registratie, string CallbackSecret);

/// <summary>The helpdesk's "koppeling activeren": register, rotate and revoke verification codes. Every action is audited.</summary>
public sealed class RegistratieService(
    IEsisRegistraties store, EsisSleutels sleutels, IOptions<EsisOptions> options, CallbackAdresRegels callbackAdressen, TimeProvider clock)
{
    public async Task<Result<NieuweRegistratie>> RegistreerAsync(RegistratieVerzoek v, string actor, CancellationToken cancellationToken)
    {
        var fouten = new List<Fout>();
        var brin = v.Brin?.Trim().ToUpperInvariant() ?? "";
        var vestiging = v.Vestiging?.Trim() ?? "";
        if (!AanvraagValidatie.IsBrin(brin))
        {
            fouten.Add(new Fout(FoutCodes.VeldOngeldig, "brin", "Het BRIN-nummer moet bestaan uit twee cijfers en twee hoofdletters, bijvoorbeeld 12AB."));
        }

        if (!AanvraagValidatie.IsVestiging(vestiging))
        {
            fouten.Add(new Fout(FoutCodes.VeldOngeldig, "vestiging", "Het vestigingsnummer moet uit twee cijfers bestaan, bijvoorbeeld 00."));
        }

        var omgeving = string.IsNullOrWhiteSpace(v.Omgeving) ? "productie" : v.Omgeving.Trim().ToLowerInvariant();
        if (omgeving.Length > 40 || !omgeving.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            fouten.Add(new Fout(FoutCodes.VeldOngeldig, "omgeving", "De omgeving is een korte naam zonder spaties, bijvoorbeeld 'productie' of 'test'."));
        }

        if (callbackAdressen.Controleer(v.CallbackUrl, omgeving, "callbackUrl") is { } urlFout)
        {
            fouten.Add(urlFout);
        }

        if (!string.IsNullOrWhiteSpace(v.ContactEmail) && !EmailAdres.IsGeldig(v.ContactEmail.Trim()))
        {
            fouten.Add(new Fout(FoutCodes.VeldOngeldig, "contactEmail", EmailAdres.Melding("contactEmail")));
        }

        fouten.AddRange(VerificatiecodeRegels.Controleer(v.Verificatiecode, brin, vestiging));
        if (fouten.Count > 0)
        {
            return Result<NieuweRegistratie>.Fail(fouten);
        }

        var code = v.Verificatiecode!;
        foreach (var bestaand in await store.ActiefVoorBrin6Async(brin + vestiging, cancellationToken))
        {
            if (sleutels.Klopt(code, bestaand.CodeHash, bestaand.CodeSleutelversie))
            {
                return AlGeregistreerd();
            }
        }

        var nu = clock.GetUtcNow();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var registratie = new EsisRegistratie
        {
            Id = Guid.CreateVersion7(nu),
            Brin = brin,
            Vestiging = vestiging,
            Omgeving = omgeving,
            CodeHash = sleutels.Hash(code),
            CodeSleutelversie = sleutels.HuidigeVersie,
            CallbackUrl = new Uri(v.CallbackUrl!.Trim()).ToString().TrimEnd('/'),
            CallbackSecretVersleuteld = sleutels.Versleutel(secret),
            ContactEmail = string.IsNullOrWhiteSpace(v.ContactEmail) ? null : v.ContactEmail.Trim(),
            AangemaaktOp = nu,
        };
        var audit = new AuditRegel(nu, actor, "esis.registreren", $"esis-registratie:{registratie.Id}", $"brin6={registratie.Brin6}, omgeving={omgeving}");
        if (!await store.VoegToeAsync(registratie, audit, cancellationToken))
        {
            return new Fout(FoutCodes.VeldOngeldig, "omgeving",
                $"Voor {registratie.Brin6} is in de omgeving '{omgeving}' al een koppeling actief. Vervang de code van die registratie, of trek haar eerst in.")
            { Regel = "dubbel" };
        }

        return Result<NieuweRegistratie>.Ok(new NieuweRegistratie(RegistratieOverzicht.Van(registratie), secret));
    }

    /// <summary>Rotation: the new code is valid at once, the old one until <paramref name="oudeGeldigTot"/> (default: the configured overlap).</summary>
    public async Task<Result<RegistratieOverzicht>> VervangAsync(Guid id, string? nieuweCode, DateTimeOffset? oudeGeldigTot, string actor, CancellationToken cancellationToken)
    {
        var r = await store.VindAsync(id, cancellationToken);
        if (r is null || r.IngetrokkenOp is not null)
        {
            return Onbekend(id);
        }

        var fouten = VerificatiecodeRegels.Controleer(nieuweCode, r.Brin, r.Vestiging);
        if (fouten.Count > 0)
        {
            return Result<RegistratieOverzicht>.Fail(fouten);
        }

        foreach (var bestaand in await store.ActiefVoorBrin6Async(r.Brin6, cancellationToken))
        {
            if (sleutels.Klopt(nieuweCode!, bestaand.CodeHash, bestaand.CodeSleutelversie))
            {
                return Result<RegistratieOverzicht>.Fail(AlGeregistreerd().Fouten);
            }
        }

        var nu = clock.GetUtcNow();
        var tot = oudeGeldigTot ?? nu + options.Value.RotatieOverlap;
        var audit = new AuditRegel(nu, actor, "esis.vervangen", $"esis-registratie:{id}", $"oude code geldig tot {tot:O}");
        await store.VervangCodeAsync(id, sleutels.Hash(nieuweCode!), sleutels.HuidigeVersie, r.CodeHash, r.CodeSleutelversie, tot, audit, cancellationToken);
        return Result<RegistratieOverzicht>.Ok(RegistratieOverzicht.Van((await store.VindAsync(id, cancellationToken))!));
    }

    public async Task<Result<RegistratieOverzicht>> TrekInAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        var nu = clock.GetUtcNow();
        var ok = await store.TrekInAsync(id, nu, new AuditRegel(nu, actor, "esis.intrekken", $"esis-registratie:{id}", null), cancellationToken);
        return ok ? Result<RegistratieOverzicht>.Ok(RegistratieOverzicht.Van((await store.VindAsync(id, cancellationToken))!)) : Onbekend(id);
    }

    public async Task<IReadOnlyList<RegistratieOverzicht>> LijstAsync(string? brin, CancellationToken cancellationToken) =>
        (await store.LijstAsync(brin, cancellationToken)).Select(RegistratieOverzicht.Van).ToList();

    private static Result<NieuweRegistratie> AlGeregistreerd() =>
        new Fout(FoutCodes.VeldOngeldig, "verificatiecode", "Deze verificatiecode is voor deze school al geregistreerd.") { Regel = "dubbel" };

    private static Fout Onbekend(Guid id) =>
        new(FoutCodes.NietGevonden, "id", $"Er is geen actieve Esis-registratie met id {id}.");
}

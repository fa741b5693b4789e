using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Storage;
using MimeKit;

namespace Hulpvraag.Gateway.Application;

/// <summary>The opt-out state of one address as the helpdesk sees it.</summary>
public sealed record EmailAfmeldStand(string Adres, bool Afgemeld, DateTimeOffset? AfgemeldOp, string? Door);

/// <summary>
/// The e-mail channel for the helpdesk, for the admin API, the CLI and the pages alike: the mails of a hulpvraag (never
/// the body, never pupil data), re-drive of a dead mail, and the opt-out state of an address, seen and changed on
/// behalf of the recipient. Every change leaves an audit entry.
/// </summary>
public sealed class EmailBeheer(EmailStore store, IHulpvraagStore hulpvragen, AuditStore audit, TimeProvider clock)
{
    public const int MaxRijen = 500;

    /// <summary>The e-mails in a state and/or of a school, newest first (at most <see cref="MaxRijen"/>).</summary>
    public async Task<Result<IReadOnlyList<EmailOverzicht>>> EmailsAsync(EmailSelectie selectie, ICurrentActor actor, CancellationToken cancellationToken) =>
        actor.Mag(Bevoegdheid.Lezen)
            ? Result<IReadOnlyList<EmailOverzicht>>.Ok(await store.ZoekAsync(selectie.Toestand, null, selectie.School?.Brin, MaxRijen, cancellationToken,
                selectie.School?.Vestiging))
            : Weigeringen.GeenToegang(Bevoegdheid.Lezen);

    /// <summary>The e-mails of one hulpvraag, newest first; an unknown dossiernummer is refused, not answered with "none".</summary>
    public async Task<Result<IReadOnlyList<EmailOverzicht>>> EmailsVanHulpvraagAsync(long dossiernummer, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Lezen))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Lezen);
        }

        var emails = await store.ZoekAsync(null, dossiernummer, null, MaxRijen, cancellationToken);
        if (emails.Count == 0 && await hulpvragen.FindByDossiernummerAsync(dossiernummer, cancellationToken) is null)
        {
            return new Fout(FoutCodes.DossierOnbekend, "dossiernummer", $"Er is geen hulpvraag met dossiernummer {dossiernummer}.");
        }

        return Result<IReadOnlyList<EmailOverzicht>>.Ok(emails);
    }

    /// <summary>A dead e-mail is due again now, its age and attempts reset (the recipient is read again when it is sent).</summary>
    public async Task<Result<Gedaan>> OpnieuwAsync(long id, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Helpdesk))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);
        }

        var regel = new AuditRegel(clock.GetUtcNow(), actor.Naam, "email.opnieuw", $"email:{id}", null);
        return await store.OpnieuwAsync(id, regel, cancellationToken)
            ? Result<Gedaan>.Ok(default)
            : Weigeringen.NietGevonden("id", $"Er is geen dode e-mail met id {id}. Alleen een e-mail in toestand 'dood' kan opnieuw.");
    }

    public async Task<Result<EmailAfmeldStand>> AfmeldingAsync(string adres, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Lezen))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Lezen);
        }

        if (!IsAdres(adres))
        {
            return OngeldigAdres();
        }

        var afmelding = await store.AfmeldingAsync(adres, cancellationToken);
        return Result<EmailAfmeldStand>.Ok(new EmailAfmeldStand(EmailStore.Normaliseer(adres), afmelding is not null, afmelding?.AfgemeldOp, afmelding?.Door));
    }

    /// <summary>Switches mails to <paramref name="adres"/> off (<paramref name="aan"/> false) or on again, on behalf of the recipient.</summary>
    public async Task<Result<Gedaan>> ZetAfmeldingAsync(string adres, bool aan, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Helpdesk))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Helpdesk);
        }

        if (!IsAdres(adres))
        {
            return OngeldigAdres();
        }

        if (aan)
        {
            await store.AanmeldenAsync(adres, cancellationToken);
        }
        else
        {
            await store.AfmeldenAsync(adres, "helpdesk:" + actor.Naam, cancellationToken);
        }

        // The address itself stays out of the audit trail (personal data); the action and who did it are enough.
        await audit.SchrijfAsync(new AuditRegel(clock.GetUtcNow(), actor.Naam, aan ? "email.aanmelden" : "email.afmelden", "email-adres", null), cancellationToken);
        return Result<Gedaan>.Ok(default);
    }

    public static bool IsAdres(string? adres) =>
        adres is { Length: > 0 and <= 254 } && MailboxAddress.TryParse(adres, out var m) && m.Address.Contains('@', StringComparison.Ordinal);

    private static Fout OngeldigAdres() => Weigeringen.VeldOngeldig("adres", "Geef een geldig e-mailadres, bijvoorbeeld ib@school.nl.");
}

using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Outbox;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Application;

public sealed record HulpvraagPagina(int Pagina, int Per, long Totaal, IReadOnlyList<HulpvraagSamenvatting> Items);

public sealed record Diagnose(
    string Brin, string? Vestiging, DateTimeOffset Vanaf, IReadOnlyList<OntvangstOverzicht> Ontvangen,
    IReadOnlyList<NotificatieOverzicht> OsoNotificaties, IReadOnlyList<CallbackOverzicht> Callbacks, IReadOnlyList<EmailOverzicht> Emails);

/// <summary>The helpdesk's and back office's questions, for the admin API, the CLI and the pages alike, on parsed <see cref="Zoekvragen"/>.</summary>
public sealed class BeheerOverzichten(BeheerStore beheer, OutboxStore outbox, EmailStore emails, TimeProvider clock)
{
    public const int MaxRijen = 500;
    public static readonly TimeSpan StandaardDiagnosePeriode = TimeSpan.FromDays(30);

    public async Task<Result<HulpvraagPagina>> HulpvragenAsync(HulpvraagSelectie selectie, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Lezen))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Lezen);
        }

        var (totaal, items) = await beheer.ZoekHulpvragenAsync(selectie.Filter, selectie.Pagina, selectie.Per, cancellationToken);
        return Result<HulpvraagPagina>.Ok(new HulpvraagPagina(selectie.Pagina, selectie.Per, totaal, items));
    }

    /// <summary>The same selection for a CSV export, at most <see cref="BeheerStore.MaxExport"/> rows.</summary>
    public async Task<Result<IReadOnlyList<HulpvraagSamenvatting>>> ExportAsync(HulpvraagFilter filter, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Lezen))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Lezen);
        }

        var (_, alle) = await beheer.ZoekHulpvragenAsync(filter, 1, BeheerStore.MaxExport, cancellationToken);
        return Result<IReadOnlyList<HulpvraagSamenvatting>>.Ok(alle);
    }

    public async Task<Result<IReadOnlyList<CallbackOverzicht>>> CallbacksAsync(CallbackSelectie selectie, ICurrentActor actor, CancellationToken cancellationToken) =>
        actor.Mag(Bevoegdheid.Lezen)
            ? Result<IReadOnlyList<CallbackOverzicht>>.Ok(await outbox.ZoekAsync(selectie.Toestand, selectie.Systeem, selectie.Brin, MaxRijen, cancellationToken))
            : Weigeringen.GeenToegang(Bevoegdheid.Lezen);

    public async Task<Result<IReadOnlyList<NotificatieOverzicht>>> NotificatiesAsync(NotificatieSelectie selectie, ICurrentActor actor, CancellationToken cancellationToken) =>
        actor.Mag(Bevoegdheid.Lezen)
            ? Result<IReadOnlyList<NotificatieOverzicht>>.Ok(await beheer.NotificatiesAsync(selectie.Toestand, selectie.Brin, null, cancellationToken))
            : Weigeringen.GeenToegang(Bevoegdheid.Lezen);

    /// <summary>Everything that arrived from a school in the period (default 30 days), accepted or refused, its OSO fetches, callbacks and e-mails.</summary>
    public async Task<Result<Diagnose>> DiagnoseAsync(DiagnoseSelectie selectie, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Lezen))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Lezen);
        }

        var (brin, vestiging) = (selectie.School.Brin, selectie.School.Vestiging);
        var sinds = selectie.Vanaf ?? clock.GetUtcNow() - StandaardDiagnosePeriode;
        var callbacks = (await outbox.ZoekAsync(null, null, brin, MaxRijen, cancellationToken))
            .Where(c => c.AangemaaktOp >= sinds && (vestiging is null || c.Vestiging == vestiging)).ToList();
        return Result<Diagnose>.Ok(new Diagnose(brin, vestiging, sinds,
            await beheer.OntvangstenAsync(brin, sinds, cancellationToken, vestiging),
            await beheer.NotificatiesAsync(null, brin, sinds, cancellationToken),
            callbacks,
            await emails.ZoekAsync(null, null, brin, MaxRijen, cancellationToken, vestiging, sinds)));
    }

    public async Task<Result<IReadOnlyList<AuditRegel>>> AuditAsync(DateTimeOffset? vanaf, string? onderwerp, int? max, ICurrentActor actor, CancellationToken cancellationToken) =>
        actor.Mag(Bevoegdheid.Admin)
            ? Result<IReadOnlyList<AuditRegel>>.Ok(await beheer.AuditAsync(vanaf, string.IsNullOrWhiteSpace(onderwerp) ? null : onderwerp.Trim(), Math.Clamp(max ?? 200, 1, 5000), cancellationToken))
            : Weigeringen.GeenToegang(Bevoegdheid.Admin);
}

using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Adapters.ParnasSys.Mapping;

/// <summary>What the stored notificatie says about the dossier being fetched; the dossier is checked against it.</summary>
public sealed record OsoNotificatieContext(string BronBrin, string BronRouteringsKenmerk, string Koppelsleutel);

/// <summary>
/// A mapped <c>documentResponse</c>: either the school's request (<see cref="OsoAanvraag"/>) or the supplier's own
/// <see cref="OsoFoutmelding"/>. Disposing releases whatever was staged for it.
/// </summary>
public abstract class OsoDocumentAntwoord : IAsyncDisposable
{
    private protected OsoDocumentAntwoord()
    {
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The dossier as intake input. The attachments in <see cref="Invoer"/> point at staged files that live until this
/// object is disposed, so dispose it only after the intake service has stored (or refused) them.
/// </summary>
public sealed class OsoAanvraag : OsoDocumentAntwoord
{
    private readonly IReadOnlyList<GestagedeBijlage> _gestaged;
    private int _opgeruimd;

    internal OsoAanvraag(AanvraagInvoer invoer, IReadOnlyList<GestagedeBijlage> gestaged, DateTimeOffset? ingediendOp)
    {
        Invoer = invoer;
        _gestaged = gestaged;
        IngediendOp = ingediendOp;
    }

    public AanvraagInvoer Invoer { get; }

    /// <summary>The staged attachment files behind <see cref="AanvraagInvoer.Bijlagen"/>, in the same order.</summary>
    public IReadOnlyList<GestagedeBijlage> GestagedeBijlagen => _gestaged;

    /// <summary><c>gw:ingediendOp</c> when it was a valid xs:dateTime; informative only, the intake stamps its own time.</summary>
    public DateTimeOffset? IngediendOp { get; }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _opgeruimd, 1) == 0)
        {
            await OsoDossierMapper.RuimOpAsync(_gestaged);
        }

        await base.DisposeAsync();
    }
}

/// <summary>
/// The supplier could not deliver the dossier (<c>oso:foutmelding</c>). Not a refusal by the gateway: the fetch job
/// decides what it means (e.g. mark the notificatie failed for the helpdesk).
/// </summary>
public sealed class OsoFoutmelding : OsoDocumentAntwoord
{
    internal OsoFoutmelding(string? foutcode, string? fouttekst)
    {
        Foutcode = foutcode;
        Fouttekst = fouttekst;
    }

    public string? Foutcode { get; }

    public string? Fouttekst { get; }
}

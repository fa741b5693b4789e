namespace Hulpvraag.Core.Logboek;

/// <summary>
/// The event ids of the gateway's log, in one place so an operator can filter and alert on them and no two events
/// share one. Ranges: 1xxx storage and hosting, 2xxx intake and status (this class), 3xxx outbox and work queue,
/// 4xxx Esis, retention, outages, 5xxx OSO, 6xxx e-mail. Events of the other ranges still declare their number
/// beside their message; new ones belong here.
/// </summary>
public static class GebeurtenisIds
{
    /// <summary>A new hulpvraag was stored (Information).</summary>
    public const int IntakeAangemaakt = 2001;

    /// <summary>A resend or later attachments changed an existing hulpvraag (Information).</summary>
    public const int IntakeBijgewerkt = 2002;

    /// <summary>An identical resend: nothing changed (Information).</summary>
    public const int IntakeOngewijzigd = 2003;

    /// <summary>An intake was refused with a code; the sender's fault, so Information, not Warning (Information).</summary>
    public const int IntakeGeweigerd = 2004;

    /// <summary>The status of a hulpvraag changed (back office, CLI, or the intake's own return to aanmelding).</summary>
    public const int StatusGewijzigd = 2101;

    /// <summary>A status change was refused (rule, stale version, unknown dossier).</summary>
    public const int StatusGeweigerd = 2102;
}

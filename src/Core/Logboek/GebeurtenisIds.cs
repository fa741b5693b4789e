using Hulpvraag.Core.Logging;

namespace Hulpvraag.Core.Logboek;

/// <summary>
/// The intake and status event ids under the names the intake log's readers know; the numbers themselves live in the
/// central list, <see cref="LogEventIds"/>.
/// </summary>
public static class GebeurtenisIds
{
    /// <summary>A new hulpvraag was stored (Information).</summary>
    public const int IntakeAangemaakt = LogEventIds.IntakeAangemaakt;

    /// <summary>A resend or later attachments changed an existing hulpvraag (Information).</summary>
    public const int IntakeBijgewerkt = LogEventIds.IntakeBijgewerkt;

    /// <summary>An identical resend: nothing changed (Information).</summary>
    public const int IntakeOngewijzigd = LogEventIds.IntakeOngewijzigd;

    /// <summary>An intake was refused with a code; the sender's fault, so Information, not Warning (Information).</summary>
    public const int IntakeGeweigerd = LogEventIds.IntakeGeweigerd;

    /// <summary>The status of a hulpvraag changed (back office, CLI, or the intake's own return to aanmelding).</summary>
    public const int StatusGewijzigd = LogEventIds.StatusGewijzigd;

    /// <summary>A status change was refused (rule, stale version, unknown dossier).</summary>
    public const int StatusGeweigerd = LogEventIds.StatusGeweigerd;
}

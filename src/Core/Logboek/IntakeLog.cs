using Hulpvraag.Core.Logging;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Core.Logboek;

/// <summary>
/// One structured event per intake and per status change (issue 13.7). Only what a helpdesk needs to find the
/// request: source system, school (BRIN6), dossiernummer or refusal code. Never a name, a birth date, a text, a
/// file name or a verification code: the person who changed a status is logged as a kind (systeem or beheer), not by name.
/// </summary>
public static partial class IntakeLog
{
    [LoggerMessage(EventId = LogEventIds.IntakeAangemaakt, Level = LogLevel.Information,
        Message = "Intake from {Bron} for school {Brin6} accepted as new dossier {Dossiernummer}")]
    public static partial void Aangemaakt(ILogger logger, string bron, string brin6, long dossiernummer);

    [LoggerMessage(EventId = LogEventIds.IntakeBijgewerkt, Level = LogLevel.Information,
        Message = "Intake from {Bron} for school {Brin6} updated dossier {Dossiernummer} to version {Versie}")]
    public static partial void Bijgewerkt(ILogger logger, string bron, string brin6, long dossiernummer, int versie);

    [LoggerMessage(EventId = LogEventIds.IntakeOngewijzigd, Level = LogLevel.Information,
        Message = "Intake from {Bron} for school {Brin6} repeated dossier {Dossiernummer} unchanged")]
    public static partial void Ongewijzigd(ILogger logger, string bron, string brin6, long dossiernummer);

    [LoggerMessage(EventId = LogEventIds.IntakeGeweigerd, Level = LogLevel.Information,
        Message = "Intake from {Bron} for school {Brin6} refused: {Code} ({Aantal} finding(s))")]
    public static partial void Geweigerd(ILogger logger, string bron, string brin6, string code, int aantal);

    [LoggerMessage(EventId = LogEventIds.StatusGewijzigd, Level = LogLevel.Information,
        Message = "Status of dossier {Dossiernummer} ({Bron}, school {Brin6}) changed from {Van} to {Naar} by {DoorSoort}")]
    public static partial void StatusGewijzigd(ILogger logger, long dossiernummer, string bron, string brin6, string? van, string naar, string doorSoort);

    [LoggerMessage(EventId = LogEventIds.StatusGeweigerd, Level = LogLevel.Information,
        Message = "Status change of dossier {Dossiernummer} refused: {Code}")]
    public static partial void StatusGeweigerd(ILogger logger, long dossiernummer, string code);

    /// <summary>BRIN and vestiging as one BRIN6, shortened so a hostile value cannot flood the log.</summary>
    public static string Brin6(string? brin, string? vestiging) => Kort(brin, 4) + Kort(vestiging, 2);

    /// <summary>The kind of actor, never the person: <c>systeem:esis</c> stays, a name or e-mail becomes <c>beheer</c>.</summary>
    public static string DoorSoort(string door) => door.StartsWith("systeem:", StringComparison.Ordinal) ? Kort(door, 20) : "beheer";

    private static string Kort(string? waarde, int max)
    {
        if (string.IsNullOrEmpty(waarde))
        {
            return "?";
        }

        var kort = waarde.Length <= max ? waarde : waarde[..max];
        return string.Concat(kort.Select(c => char.IsLetterOrDigit(c) || c is ':' or '-' or '_' ? c : '?'));
    }
}

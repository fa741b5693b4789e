using System.Net.Sockets;
using Hulpvraag.Core.Ports;
using Hulpvraag.Core.Titels;
using Hulpvraag.Gateway.Storage;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Hulpvraag.Gateway.Email;

/// <summary>
/// The e-mail channel's deliverer: reads the recipient from the hulpvraag now (a personeelswissel before delivery
/// reaches the new contact), skips an address that opted out (<c>overgeslagen</c>), renders the templates and sends.
/// A temporary SMTP answer (4xx, refused connection, timeout) is retried; a permanent one (5xx) is dead at once with
/// the server's answer recorded. The body is never logged or recorded.
/// </summary>
public sealed class EmailAflevering(
    EmailStore store, SmtpVerzender verzender, AfmeldTokens tokens, IOptions<EmailOptions> options, TimeProvider clock) : IAflevering
{
    public string Kanaal => AfleverKanalen.Email;

    public async Task<AfleverUitkomst> AfleverenAsync(Aflevering aflevering, CancellationToken cancellationToken)
    {
        var uitkomst = await ProbeerAsync(aflevering, cancellationToken);

        // E-mail has its own patience (Email:MaxAge, 3 days), shorter than a callback's.
        var opties = options.Value;
        return uitkomst is AfleverUitkomst.LaterOpnieuw l && clock.GetUtcNow() - aflevering.AangemaaktOp >= opties.MaxAge
            ? new AfleverUitkomst.Onbestelbaar($"Opgegeven na {opties.MaxAge}: {l.Reden}") { Poging = l.Poging }
            : uitkomst;
    }

    private async Task<AfleverUitkomst> ProbeerAsync(Aflevering aflevering, CancellationToken cancellationToken)
    {
        var opties = options.Value;
        if (!opties.IsAan)
        {
            return new AfleverUitkomst.LaterOpnieuw("E-mail staat uit (geen Email:Smtp:Host): de e-mail wacht.");
        }

        var bericht = EmailBericht.Lees(aflevering.Payload);
        if (aflevering.Dossiernummer is not { } dossiernummer || await store.OntvangerAsync(dossiernummer, cancellationToken) is not { } ontvanger)
        {
            return new AfleverUitkomst.Onbestelbaar("De hulpvraag van deze e-mail bestaat niet (meer).");
        }

        if (string.IsNullOrWhiteSpace(ontvanger.Adres) || !MailboxAddress.TryParse(ontvanger.Adres, out _))
        {
            return new AfleverUitkomst.Overgeslagen("Geen (geldig) e-mailadres bij de aanvrager.");
        }

        // Where it went and what the server said, for the helpdesk (the row never holds the address before sending): it
        // travels with the outcome into the outbox's one state update of this attempt.
        if (await store.IsAfgemeldAsync(ontvanger.Adres, cancellationToken))
        {
            return new AfleverUitkomst.Overgeslagen("De ontvanger heeft zich afgemeld voor deze e-mails.") { Poging = new(ontvanger.Adres, null) };
        }

        var mime = Opstellen(aflevering.GebeurtenisId, dossiernummer, bericht, ontvanger.Naam ?? "", ontvanger.Adres, ontvanger);
        var (uitkomst, antwoord) = await VerstuurAsync(mime, cancellationToken);
        return uitkomst with { Poging = new(ontvanger.Adres, antwoord) };
    }

    private async Task<(AfleverUitkomst Uitkomst, string Antwoord)> VerstuurAsync(MimeMessage mime, CancellationToken cancellationToken)
    {
        try
        {
            var antwoord = Kort(await verzender.VerstuurAsync(mime, cancellationToken));
            return (AfleverUitkomst.Geslaagd, $"SMTP 250: {antwoord}");
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            var antwoord = $"SMTP {(int)ex.StatusCode}: {Kort(ex.Message)}";
            return (new AfleverUitkomst.Onbestelbaar(antwoord), antwoord);
        }
        catch (SmtpCommandException ex)
        {
            var antwoord = $"SMTP {(int)ex.StatusCode}: {Kort(ex.Message)}";
            return (new AfleverUitkomst.LaterOpnieuw(antwoord), antwoord);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException
            or SslHandshakeException or AuthenticationException or TimeoutException)
        {
            var antwoord = $"SMTP-server niet bereikbaar: {ex.GetType().Name}";
            return (new AfleverUitkomst.LaterOpnieuw(antwoord), antwoord);
        }
    }

    internal MimeMessage Opstellen(Guid gebeurtenisId, long dossiernummer, EmailBericht bericht, string naam, string adres, EmailOntvanger ontvanger)
    {
        var opties = options.Value;
        var link = tokens.Link(adres);
        var inhoud = EmailSjablonen.Maak(new EmailGegevens(
            naam, dossiernummer, bericht.StatusCode, bericht.Kwalificatie, bericht.Toelichting, bericht.Op,
            TitelCatalogus.ZoekOpCode(ontvanger.Titel)?.Weergave ?? ontvanger.Titel, ontvanger.Brin + ontvanger.Vestiging,
            ontvanger.Referentie, opties.Helpdeskregel, link, bericht.Eerste));
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(opties.Afzender ?? ""));
        mime.To.Add(new MailboxAddress(naam, adres));
        mime.Subject = inhoud.Onderwerp;
        mime.Date = bericht.Op;

        // Stable per status change, so a repeat (at-least-once) is recognisable as the same mail.
        mime.MessageId = $"{gebeurtenisId:D}@{new Uri(opties.BasisUrl ?? "http://localhost").Host}";
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Headers.Add("List-Unsubscribe", $"<{link}>");
        mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        mime.Body = new BodyBuilder { TextBody = inhoud.Tekst, HtmlBody = inhoud.Html }.ToMessageBody();
        return mime;
    }

    /// <summary>The server's answer, bounded and on one line; it never contains the message body.</summary>
    private static string Kort(string tekst)
    {
        var regel = tekst.ReplaceLineEndings(" ");
        return regel.Length <= 300 ? regel : regel[..300];
    }
}

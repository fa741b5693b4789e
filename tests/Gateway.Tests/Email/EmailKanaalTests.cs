using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Email;
using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer.Protocol;

namespace Hulpvraag.Gateway.Tests.Email;

public sealed class SqliteEmailKanaalTests() : EmailKanaalTests(new SqliteTarget());

public sealed class PostgresEmailKanaalTests() : EmailKanaalTests(new PostgresTarget());

/// <summary>
/// E-mail to the aanvrager as a channel of the outbox, end to end: the real gateway, a real SMTP server in the test
/// process, real SQLite and PostgreSQL.
/// </summary>
public abstract class EmailKanaalTests(StorageTarget target) : IAsyncLifetime
{
    private const string AdminKey = "email-tests-bootstrap-key-0123456789abcdef";
    private readonly TestSmtpServer _smtp = new();
    private GatewayTestHost _gw = null!;

    public async Task InitializeAsync()
    {
        _smtp.Start();
        _gw = await GatewayTestHost.StartAsync(target, settings: new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Afzender"] = "Hulpvraag PPO Rotterdam <noreply@pporotterdam.nl>",
            ["Email:BasisUrl"] = "http://127.0.0.1:8080",
            ["Email:Helpdeskregel"] = "Helpdesk PPO: 010-1234567",
            ["Callbacks:PollInterval"] = "00:00:00.050",
            ["Callbacks:MinBackoff"] = "00:00:00.100",
            ["Callbacks:MaxBackoff"] = "00:00:00.500",
            ["Callbacks:BreakDuration"] = "00:00:00.500",
            ["Metrics:VernieuwInterval"] = "00:00:00.100",
            ["Admin:BootstrapKey"] = AdminKey,
            ["Esis:CodePepper"] = "email-tests-pepper-with-enough-characters-0123456789",
        });
        _gw.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public async Task DisposeAsync()
    {
        await _gw.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task StatusChange_MailArrivesWithHeadersReasonAndNoPupilData()
    {
        var h = await MaakAsync("M-1");
        await WijzigAsync(h, StatusCatalogus.DossierIncompleet, "Het OPP ontbreekt; graag vóór 1 maart (Jöran).");

        var mails = await _smtp.WachtOpAsync(2);

        var ontvangst = mails[0];
        Assert.Equal($"Hulpvraag {h}: Aanmelding", ontvangst.Subject);
        Assert.Contains("Wij hebben uw hulpvraag ontvangen", ontvangst.TextBody, StringComparison.Ordinal);
        var mail = mails[1];
        Assert.Equal($"Hulpvraag {h}: Dossier incompleet SCP", mail.Subject);
        Assert.Equal("ib@regenboog.nl", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("Het OPP ontbreekt; graag vóór 1 maart (Jöran).", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Het OPP ontbreekt; graag vóór 1 maart (Jöran).", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Voeg de ontbrekende documenten", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Helpdesk PPO: 010-1234567", mail.TextBody, StringComparison.Ordinal);
        foreach (var leerling in new[] { "Daan", "Berg", "2017" })
        {
            Assert.DoesNotContain(leerling, mail.TextBody + mail.HtmlBody + mail.Subject, StringComparison.Ordinal);
        }

        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith("<http://127.0.0.1:8080/email/afmelden?adres=ib%40regenboog.nl&token=", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        // The sink holds the mail once its server has said 250; the gateway marks the row delivered a moment after that.
        var rij = Assert.Single(await WachtOpAsync(h, e => e.StatusCode == StatusCatalogus.DossierIncompleet && e.Toestand == "afgeleverd"));
        Assert.Equal($"{rij.GebeurtenisId:D}@127.0.0.1", mail.MessageId);
    }

    [Fact]
    public async Task Send_Server421ThenAccepts_IsRetriedAndArrivesOnce()
    {
        _smtp.VolgendeAntwoorden.Enqueue(new SmtpResponse((SmtpReplyCode)421, "Probeer het later"));

        var h = await MaakAsync("M-2");

        var mail = Assert.Single(await _smtp.WachtOpAsync(1));
        Assert.Equal($"Hulpvraag {h}: Aanmelding", mail.Subject);
        var rij = Assert.Single(await WachtOpToestandAsync(h, "afgeleverd"));
        Assert.True(rij.Pogingen >= 2);
    }

    [Fact]
    public async Task Send_Recipient550_IsDeadAtOnceWithTheAnswer()
    {
        _smtp.Geweigerd["ib@regenboog.nl"] = true;

        var h = await MaakAsync("M-3");

        var rij = Assert.Single(await WachtOpToestandAsync(h, "dood"));
        Assert.StartsWith("SMTP 550", rij.LaatsteFout, StringComparison.Ordinal);
        Assert.Equal(rij.LaatsteFout, rij.LaatsteAntwoord);
        Assert.Equal("ib@regenboog.nl", rij.Ontvanger);
        Assert.Equal(1, rij.Pogingen);
        Assert.Empty(_smtp.Ontvangen);
    }

    [Fact]
    public async Task Send_ServerDown_WaitsAndArrivesWhenItIsBack()
    {
        await _smtp.StopAsync();
        var h = await MaakAsync("M-4");
        var rij = Assert.Single(await WachtOpAsync(h, r => r.Pogingen >= 2));
        Assert.Equal("wachtend", rij.Toestand);

        _smtp.Start();

        Assert.Single(await _smtp.WachtOpAsync(1));
        Assert.Single(await WachtOpToestandAsync(h, "afgeleverd"));
    }

    [Fact]
    public async Task Send_ServerDown_CircuitOpensAndTheMailStillArrivesAfterwards()
    {
        await _smtp.StopAsync();
        var h = await MaakAsync("M-9");

        // Three refused connections in the sampling window open the breaker: the next attempts fail fast without dialling.
        var rij = Assert.Single(await WachtOpAsync(h, r => r.LaatsteFout?.StartsWith("Circuit open", StringComparison.Ordinal) == true));
        Assert.Equal("wachtend", rij.Toestand);
        Assert.StartsWith("SMTP-server niet bereikbaar", rij.LaatsteAntwoord, StringComparison.Ordinal);
        _smtp.Start();

        Assert.Single(await _smtp.WachtOpAsync(1));
        Assert.Single(await WachtOpToestandAsync(h, "afgeleverd"));
    }

    [Fact]
    public async Task Metrics_SentFailedDeadSkipped_AreCountedAndTheOldestWaitingIsShown()
    {
        _smtp.VolgendeAntwoorden.Enqueue(new SmtpResponse((SmtpReplyCode)421, "Probeer het later"));
        var h = await MaakAsync("M-10");
        await WachtOpToestandAsync(h, "afgeleverd");
        _smtp.Geweigerd["ib@regenboog.nl"] = true;
        await WijzigAsync(h, StatusCatalogus.InBehandeling, "Eerste gesprek gepland.");
        await WachtOpToestandAsync(h, "dood");
        _smtp.Geweigerd.Clear();
        Assert.Equal(HttpStatusCode.NoContent, (await _gw.Client.PutAsync(new Uri("/admin/v1/email-afmeldingen/ib@regenboog.nl", UriKind.Relative), null)).StatusCode);
        await WijzigAsync(h, StatusCatalogus.Wacht, "Wacht op het verslag.");
        await WachtOpToestandAsync(h, "overgeslagen");

        var tekst = "";
        for (var i = 0; i < 200 && !tekst.Contains("uitkomst=\"overgeslagen\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
            tekst = await _gw.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }

        // The OpenTelemetry listener is process-wide (see MetricsTests): the series and labels, not exact counts.
        var regels = tekst.Split('\n');
        foreach (var uitkomst in new[] { "afgeleverd", "opnieuw", "dood", "overgeslagen" })
        {
            Assert.Contains(regels, r => r.StartsWith("hulpvraag_emails_total{", StringComparison.Ordinal) && r.Contains($"uitkomst=\"{uitkomst}\"", StringComparison.Ordinal));
        }

        Assert.Contains(regels, r => r.StartsWith("hulpvraag_oudste_wachtende_email_seconden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OptOut_ThroughTheLink_SkipsAndUndoResumes()
    {
        var h = await MaakAsync("M-5");
        var ontvangst = Assert.Single(await _smtp.WachtOpAsync(1));
        var link = (ontvangst.Headers["List-Unsubscribe"] ?? "").Trim('<', '>').Replace("http://127.0.0.1:8080", "", StringComparison.Ordinal);

        var pagina = await _gw.Client.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Contains("Geen e-mails meer ontvangen", await pagina.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", pagina.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var eenKlik = await _gw.Client.PostAsync(new Uri(link, UriKind.Relative), new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, eenKlik.StatusCode);

        await WijzigAsync(h, StatusCatalogus.InBehandeling, "Eerste gesprek gepland.");
        Assert.Single(await WachtOpToestandAsync(h, "overgeslagen"));
        var stand = await _gw.Client.GetFromJsonAsync<AfmeldStandJson>(new Uri("/admin/v1/email-afmeldingen/ib@regenboog.nl", UriKind.Relative));
        Assert.True(stand!.Afgemeld);

        var terug = await _gw.Client.PostAsync(new Uri(link.Replace("/email/afmelden", "/email/aanmelden", StringComparison.Ordinal), UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, terug.StatusCode);
        await WijzigAsync(h, StatusCatalogus.Wacht, "Wacht op het verslag.");

        var mails = await _smtp.WachtOpAsync(2);
        Assert.Equal($"Hulpvraag {h}: Wacht SCP", mails[1].Subject);
    }

    [Fact]
    public async Task OptOut_WrongToken_IsRefusedAndChangesNothing()
    {
        var antwoord = await _gw.Client.PostAsync(new Uri("/email/afmelden?adres=ib%40regenboog.nl&token=1.deadbeef", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadRequest, antwoord.StatusCode);
        Assert.Null(await _gw.Services.GetRequiredService<EmailStore>().AfmeldingAsync("ib@regenboog.nl", default));
    }

    [Fact]
    public async Task Personeelswissel_BeforeDelivery_MailGoesToTheNewContact()
    {
        await _smtp.StopAsync();
        var h = await MaakAsync("M-6");

        var wissel = await _gw.Client.PostAsJsonAsync(new Uri("/admin/v1/scholen/12AB/00/contactpersoon", UriKind.Relative),
            new { naam = "M. Özdemir", email = "nieuwe-ib@regenboog.nl", telefoon = "0107654321", vervangtEmail = "ib@regenboog.nl" });
        Assert.Equal(HttpStatusCode.OK, wissel.StatusCode);
        _smtp.Start();

        var mail = Assert.Single(await _smtp.WachtOpAsync(1));
        Assert.Equal("nieuwe-ib@regenboog.nl", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("Beste M. Özdemir,", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(await WachtOpToestandAsync(h, "afgeleverd"));
    }

    [Fact]
    public async Task Detail_AfterDelivery_ShowsRecipientStateAndAnswerButNoBody()
    {
        var h = await MaakAsync("M-7");
        await WachtOpToestandAsync(h, "afgeleverd");

        var antwoord = await _gw.Client.GetAsync(new Uri($"/admin/v1/hulpvragen/{h}/emails", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, antwoord.StatusCode);
        var json = await antwoord.Content.ReadAsStringAsync();
        var mail = Assert.Single(System.Text.Json.JsonSerializer.Deserialize<List<EmailOverzicht>>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!);
        Assert.Equal(("aanmelding", "afgeleverd", 1, "ib@regenboog.nl"), (mail.StatusCode, mail.Toestand, mail.Pogingen, mail.Ontvanger));
        Assert.StartsWith("SMTP 250: ", mail.LaatsteAntwoord, StringComparison.Ordinal);
        Assert.NotNull(mail.AfgeleverdOp);
        foreach (var verboden in new[] { "Wij hebben uw hulpvraag ontvangen", "Daan", "Berg", "payload" })
        {
            Assert.DoesNotContain(verboden, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Diagnose_School_ListsItsEmails()
    {
        var h = await MaakAsync("M-8");
        await WachtOpToestandAsync(h, "afgeleverd");

        var diagnose = await _gw.Client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/admin/v1/diagnose?brin=12AB00", UriKind.Relative));
        var anders = await _gw.Client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/admin/v1/diagnose?brin=12AB01", UriKind.Relative));

        var mail = Assert.Single(diagnose.GetProperty("emails").EnumerateArray());
        Assert.Equal(h, mail.GetProperty("dossiernummer").GetInt64());
        Assert.Equal("afgeleverd", mail.GetProperty("toestand").GetString());
        Assert.Empty(anders.GetProperty("emails").EnumerateArray());
    }

    [Theory]
    [InlineData("/admin/v1/emails?toestand=verstuurd", HttpStatusCode.UnprocessableEntity, "VELD_ONGELDIG")]
    [InlineData("/admin/v1/emails?brin=school", HttpStatusCode.UnprocessableEntity, "VELD_ONGELDIG")]
    [InlineData("/admin/v1/hulpvragen/999999/emails", HttpStatusCode.NotFound, "DOSSIER_ONBEKEND")]
    [InlineData("/admin/v1/emails/999999/opnieuw", HttpStatusCode.NotFound, "NIET_GEVONDEN")]
    [InlineData("/admin/v1/email-afmeldingen/geen-adres", HttpStatusCode.UnprocessableEntity, "VELD_ONGELDIG")]
    public async Task Admin_UnknownOrInvalid_IsRefusedWithACode(string pad, HttpStatusCode status, string code)
    {
        var uri = new Uri(pad, UriKind.Relative);
        var antwoord = pad.EndsWith("/opnieuw", StringComparison.Ordinal) ? await _gw.Client.PostAsync(uri, null) : await _gw.Client.GetAsync(uri);

        Assert.Equal(status, antwoord.StatusCode);
        Assert.Equal(code, (await antwoord.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString());
    }

    private sealed record AfmeldStandJson(string Adres, bool Afgemeld);

    private async Task<long> MaakAsync(string referentie)
    {
        var resultaat = await _gw.Services.GetRequiredService<IntakeService>().IndienenAsync(TestData.Aanvraag(referentie), default);
        return resultaat.Value!.Hulpvraag.Dossiernummer;
    }

    private async Task WijzigAsync(long dossiernummer, string status, string toelichting)
    {
        var resultaat = await _gw.Services.GetRequiredService<StatusService>().WijzigAsync(
            dossiernummer, new StatusWijzigingVerzoek(status, "SCP", toelichting, false, null), "test", default);
        Assert.True(resultaat.IsSuccess, resultaat.Code);
    }

    private Task<IReadOnlyList<EmailOverzicht>> EmailsAsync(long dossiernummer) =>
        _gw.Services.GetRequiredService<EmailStore>().ZoekAsync(null, dossiernummer, null, 100, default);

    private Task<IReadOnlyList<EmailOverzicht>> WachtOpToestandAsync(long dossiernummer, string toestand) =>
        WachtOpAsync(dossiernummer, r => r.Toestand == toestand);

    /// <summary>Waits (bounded) until the newest e-mail row of the hulpvraag satisfies the condition; returns the rows that do.</summary>
    private async Task<IReadOnlyList<EmailOverzicht>> WachtOpAsync(long dossiernummer, Func<EmailOverzicht, bool> voorwaarde)
    {
        for (var i = 0; i < 1200; i++)
        {
            var rijen = await EmailsAsync(dossiernummer);
            if (rijen.Count > 0 && voorwaarde(rijen[0]))
            {
                return rijen.Where(voorwaarde).ToList();
            }

            await Task.Delay(50);
        }

        Assert.Fail($"no e-mail of dossier {dossiernummer} reached the expected state: {string.Join(", ", (await EmailsAsync(dossiernummer)).Select(r => $"{r.Toestand}/{r.Pogingen}/{r.LaatsteFout}"))}");
        return [];
    }
}

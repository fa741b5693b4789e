using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Tests.Email;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using WireMock.Server;

namespace Hulpvraag.Gateway.Web.Tests.Infrastructure;

/// <summary>A person with an activated local account: what the browser types in.</summary>
public sealed record Persoon(string Email, string Wachtwoord, string TotpGeheim, string Rol);

[CollectionDefinition(Naam)]
public sealed class BeheerCollectie : ICollectionFixture<BeheerOmgeving>
{
    public const string Naam = "beheer";
}

/// <summary>
/// The real gateway on Kestrel (SQLite, or the target given), Debian's Chromium through Playwright, and a WireMock
/// stand-in for Esis's callback receiver. One per test collection; every test uses its own browser context,
/// people and hulpvragen, so tests do not see each other's sessions.
/// </summary>
public class BeheerOmgeving : IAsyncLifetime
{
    public const string Bootstrap = "bootstrap-sleutel-voor-de-beheer-tests-0123";
    private static int _teller;
    private readonly StorageTarget _target;
    private string _connectionString = "";
    private IDictionary<string, string?> _instellingen = new Dictionary<string, string?>();

    public BeheerOmgeving()
        : this(new SqliteTarget())
    {
    }

    protected BeheerOmgeving(StorageTarget target) => _target = target;

    public GatewayTestHost Host { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public WireMockServer Esis { get; } = WireMockServer.Start();

    /// <summary>Status e-mails to the contact person go here (a real SMTP server on loopback).</summary>
    public TestSmtpServer Smtp { get; } = new();

    public Uri Basis => Host.Client.BaseAddress!;

    /// <summary>The settings a CLI command needs to work on this gateway's store.</summary>
    public string[] CliOpslag => [$"--Storage:Provider={_target.Provider}", $"--ConnectionStrings:Gateway={_connectionString}",
        "--Esis:CodePepper=pepper-voor-de-beheer-tests-met-genoeg-tekens-0123456789", $"--Beheer:BasisUrl={Basis.ToString().TrimEnd('/')}"];

    public async Task InitializeAsync()
    {
        _connectionString = _target.NewConnectionString();
        var instellingen = new Dictionary<string, string?>
        {
            ["Admin:BootstrapKey"] = Bootstrap,
            ["Esis:CodePepper"] = "pepper-voor-de-beheer-tests-met-genoeg-tekens-0123456789",
            ["Callbacks:MinBackoff"] = "00:00:00.050",
            ["Callbacks:MaxBackoff"] = "00:00:00.200",
            ["Callbacks:PollInterval"] = "00:00:00.050",
            // The Esis stand-in (WireMock) listens on this machine: allowed here, never by default.
            ["Callbacks:ToegestaneNetwerken:0"] = "127.0.0.0/8",
            ["Callbacks:ToegestaneNetwerken:1"] = "::1/128",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Afzender"] = "Hulpvraag PPO Rotterdam <noreply@swv.example>",
            ["Email:BasisUrl"] = "http://127.0.0.1",
        };
        Smtp.Start();
        await VoorStartAsync(instellingen);
        _instellingen = instellingen;
        Host = await GatewayTestHost.StartAsync(_target, _connectionString, instellingen);
        await NaStartAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true });
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Host.DisposeAsync();
        Esis.Stop();
        Esis.Dispose();
        await Smtp.DisposeAsync();
        VerwijderSqlite(_connectionString);
    }

    /// <summary>A second gateway instance on the same database, as behind a load balancer; the caller disposes it.</summary>
    public Task<GatewayTestHost> TweedeInstantieAsync() => GatewayTestHost.StartAsync(_target, _connectionString, _instellingen);

    /// <summary>A variant adds its own settings (an OIDC provider's address) before the gateway starts.</summary>
    protected virtual Task VoorStartAsync(IDictionary<string, string?> instellingen) => Task.CompletedTask;

    protected virtual Task NaStartAsync() => Task.CompletedTask;

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public static string Uniek(string voorvoegsel) => $"{voorvoegsel}{Interlocked.Increment(ref _teller)}-{Environment.ProcessId % 1000}";

    /// <summary>A page of its own (own cookies), 1280 px wide, refusing to wait forever.</summary>
    public async Task<IPage> NieuwePaginaAsync(int breedte = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Basis.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = breedte, Height = 900 },
            Locale = "nl-NL",
            AcceptDownloads = true,
        });
        // The machine running the tests may be busy: a slow answer is not a failure, a wrong one is.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>Creates and activates an account through the service (the activation page has its own test).</summary>
    public async Task<Persoon> MaakPersoonAsync(string rol)
    {
        var service = Service<GebruikerService>();
        var email = $"{Uniek(rol)}@swv.example";
        var nieuw = await service.MaakAsync(email, $"Test {rol}", rol, "test", default);
        var token = Token(nieuw.Value!.ActivatieUrl);
        var activatie = await service.BeginActivatieAsync(token, default);
        var geheim = activatie.Value!.TotpGeheim;
        const string wachtwoord = "correct-paard-batterij-niet";
        var r = await service.ActiveerAsync(token, wachtwoord, wachtwoord, Code(geheim, DateTimeOffset.UtcNow), default);
        Assert.True(r.IsSuccess, r.Fouten.FirstOrDefault()?.Melding);
        return new Persoon(email, wachtwoord, geheim, rol);
    }

    /// <summary>Signs in through the form, with the code of the NEXT 30-second step (the current one may be spent).</summary>
    public async Task MeldAanAsync(IPage page, Persoon p)
    {
        await page.GotoAsync("/beheer/inloggen");
        await page.GetByLabel("E-mailadres").FillAsync(p.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(p.Wachtwoord);
        await page.GetByLabel("Code uit de authenticator-app").FillAsync(Code(p.TotpGeheim, DateTimeOffset.UtcNow.AddSeconds(30)));
        var aangemeld = page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/beheer");
        var geweigerd = page.GetByRole(AriaRole.Alert).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        if (await Task.WhenAny(aangemeld, geweigerd) == geweigerd && geweigerd.IsCompletedSuccessfully)
        {
            Assert.Fail($"Sign-in of {p.Email} refused: {await page.GetByRole(AriaRole.Alert).InnerTextAsync()}");
        }

        await aangemeld;
    }

    public async Task<(IPage Page, Persoon Persoon)> AangemeldAsync(string rol)
    {
        var persoon = await MaakPersoonAsync(rol);
        var page = await NieuwePaginaAsync();
        await MeldAanAsync(page, persoon);
        return (page, persoon);
    }

    public static string Code(string geheim, DateTimeOffset op) => new Totp(Base32Encoding.ToBytes(geheim)).ComputeTotp(op.UtcDateTime);

    public static string Token(string activatieUrl) => activatieUrl[(activatieUrl.LastIndexOf('/') + 1)..];

    /// <summary>Registers a school's Esis code through the admin API; returns the callback secret.</summary>
    public async Task<string> RegistreerEsisAsync(string code, string brin, string vestiging = "00", string? callbackUrl = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/esis/registraties")
        {
            Content = JsonContent.Create(new { brin, vestiging, omgeving = "test", verificatiecode = code, callbackUrl = callbackUrl ?? Esis.Url + "/swv", contactEmail = "ib@school.example" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bootstrap);
        using var response = await Host.Client.SendAsync(request);
        var tekst = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, tekst);
        return JsonDocument.Parse(tekst).RootElement.GetProperty("callbackSecret").GetString()!;
    }

    /// <summary>A school's Esis push of a new hulpvraag; returns its dossiernummer.</summary>
    public async Task<long> EsisAanvraagAsync(string code, string aanvraagId, string brin, string vestiging = "00",
        string titel = "Ambulante Begeleiding", string achternaam = "Berg", byte[]? pdf = null)
    {
        var body = new JsonObject
        {
            ["samenwerkingsverband"] = "PO2806",
            ["school"] = new JsonObject { ["brin"] = brin, ["vestiging"] = vestiging, ["naam"] = "OBS De Regenboog" },
            ["contactpersoon"] = new JsonObject { ["naam"] = "J. de Vries", ["email"] = "ib@regenboog.nl", ["telefoon"] = "0101234567" },
            ["korteOmschrijving"] = titel,
            ["zorgvraag"] = "Op het gebied van gedrag en werkhouding; de leerling loopt vast in de klas.",
            ["oppToevoegen"] = false,
            ["niveau"] = "leerling",
            ["leerling"] = new JsonObject
            {
                ["leerlingId"] = Uniek("L"), ["roepnaam"] = "Daan", ["voornamen"] = "Daan Pieter", ["tussenvoegsel"] = "van de",
                ["achternaam"] = achternaam, ["geboortedatum"] = "2017-03-17", ["geslacht"] = "man", ["groep"] = "5",
            },
            ["bijlagen"] = pdf is null ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["bestandsnaam"] = "Toetsoverzicht groep 5.pdf",
                ["omschrijving"] = "Toetsoverzicht voor ouders",
                ["categorie"] = "toetsgegevens",
                ["contentType"] = "application/pdf",
                ["inhoud"] = Convert.ToBase64String(pdf),
            }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/esis/v1/aanvragen/{aanvraagId}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Esis-Verificatiecode", code);
        using var response = await Host.Client.SendAsync(request);
        var tekst = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, tekst);
        return JsonDocument.Parse(tekst).RootElement.GetProperty("dossiernummer").GetInt64();
    }

    /// <summary>A GET of an Esis aanvraag with the given code: what a school's Esis does when it checks; only the status counts.</summary>
    public async Task<System.Net.HttpStatusCode> EsisPogingAsync(string code, string brin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/esis/v1/aanvragen/bestaat-niet-{brin}");
        request.Headers.TryAddWithoutValidation("X-Esis-Verificatiecode", code);
        using var response = await Host.Client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A fresh school: its own BRIN (so tests never share hulpvragen), a registered code, a hulpvraag.</summary>
    public async Task<(string Brin, string Code, long Dossier)> SchoolMetHulpvraagAsync(byte[]? pdf = null, string achternaam = "Berg")
    {
        var n = Interlocked.Increment(ref _teller);
        var brin = $"{n % 100:00}{(char)('A' + (n / 100 % 26))}{(char)('A' + (Environment.ProcessId % 26))}";
        var code = $"{brin}00-regenboog-2026-x{n}";
        await RegistreerEsisAsync(code, brin);
        var dossier = await EsisAanvraagAsync(code, Uniek("E-"), brin, achternaam: achternaam, pdf: pdf);
        return (brin, code, dossier);
    }

    /// <summary>axe on the current page: no serious or critical violation (WCAG 2.1 AA rules included).</summary>
    public static async Task ToegankelijkAsync(IPage page)
    {
        var resultaat = await page.RunAxe();
        var ernstig = resultaat.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(ernstig.Count == 0, $"{page.Url}: " + string.Join("; ", ernstig.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    /// <summary>With GATEWAY_SCREENSHOTS=1 the page is saved at 1280 px into docs/screenshots/ of the repository.</summary>
    public static async Task ScreenshotAsync(IPage page, string naam)
    {
        if (Environment.GetEnvironmentVariable("GATEWAY_SCREENSHOTS") != "1")
        {
            return;
        }

        var map = AppContext.BaseDirectory;
        while (map is not null && !File.Exists(Path.Combine(map, "Gateway.sln")))
        {
            map = Path.GetDirectoryName(map);
        }

        Assert.NotNull(map);
        var doel = Path.Combine(map, "docs", "screenshots");
        Directory.CreateDirectory(doel);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(doel, naam + ".png"), FullPage = true });
    }

    private static void VerwijderSqlite(string connectionString)
    {
        const string sleutel = "Data Source=";
        if (!connectionString.StartsWith(sleutel, StringComparison.Ordinal))
        {
            return;
        }

        var map = Path.GetDirectoryName(connectionString[sleutel.Length..]);
        if (map is not null && Directory.Exists(map))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(map, recursive: true);
            var ouder = Path.GetDirectoryName(map);
            if (ouder is not null && Directory.Exists(ouder) && !Directory.EnumerateFileSystemEntries(ouder).Any())
            {
                Directory.Delete(ouder);
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Hulpvraag.Gateway.Beheer;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

// aanmeld-kosten [rounds]: failed sign-ins through GebruikerService (the code behind the /beheer sign-in form) on a
// real SQLite store, alternating an unknown e-mail address with a known, active account and a wrong password. Each
// known account is used for fewer attempts than the lockout needs, so every known attempt takes the same path (hash,
// failure count and audit entry written). Prints wall time and process CPU per attempt (median, p95) for both.
var rondes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
var target = new SqliteTarget();
await using var services = await target.CreateServicesAsync(target.NewConnectionString(), configure: s =>
    s.AddBeheerAccounts(new ConfigurationBuilder().Build()));
var service = services.GetRequiredService<GebruikerService>();

const string wachtwoord = "correct-paard-batterij-niet";
var accounts = new List<string>();
for (var i = 0; i < (rondes / (GebruikerService.MaxMislukt - 1)) + 1; i++)
{
    var email = $"bench-{i}@swv.example";
    var nieuw = await service.MaakAsync(email, "Bench", "helpdesk", "bench", default);
    var token = nieuw.Value!.ActivatieUrl[(nieuw.Value.ActivatieUrl.LastIndexOf('/') + 1)..];
    var geheim = (await service.BeginActivatieAsync(token, default)).Value!.TotpGeheim;
    var code = new Totp(Base32Encoding.ToBytes(geheim)).ComputeTotp(DateTime.UtcNow);
    var actief = await service.ActiveerAsync(token, wachtwoord, wachtwoord, code, default);
    if (!actief.IsSuccess)
    {
        throw new InvalidOperationException(actief.Fouten[0].Melding);
    }

    accounts.Add(email);
}

// Warm-up: JIT, the dummy hash, the connection pool.
await service.MeldAanAsync("warm@swv.example", "fout", "000000", null, default);

var bekend = new List<(double Wall, double Cpu)>();
var onbekend = new List<(double Wall, double Cpu)>();
var proces = Process.GetCurrentProcess();
for (var i = 0; i < rondes; i++)
{
    onbekend.Add(await MeetAsync(() => service.MeldAanAsync($"niemand-{i}@swv.example", "onjuist-wachtwoord", "000000", "192.0.2.1", default)));
    bekend.Add(await MeetAsync(() => service.MeldAanAsync(accounts[i / (GebruikerService.MaxMislukt - 1)], "onjuist-wachtwoord", "000000", "192.0.2.1", default)));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"failed sign-ins, {rondes} each, SQLite, PBKDF2-HMAC-SHA256 as WachtwoordHasher"));
Druk("known address, wrong password", bekend);
Druk("unknown address", onbekend);
var verschil = Mediaan(bekend.Select(b => b.Cpu)) - Mediaan(onbekend.Select(o => o.Cpu));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median CPU difference known − unknown: {verschil:0.00} ms"));
return 0;

async Task<(double Wall, double Cpu)> MeetAsync(Func<Task> poging)
{
    proces.Refresh();
    var cpu = proces.TotalProcessorTime;
    var wall = Stopwatch.GetTimestamp();
    await poging();
    var wallMs = Stopwatch.GetElapsedTime(wall).TotalMilliseconds;
    proces.Refresh();
    return (wallMs, (proces.TotalProcessorTime - cpu).TotalMilliseconds);
}

static void Druk(string naam, List<(double Wall, double Cpu)> metingen) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{naam,-32} wall median {Mediaan(metingen.Select(m => m.Wall)),6:0.0} ms p95 {P95(metingen.Select(m => m.Wall)),6:0.0} ms | CPU median {Mediaan(metingen.Select(m => m.Cpu)),6:0.0} ms p95 {P95(metingen.Select(m => m.Cpu)),6:0.0} ms"));

static double Mediaan(IEnumerable<double> w)
{
    var s = w.Order().ToArray();
    return s[s.Length / 2];
}

static double P95(IEnumerable<double> w)
{
    var s = w.Order().ToArray();
    return s[Math.Min(s.Length - 1, (int)Math.Ceiling(0.95 * s.Length) - 1)];
}

// Load for bench/callbacks/callbacks-bench.sh (loopback only).
//   status-load create URL CODE COUNT [BRIN6]    PUT COUNT new Esis aanvragen B-1..B-COUNT (16 at a time) for school
//                                                BRIN6 (default 12AB00)
//   status-load status URL ADMINKEY FIRST LAST RATE SECONDS
//       POST /admin/v1/hulpvragen/{n}/status at RATE per second for SECONDS, dossiers FIRST..LAST in turn, each a
//       real status change (in-behandeling with a new toelichting), i.e. one callback row per request.
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

var modus = args.Length > 0 ? args[0] : "";
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(30) };
return modus switch
{
    "create" when args.Length is 4 or 5 => await MaakAsync(http, args[1], args[2], int.Parse(args[3]), args.Length == 5 ? args[4] : "12AB00"),
    "status" when args.Length == 7 => await StatusAsync(http, args[1], args[2], long.Parse(args[3]), long.Parse(args[4]), int.Parse(args[5]), int.Parse(args[6])),
    _ => Gebruik(),
};

static int Gebruik()
{
    Console.Error.WriteLine("usage: status-load create URL CODE COUNT [BRIN6] | status URL ADMINKEY FIRST LAST RATE SECONDS");
    return 1;
}

static async Task<int> MaakAsync(HttpClient http, string url, string code, int aantal, string brin6)
{
    var body = $$$"""
        {"samenwerkingsverband":"PO2806","school":{"brin":"{{{brin6[..4]}}}","vestiging":"{{{brin6[4..]}}}","naam":"OBS De Regenboog"},
        "contactpersoon":{"naam":"J. de Vries","email":"ib@regenboog.nl","telefoon":"0101234567"},
        "korteOmschrijving":"Ambulante Begeleiding","zorgvraag":"Op het gebied van gedrag","oppToevoegen":false,"niveau":"leerling",
        "leerling":{"leerlingId":"E-778","roepnaam":"Daan","voornamen":"Daan Pieter","tussenvoegsel":"van de","achternaam":"Berg",
        "geboortedatum":"2017-03-17","geslacht":"man","groep":"5"}}
        """;
    var fouten = 0;
    var volgende = 0;
    var klok = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref volgende)) <= aantal)
        {
            using var verzoek = new HttpRequestMessage(HttpMethod.Put, $"{url}/esis/v1/aanvragen/B-{i}")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            verzoek.Headers.Add("X-Esis-Verificatiecode", code);
            using var antwoord = await http.SendAsync(verzoek);
            if (!antwoord.IsSuccessStatusCode)
            {
                if (Interlocked.Increment(ref fouten) <= 3)
                {
                    Console.Error.WriteLine($"B-{i}: {(int)antwoord.StatusCode} {await antwoord.Content.ReadAsStringAsync()}");
                }
            }
        }
    }));
    Console.WriteLine($"created {aantal - fouten} of {aantal} hulpvragen in {klok.Elapsed.TotalSeconds:0.0} s");
    return fouten == 0 ? 0 : 2;
}

static async Task<int> StatusAsync(HttpClient http, string url, string sleutel, long eerste, long laatste, int perSeconde, int seconden)
{
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sleutel);
    var totaal = perSeconde * seconden;
    var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds(); // a new toelichting every run: the same one again would be "no change" (422)
    var duur = new double[totaal];
    var codes = new int[600];
    var achter = 0L;
    var klok = Stopwatch.StartNew();
    var taken = new List<Task>(totaal);
    using var maxInVlucht = new SemaphoreSlim(256);
    for (var i = 0; i < totaal; i++)
    {
        // Open loop: request i is due at i / rate, whatever the answers do; a late start is counted, never skipped.
        var gepland = TimeSpan.FromSeconds((double)i / perSeconde);
        var wacht = gepland - klok.Elapsed;
        if (wacht > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wacht);
        }
        else if (wacht < TimeSpan.FromMilliseconds(-100))
        {
            achter++;
        }

        await maxInVlucht.WaitAsync();
        var n = eerste + (i % (laatste - eerste + 1));
        var index = i;
        taken.Add(Task.Run(async () =>
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var inhoud = new StringContent($$"""{"status":"in-behandeling","toelichting":"run {{run}} stap {{index}}"}""", Encoding.UTF8, "application/json");
                using var antwoord = await http.PostAsync($"{url}/admin/v1/hulpvragen/{n}/status", inhoud);
                Interlocked.Increment(ref codes[(int)antwoord.StatusCode]);
                if (!antwoord.IsSuccessStatusCode && codes[(int)antwoord.StatusCode] <= 3)
                {
                    Console.Error.WriteLine($"{n}: {(int)antwoord.StatusCode} {await antwoord.Content.ReadAsStringAsync()}");
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref codes[0]);
            }
            finally
            {
                duur[index] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                maxInVlucht.Release();
            }
        }));
    }

    await Task.WhenAll(taken);
    var verstreken = klok.Elapsed.TotalSeconds;
    Array.Sort(duur);
    var verdeling = string.Join(", ", codes.Select((c, code) => (c, code)).Where(x => x.c > 0).Select(x => $"{(x.code == 0 ? "error" : x.code.ToString())}: {x.c}"));
    Console.WriteLine($"sent {totaal} status changes in {verstreken:0.0} s = {totaal / verstreken:0.0}/s (target {perSeconde}/s; {achter} started >100 ms late); {verdeling}");
    Console.WriteLine($"latency p50 {P(duur, 0.50):0.0} ms, p95 {P(duur, 0.95):0.0} ms, p99 {P(duur, 0.99):0.0} ms, max {duur[^1]:0.0} ms");
    return codes[200] == totaal ? 0 : 2;
}

static double P(double[] gesorteerd, double p) => gesorteerd[Math.Min(gesorteerd.Length - 1, (int)(p * gesorteerd.Length))];

// OSO load tool for bench/oso/oso-bench.sh (loopback only). Not part of Gateway.sln.
//   oso-load pki <dir>                         throw-away PKI: root.pem, supplier.pfx (OIN 00000099000000001234),
//                                              gateway.pfx (OIN 00000099000000002806), password "bench"
//   oso-load sign <dir> <count> <out-dir> [ttl-seconds]
//                                              <count> distinct signed notificatieRequests as out-dir/000001.xml ...,
//                                              signed by the supplier, Timestamp Expires = Created + ttl (default 3600)
//   oso-load endpoint <dir> <port> <attachment-bytes>
//                                              the school's ParnasSys OSO endpoint on 127.0.0.1:<port>, path /oso:
//                                              documentRequest -> signed documentResponse (swvAanvraag + OSO 2019
//                                              dossier with one opp document: a ZIP of one PDF of <attachment-bytes>);
//                                              terugkoppelingRequest -> signed terugkoppelingResponse.
//                                              GET /stats (counters, JSON); POST /size/{bytes} changes the attachment size.
//   oso-load send <dir> <rate> <seconds> <url> open loop: rate x seconds pre-signed messages from <dir>, each once,
//                                              request i due at i/rate whatever the answers do; latency percentiles
//   oso-load one <dir> <url>                   signs one new notificatie now, POSTs it, prints "<status> <koppelsleutel>"
//   oso-load cpuparts <dir> <count>            one thread: the gateway's verification of a notificatie and its signing
//                                              of the notificatieResponse, <count> times each after a warm-up
//   oso-load memstep <dir> <message-file> none|dom|signedxml|verifier|mapped
//                                              one step on a saved documentResponse, for a peak-live search with
//                                              DOTNET_GCHeapHardLimit (bench/oso/oso-bench.sh, phase breakdown)
//   oso-load memparts <dir> <attachment-bytes> [save-file] the steps of verifying and mapping one pulled documentResponse, each
//                                              with the managed memory it allocates / holds (in this process)
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Formats.Asn1;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Text.Json;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Contract;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Gateway.Tests.Infrastructure.Oso;

const string SupplierOin = "00000099000000001234";
const string GatewayOin = "00000099000000002806";
const string Password = "bench";
const string DossierNs = OsoTestBerichten.DossierNs;
const string Wsa = "http://www.w3.org/2005/08/addressing";

var mode = args.Length > 0 ? args[0] : "";
return mode switch
{
    "pki" when args.Length == 2 => Pki(args[1]),
    "sign" when args.Length is 4 or 5 => Sign(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3],
        args.Length == 5 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3600),
    "endpoint" when args.Length == 4 => await EndpointAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), long.Parse(args[3], CultureInfo.InvariantCulture)),
    "send" when args.Length == 5 => await SendAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), args[4]),
    "one" when args.Length == 3 => await OneAsync(args[1], args[2]),
    "memparts" when args.Length is 3 or 4 => await MemPartsAsync(args[1], long.Parse(args[2], CultureInfo.InvariantCulture), args.Length == 4 ? args[3] : null),
    "cpuparts" when args.Length == 3 => await CpuPartsAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    "memstep" when args.Length == 4 => await MemStepAsync(args[1], args[2], args[3]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: oso-load pki DIR | sign DIR COUNT OUTDIR [TTL] | endpoint DIR PORT BYTES | send DIR RATE SECONDS URL | one DIR URL | memparts DIR BYTES");
    return 1;
}

// ---------------------------------------------------------------- pki

static int Pki(string dir)
{
    Directory.CreateDirectory(dir);
    var now = DateTimeOffset.UtcNow;
    using var root = OsoTestBerichten.Root("OSO Bench Root", now);
    File.WriteAllText(Path.Combine(dir, "root.pem"), root.ExportCertificatePem());
    File.WriteAllBytes(Path.Combine(dir, "supplier.pfx"), OsoTestBerichten.Certificaat(root, "leverancier.bench", SupplierOin, now).Export(X509ContentType.Pkcs12, Password));
    File.WriteAllBytes(Path.Combine(dir, "gateway.pfx"), OsoTestBerichten.Certificaat(root, "gateway.bench", GatewayOin, now).Export(X509ContentType.Pkcs12, Password));
    Console.WriteLine($"pki in {dir}: root.pem, supplier.pfx ({SupplierOin}), gateway.pfx ({GatewayOin}), password '{Password}'");
    return 0;
}

static X509Certificate2 Supplier(string dir) =>
    X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(dir, "supplier.pfx"), Password, X509KeyStorageFlags.EphemeralKeySet);

// ---------------------------------------------------------------- sign

static byte[] Notificatie(WsSecuritySigner signer, out string koppelsleutel) =>
    OsoTestBerichten.Notificatie(signer, GatewayOin, SupplierOin, "12AB", "0000000700012AB00001", out koppelsleutel);

static int Sign(string dir, int count, string outDir, int ttlSeconds)
{
    Directory.CreateDirectory(outDir);
    using var certificate = Supplier(dir);
    var clock = Stopwatch.StartNew();
    long bytes = 0;
    Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
        () => new WsSecuritySigner(certificate, TimeProvider.System, TimeSpan.FromSeconds(ttlSeconds)),
        (i, state, signer) =>
        {
            var message = Notificatie(signer, out _);
            File.WriteAllBytes(Path.Combine(outDir, (i + 1).ToString("D6", CultureInfo.InvariantCulture) + ".xml"), message);
            Interlocked.Add(ref bytes, message.Length);
            return signer;
        },
        _ => { });
    Console.WriteLine($"signed {count} notificaties into {outDir} in {clock.Elapsed.TotalSeconds:0.0} s " +
        $"({clock.Elapsed.TotalMilliseconds * Environment.ProcessorCount / count:0.00} ms per message per core, {bytes / count} bytes each, valid {ttlSeconds} s)");
    return 0;
}

// ---------------------------------------------------------------- endpoint (the school's ParnasSys)

static async Task<int> EndpointAsync(string dir, int port, long attachmentBytes)
{
    var certificate = Supplier(dir);
    var signer = new WsSecuritySigner(certificate, TimeProvider.System);
    var size = attachmentBytes;
    var counters = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.ConfigureKestrel(k =>
    {
        k.Listen(IPAddress.Loopback, port);
        k.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
    });
    var app = builder.Build();
    app.MapGet("/stats", () => Results.Text(JsonSerializer.Serialize(counters.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => kv.Value)), "application/json"));
    app.MapPost("/size/{bytes:long}", (long bytes) =>
    {
        Interlocked.Exchange(ref size, bytes);
        return Results.Text($"attachment size {bytes}\n");
    });
    app.MapPost("/oso", async (HttpContext http) =>
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        buffer.Position = 0;
        var request = new XmlDocument { XmlResolver = null, PreserveWhitespace = true };
        using (var reader = XmlReader.Create(buffer, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            request.Load(reader);
        }

        var action = Text(request, "Action", Wsa) ?? "";
        var messageId = Text(request, "MessageID", Wsa) ?? "";
        var koppelsleutel = Text(request, "koppelsleutel", OsoNamespaces.Oso) ?? Guid.NewGuid().ToString();
        byte[] answer;
        if (action == OsoNamespaces.Action("documentRequest"))
        {
            counters.AddOrUpdate("documentRequest", 1, (_, n) => n + 1);
            var clock = Stopwatch.StartNew();
            answer = signer.Sign(DocumentResponse(koppelsleutel, Interlocked.Read(ref size)),
                Response("documentResponse", messageId));
            counters.AddOrUpdate("documentResponseBytes", answer.Length, (_, n) => n + answer.Length);
            counters.AddOrUpdate("documentResponseBuildMs", (long)clock.Elapsed.TotalMilliseconds, (_, n) => n + (long)clock.Elapsed.TotalMilliseconds);
        }
        else if (action == OsoNamespaces.Action("terugkoppelingRequest"))
        {
            var resultaat = Text(request, "resultaat", OsoNamespaces.Gateway) ?? "?";
            var foutcode = Text(request, "foutcode", OsoNamespaces.Gateway);
            counters.AddOrUpdate("terugkoppeling:" + resultaat + (string.IsNullOrEmpty(foutcode) ? "" : ":" + foutcode), 1, (_, n) => n + 1);
            if (resultaat == "Geweigerd" && counters.GetOrAdd("geweigerdGelogd", 0) < 3)
            {
                counters.AddOrUpdate("geweigerdGelogd", 1, (_, n) => n + 1);
                Console.Error.WriteLine($"Geweigerd {koppelsleutel}: {foutcode} {Text(request, "toelichting", OsoNamespaces.Gateway)}");
            }

            answer = signer.Sign(SoapFouten.OsoElement("terugkoppelingResponse"), Response("terugkoppelingResponse", messageId));
        }
        else
        {
            counters.AddOrUpdate("onbekend", 1, (_, n) => n + 1);
            http.Response.StatusCode = 400;
            return;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/xml; charset=utf-8";
        http.Response.ContentLength = answer.Length;
        await http.Response.Body.WriteAsync(answer);
    });
    Console.WriteLine($"fake ParnasSys endpoint on http://127.0.0.1:{port}/oso, attachment {attachmentBytes} bytes");
    await app.RunAsync();
    return 0;
}

static OutboundAddressing Response(string element, string relatesTo) =>
    new($"{WsNamespaces.AnonymousAddress}?oin={GatewayOin}", OsoNamespaces.Action(element), "uuid:" + Guid.NewGuid(), SupplierOin)
    {
        RelatesTo = relatesTo,
    };

static string? Text(XmlDocument doc, string localName, string ns) =>
    doc.GetElementsByTagName(localName, ns).OfType<XmlElement>().FirstOrDefault()?.InnerText;

static XmlElement DocumentResponse(string koppelsleutel, long attachmentBytes) =>
    OsoTestBerichten.DocumentResponse(koppelsleutel, "12AB", "Benchschool", "Einddatum oude TLV 31-07-2026, nummer 55667788", attachmentBytes);

// ---------------------------------------------------------------- send (open loop, fixed rate)

static async Task<int> SendAsync(string dir, int rate, int seconds, string url)
{
    var total = rate * seconds;
    var files = Directory.GetFiles(dir, "*.xml").Order(StringComparer.Ordinal).ToArray();
    if (files.Length < total)
    {
        Console.Error.WriteLine($"{dir} holds {files.Length} messages; {total} needed (each is sent once)");
        return 1;
    }

    var bodies = files.Take(total).Select(File.ReadAllBytes).ToArray();
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
    var fromPlan = new double[total];
    var service = new double[total];
    var codes = new int[600];
    var late = 0;
    var maxInFlight = 0;
    var inFlight = 0;
    var tasks = new Task[total];
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < total; i++)
    {
        // Open loop: request i is due at i / rate, whatever the answers do; a late start is counted, never skipped,
        // and its latency is measured from when it was due (no coordinated omission).
        var due = (double)i / rate;
        var wait = due - clock.Elapsed.TotalSeconds;
        if (wait > 0.001)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait));
        }
        else if (wait < -0.010)
        {
            late++;
        }

        var index = i;
        tasks[i] = SendOneAsync(index, due);
    }

    await Task.WhenAll(tasks);
    var elapsed = clock.Elapsed.TotalSeconds;
    Array.Sort(fromPlan);
    Array.Sort(service);
    var distribution = string.Join(", ", codes.Select((c, code) => (c, code)).Where(x => x.c > 0).Select(x => $"{(x.code == 0 ? "error" : x.code.ToString(CultureInfo.InvariantCulture))}: {x.c}"));
    Console.WriteLine($"sent {total} notificaties in {elapsed:0.0} s = {total / elapsed:0.0}/s (target {rate}/s; {late} started >10 ms late; max in flight {maxInFlight}); {distribution}");
    Console.WriteLine($"non-200: {total - codes[200]}");
    Console.WriteLine($"latency from due time: p50 {P(fromPlan, 0.50):0.0} ms, p90 {P(fromPlan, 0.90):0.0} ms, p99 {P(fromPlan, 0.99):0.0} ms, p99.9 {P(fromPlan, 0.999):0.0} ms, max {fromPlan[^1]:0.0} ms");
    Console.WriteLine($"latency from send:     p50 {P(service, 0.50):0.0} ms, p90 {P(service, 0.90):0.0} ms, p99 {P(service, 0.99):0.0} ms, p99.9 {P(service, 0.999):0.0} ms, max {service[^1]:0.0} ms");
    return codes[200] == total ? 0 : 2;

    async Task SendOneAsync(int index, double due)
    {
        var n = Interlocked.Increment(ref inFlight);
        InterlockedMax(ref maxInFlight, n);
        var start = clock.Elapsed.TotalSeconds;
        try
        {
            using var content = new ByteArrayContent(bodies[index]);
            content.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            request.Headers.TryAddWithoutValidation("SOAPAction", "\"\"");
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var code = (int)response.StatusCode;
            if (Interlocked.Increment(ref codes[code]) <= 3 && code != 200)
            {
                Console.Error.WriteLine($"message {index + 1}: {code} {Encoding.UTF8.GetString(body)[..Math.Min(400, body.Length)]}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            if (Interlocked.Increment(ref codes[0]) <= 3)
            {
                Console.Error.WriteLine($"message {index + 1}: {e.Message}");
            }
        }
        finally
        {
            var end = clock.Elapsed.TotalSeconds;
            fromPlan[index] = (end - due) * 1000;
            service[index] = (end - start) * 1000;
            Interlocked.Decrement(ref inFlight);
        }
    }
}

static void InterlockedMax(ref int target, int value)
{
    int current;
    while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
    {
    }
}

static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

// ---------------------------------------------------------------- one

static async Task<int> OneAsync(string dir, string url)
{
    using var certificate = Supplier(dir);
    var message = Notificatie(new WsSecuritySigner(certificate, TimeProvider.System), out var koppelsleutel);
    using var http = new HttpClient();
    using var content = new ByteArrayContent(message);
    content.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };
    using var response = await http.PostAsync(url, content);
    Console.WriteLine($"{(int)response.StatusCode} {koppelsleutel}");
    if (!response.IsSuccessStatusCode)
    {
        Console.Error.WriteLine(await response.Content.ReadAsStringAsync());
    }

    return response.IsSuccessStatusCode ? 0 : 2;
}

// ---------------------------------------------------------------- memparts

/// <summary>
/// Repeats, in this process, the steps the gateway takes with one pulled documentResponse, so the gateway's peak
/// RSS can be split up: each step's allocated bytes (GC.GetAllocatedBytesForCurrentThread) and the managed heap it
/// leaves live. Not the gateway itself: an estimate of where its memory goes.
/// </summary>
static async Task<int> MemPartsAsync(string dir, long attachmentBytes, string? save)
{
    using var certificate = Supplier(dir);
    var signer = new WsSecuritySigner(certificate, TimeProvider.System);
    var message = signer.Sign(DocumentResponse(Guid.NewGuid().ToString().ToUpperInvariant(), attachmentBytes), Response("documentResponse", "uuid:x"));
    if (save is not null)
    {
        File.WriteAllBytes(save, message);
        Console.WriteLine($"saved {message.Length} bytes to {save}");
        return 0;
    }

    var key = certificate.GetRSAPublicKey()!;
    Console.WriteLine($"documentResponse: {message.Length / 1048576.0:0.0} MiB signed message, attachment {attachmentBytes / 1048576.0:0.0} MiB");
    Console.WriteLine($"{"step",-72} {"allocated",10} {"live after",10}");
    Console.WriteLine($"{"(before: the signed message held once)",-72} {"",10} {GC.GetTotalMemory(true) / 1048576.0,8:0.0} MB");

    void Step(string name, Action action)
    {
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        GC.WaitForPendingFinalizers();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var live = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"{name,-72} {allocated / 1048576.0,8:0.0} MB {live / 1048576.0,8:0.0} MB");
    }

    byte[]? copy = null;
    Step("response body as byte[] (ReadAsByteArrayAsync)", () => copy = (byte[])message.Clone());
    Step("UTF-8 check + streaming preflight XmlReader pass (whole text read)", () =>
    {
        System.Text.Unicode.Utf8.IsValid(copy);
        using var reader = XmlReader.Create(new MemoryStream(copy!), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        while (reader.Read())
        {
        }
    });
    XmlDocument? doc = null;
    Step("XmlDocument DOM (PreserveWhitespace)", () =>
    {
        doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(copy!), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        doc.Load(reader);
    });
    var ids = new Dictionary<string, XmlElement>(StringComparer.Ordinal);
    foreach (var e in doc!.SelectNodes("//*[@*[local-name()='Id']]")!.OfType<XmlElement>())
    {
        ids[e.GetAttribute("Id", WsNamespaces.Wsu)] = e;
    }

    var signature = (XmlElement)doc.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!;
    var ok = false;
    Step("SignedXml.CheckSignature (exc-c14n + SHA-256 of Body and the headers)", () =>
    {
        var signed = new IdSignedXml(signature, ids);
        signed.LoadXml(signature);
        ok = signed.CheckSignature(key);
    });
    Console.WriteLine($"  (signature valid: {ok})");
    var body = (XmlElement)doc.GetElementsByTagName("Body", OsoNamespaces.Soap)[0]!;
    var text = ((XmlElement)body.GetElementsByTagName("bestandsinhoud", DossierNs)[0]!).InnerText;
    Step("bestandsinhoud as one string (XmlNodeReader / InnerText of the text node)", () => text = ((XmlElement)body.GetElementsByTagName("bestandsinhoud", DossierNs)[0]!).InnerText);
    Step("reading the body through XmlNodeReader.ReadContentAsBase64 in 12 KiB chunks", () =>
    {
        using var reader = new XmlNodeReader(body);
        var buffer = new byte[12 * 1024];
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "bestandsinhoud")
            {
                while (reader.ReadElementContentAsBase64(buffer, 0, buffer.Length) > 0)
                {
                }

                break;
            }
        }
    });
    Step("Convert.FromBase64String of the attachment (a non-streaming decode)", () => Convert.FromBase64String(text));
    text = null!;
    doc = null;
    signature = null!;
    body = null!;
    ids.Clear();
    Console.WriteLine("the gateway's own code on a fresh copy of the message:");
    var anchors = new X509Certificate2Collection();
    anchors.ImportFromPemFile(Path.Combine(dir, "root.pem"));
    var verifier = new WsSecurityVerifier(new WsSecurityVerifierOptions
    {
        TrustPolicy = new ChainTrustPolicy(anchors),
        MaxMessageBytes = OsoSleutels.MaxOpgehaald,
        MaxElements = 200_000,
    }, new NieuwReplay(), TimeProvider.System);
    VerifiedMessage? verified = null;
    Step("WsSecurityVerifier.VerifyAsync (as OsoSleutels.Opgehaald), result kept", () =>
    {
        var result = verifier.VerifyAsync((byte[])message.Clone(), default).AsTask().GetAwaiter().GetResult();
        verified = result.Message;
        if (!result.IsSuccess)
        {
            Console.WriteLine("  refused: " + result);
        }
    });
    var responseBody = verified!.Body.ChildNodes.OfType<XmlElement>().Single();
    Step("OsoContract.Valideer(documentResponse)", () => Console.Write(OsoContract.Valideer(responseBody) is { } f ? "  schema: " + f.Melding + "\n" : ""));
    Step("OsoDossierMapper.MapAsync(XmlNodeReader(body)), temp-file staging", () =>
    {
        using var reader = new XmlNodeReader(responseBody);
        var mapped = new Hulpvraag.Adapters.ParnasSys.Mapping.OsoDossierMapper(new TempStaging())
            .MapAsync(reader, new("12AB", "0000000700012AB00001", Guid.NewGuid().ToString().ToUpperInvariant()), default).GetAwaiter().GetResult();
        Console.Write(mapped.IsSuccess ? "" : "  mapping refused: " + string.Join(" ", mapped.Fouten.Select(f => f.Melding)) + "\n");
        mapped.Value?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    });
    GC.KeepAlive(copy);
    GC.KeepAlive(verified);
    Console.WriteLine($"process RSS now {Environment.WorkingSet / 1048576.0:0.0} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0} MB");
    await Task.CompletedTask;
    return 0;
}

static async Task<int> CpuPartsAsync(string dir, int count)
{
    using var supplier = Supplier(dir);
    using var gateway = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(dir, "gateway.pfx"), Password, X509KeyStorageFlags.EphemeralKeySet);
    var signer = new WsSecuritySigner(supplier, TimeProvider.System);
    var messages = Enumerable.Range(0, count + 500).Select(n => Notificatie(signer, out var k)).ToArray();
    var anchors = new X509Certificate2Collection();
    anchors.ImportFromPemFile(Path.Combine(dir, "root.pem"));
    var verifier = new WsSecurityVerifier(new WsSecurityVerifierOptions
    {
        TrustPolicy = new ChainTrustPolicy(anchors),
        ExpectedRecipientOin = GatewayOin,
    }, new NieuwReplay(), TimeProvider.System);
    var gatewaySigner = new WsSecuritySigner(gateway, TimeProvider.System);
    double Time(Func<int, object?> action)
    {
        for (var i = 0; i < 500; i++)
        {
            action(count + i);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < count; i++)
        {
            action(i);
        }

        return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / count;
    }

    var verify = Time(i =>
    {
        var r = verifier.VerifyAsync(messages[i], default).AsTask().GetAwaiter().GetResult();
        return r.IsSuccess ? r : throw new InvalidOperationException(r.ToString());
    });
    var sign = Time(_ => gatewaySigner.Sign(SoapFouten.OsoElement("notificatieResponse", ("resultaat", "NotificatieOntvangen")),
        new OutboundAddressing($"{WsNamespaces.AnonymousAddress}?oin={SupplierOin}", OsoNamespaces.Action("notificatieResponse"), "uuid:" + Guid.NewGuid(), GatewayOin)
        {
            RelatesTo = "uuid:" + Guid.NewGuid(),
        }));
    using var key = gateway.GetRSAPrivateKey()!;
    var data = new byte[32];
    var rsa = Time(_ => key.SignHash(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    var getKey = Time(_ =>
    {
        using var k = gateway.GetRSAPrivateKey();
        return k!.KeySize;
    });
    Console.WriteLine($"CPU per operation, one thread, {count} each after 500 warm-up (process CPU time, includes GC):");
    Console.WriteLine($"  WsSecurityVerifier.VerifyAsync of a {messages[0].Length}-byte notificatie (chain cached, replay store in memory): {verify:0.000} ms");
    Console.WriteLine($"  WsSecuritySigner.Sign of the notificatieResponse: {sign:0.000} ms (of which the RSA-2048 signature alone: {rsa:0.000} ms, X509Certificate2.GetRSAPrivateKey() per Sign: {getKey:0.000} ms)");
    await Task.CompletedTask;
    return 0;
}

/// <summary>
/// One step of handling a pulled documentResponse, everything it produces kept alive to the end, so that the smallest
/// DOTNET_GCHeapHardLimit under which it still succeeds approximates the peak live managed memory of that step.
/// </summary>
static async Task<int> MemStepAsync(string dir, string file, string step)
{
    var message = File.ReadAllBytes(file);
    object? keep = null;
    switch (step)
    {
        case "none":
            break;
        case "dom" or "signedxml":
        {
            var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            using (var reader = XmlReader.Create(new MemoryStream(message), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
            {
                doc.Load(reader);
            }

            keep = doc;
            if (step == "signedxml")
            {
                var ids = new Dictionary<string, XmlElement>(StringComparer.Ordinal);
                foreach (var e in doc.SelectNodes("//*[@*[local-name()='Id']]")!.OfType<XmlElement>())
                {
                    ids[e.GetAttribute("Id", WsNamespaces.Wsu)] = e;
                }

                var signature = (XmlElement)doc.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!;
                var signed = new IdSignedXml(signature, ids);
                signed.LoadXml(signature);
                using var certificate = Supplier(dir);
                if (!signed.CheckSignature(certificate.GetRSAPublicKey()!))
                {
                    Console.WriteLine("signature invalid");
                    return 2;
                }
            }

            break;
        }

        case "verifier" or "mapped":
        {
            var anchors = new X509Certificate2Collection();
            anchors.ImportFromPemFile(Path.Combine(dir, "root.pem"));
            var verifier = new WsSecurityVerifier(new WsSecurityVerifierOptions
            {
                TrustPolicy = new ChainTrustPolicy(anchors),
                MaxMessageBytes = OsoSleutels.MaxOpgehaald,
                MaxElements = 200_000,
            }, new NieuwReplay(), TimeProvider.System);
            var result = await verifier.VerifyAsync(message, default);
            if (!result.IsSuccess)
            {
                Console.WriteLine("refused: " + result);
                return 2;
            }

            keep = result.Message;
            if (step == "mapped")
            {
                var body = result.Message!.Body.ChildNodes.OfType<XmlElement>().Single();
                if (OsoContract.Valideer(body) is { } fout)
                {
                    Console.WriteLine("schema: " + fout.Melding);
                    return 2;
                }

                using var reader = new XmlNodeReader(body);
                var mapped = await new Hulpvraag.Adapters.ParnasSys.Mapping.OsoDossierMapper(new TempStaging())
                    .MapAsync(reader, new("12AB", "0000000700012AB00001", Guid.NewGuid().ToString().ToUpperInvariant()), default);
                if (!mapped.IsSuccess)
                {
                    Console.WriteLine("mapping refused: " + string.Join(" ", mapped.Fouten.Select(f => f.Melding)));
                    return 2;
                }

                await mapped.Value!.DisposeAsync();
            }

            break;
        }

        default:
            Console.Error.WriteLine("step: none|dom|signedxml|verifier|mapped");
            return 1;
    }

    GC.KeepAlive(message);
    GC.KeepAlive(keep);
    Console.WriteLine($"ok {step}");
    return 0;
}

/// <summary>SignedXml that resolves #ids from a fixed map (as the gateway's StrictSignedXml does).</summary>
internal sealed class IdSignedXml(XmlElement context, Dictionary<string, XmlElement> ids) : SignedXml(context)
{
    public override XmlElement? GetIdElement(XmlDocument? document, string idValue) => ids.GetValueOrDefault(idValue);
}

internal sealed class NieuwReplay : IReplayStore
{
    public ValueTask<ReplayCheck> RememberAsync(string oin, string messageId, string contentHash, DateTimeOffset keepUntil, CancellationToken ct) =>
        ValueTask.FromResult(ReplayCheck.New);
}

/// <summary>Staging to a temp file, decoded and hashed in one pass (what the gateway's TempFileBijlageStaging does, simplified).</summary>
internal sealed class TempStaging : Hulpvraag.Core.Ports.IBijlageStaging
{
    public async Task<Hulpvraag.Core.Ports.GestagedeBijlage> StageAsync(Stream bron, Hulpvraag.Core.Ports.BijlageCodering codering, long maxGrootte, CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var file = File.Create(path))
        {
            var input = codering == Hulpvraag.Core.Ports.BijlageCodering.Base64 ? new CryptoStream(bron, new FromBase64Transform(), CryptoStreamMode.Read, leaveOpen: true) : bron;
            var buffer = new byte[81920];
            int n;
            while ((n = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                size += n;
            }
        }

        return new(new FileInhoud(path), size, Convert.ToHexStringLower(sha.GetHashAndReset()), size > maxGrootte, false,
            () => { File.Delete(path); return ValueTask.CompletedTask; });
    }

    public Hulpvraag.Core.Ports.GestagedeBijlage StageBase64(ReadOnlySpan<byte> utf8Base64) => throw new NotSupportedException();

    private sealed class FileInhoud(string path) : Hulpvraag.Core.Intake.IBijlageInhoud
    {
        public Stream OpenRead() => File.OpenRead(path);
    }
}

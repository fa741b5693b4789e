using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;
using V = Hulpvraag.Bench.VerifierInternals;

namespace Hulpvraag.Bench;

/// <summary>
/// Stopwatch micro-harness: runs <c>WsSecurityVerifier.Verify</c>'s own steps (through <see cref="VerifierInternals"/>)
/// one after the other for every iteration and times each, then takes the cryptography step apart with the same
/// canonicaliser (<c>ExclusiveC14n</c>): per-Reference digests, SignedInfo, RSA.
/// Run pinned: <c>taskset -c 1 dotnet bin/Release/net10.0/Gateway.Benchmarks.dll phases 10000</c>.
/// </summary>
internal static class PhaseProfile
{
    private static readonly string[] PipelinePhases =
    [
        "bytes: size, NUL, UTF-8, encoding declaration",
        "preflight: streaming XmlReader pass (limits, id counts)",
        "DOM: XmlDocument.Load over a hardened XmlReader",
        "structure: Envelope, Header blocks",
        "structure: wsse:Security, token base64",
        "structure: addressing values",
        "structure: ds:Signature profile (algorithms, References)",
        "structure: resolve References, KeyInfo, Timestamp, window",
        "signer certificate cache (SHA-256 of token, look-up, key checks)",
        "cryptography: CheckCryptography (own exc-c14n digests, SignedInfo, RSA)",
        "certificate: key usage, OIN, ChainTrustPolicy (cached)",
        "result: SHA-256 of the bytes, VerifiedMessage",
        "replay store (always New; not what is measured)",
    ];

    private static readonly string[] CryptoPhases =
    [
        "read SignedInfo: References, PrefixLists, DigestValues, SignatureValue base64",
        "Body: exc-c14n into SHA-256 + compare",
        "other References (5): exc-c14n into SHA-256 + compare",
        "SignedInfo: exc-c14n into SHA-256",
        "RSA-2048 PKCS#1 v1.5 VerifyHash",
    ];

    public static int Run(int iterations, int targetBytes)
    {
        using var fixture = SignedEnvelopeFixture.Create(targetBytes);
        var verifier = fixture.CreateVerifier();
        var envelope = fixture.Envelope;
        var now = fixture.SigningTime;
        var signerCache = V.SignerCache(verifier);
        using var signerKey = fixture.Leaf.GetRSAPublicKey()!;

        Console.WriteLine($"envelope: {envelope.Length} bytes; iterations: {iterations}; processors visible: {Environment.ProcessorCount}; " +
                          $"load average: {LoadAverage()}; {RuntimeInformationText()}");

        if (Environment.ProcessorCount == 1 && Environment.GetEnvironmentVariable("DOTNET_TC_DelaySingleProcMultiplier") != "1")
        {
            Console.WriteLine("WARNING: one processor visible and DOTNET_TC_DelaySingleProcMultiplier is not 1: the runtime delays tiering " +
                              "tenfold and the figures below mix in PGO-instrumented code (about 50 s of slower code). Use run.sh.");
        }

        var first = verifier.VerifyAsync(envelope, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        if (!first.IsSuccess)
        {
            Console.Error.WriteLine("our verifier refused the fixture: " + first);
            return 1;
        }

        var pipeline = new long[PipelinePhases.Length, iterations];
        var crypto = new long[CryptoPhases.Length, iterations];
        // Time-based warm-up: tiered compilation needs several seconds of steady load to reach its final code.
        var warmupStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < 3000 || Stopwatch.GetElapsedTime(warmupStart) < WarmupTime; i++)
        {
            RunPipeline(verifier, signerCache, envelope, now, signerKey, pipeline, i % iterations, crypto, check: i == 0);
        }

        Array.Clear(pipeline);
        Array.Clear(crypto);
        var gcBefore = GC.CollectionCount(0);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var wallBefore = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            RunPipeline(verifier, signerCache, envelope, now, signerKey, pipeline, i, crypto, check: false);
        }

        var pipelineWall = Stopwatch.GetElapsedTime(wallBefore).TotalMicroseconds / iterations;
        var pipelineCpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMicroseconds / iterations;

        var allocatedPerIteration = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)iterations;
        var gen0 = GC.CollectionCount(0) - gcBefore;

        // End to end, the same way the benchmarks call it, for the overhead the phase split does not see.
        var oursTotal = Loop(iterations, () =>
        {
            var result = verifier.VerifyAsync(envelope, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException(result.ToString());
            }
        });
        var mapTotal = Loop(iterations, () =>
        {
            if (!IdMapBenchmark.Value.SignedXmlWithIdMap())
            {
                throw new InvalidOperationException("SignedXml with id map refused the fixture");
            }
        });
        var naiveTotal = Loop(iterations, () =>
        {
            var document = new XmlDocument { PreserveWhitespace = true };
            document.LoadXml(Encoding.UTF8.GetString(envelope));
            var signature = (XmlElement)document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!;
            var signedXml = new WsuIdSignedXml(document);
            signedXml.LoadXml(signature);
            if (!signedXml.CheckSignature(signerKey))
            {
                throw new InvalidOperationException("plain SignedXml refused the fixture");
            }
        });

        // Floors a streaming verifier could not go below.
        var sha = Loop(iterations, () => SHA256.HashData(envelope));
        var bareReader = Loop(iterations, () =>
        {
            using var stream = new MemoryStream(envelope, writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            while (reader.Read())
            {
            }
        });

        var prototype = PrototypeCrypto(envelope, signerKey, iterations);

        Console.WriteLine($"pipeline loop incl. the cryptography breakdown: {pipelineWall:F1} µs wall, {pipelineCpu:F1} µs process CPU per iteration");
        PrintPipeline(pipeline, iterations, oursTotal.Wall, allocatedPerIteration, gen0);
        PrintCrypto(crypto, pipeline, iterations);
        PrintPrototype(prototype, pipeline, iterations, bareReader.Wall);
        Console.WriteLine();
        Console.WriteLine($"| end to end (separate loops, same process; {iterations:N0} calls after {WarmupTime.TotalSeconds:0} s warm-up each) | wall µs | process CPU µs | per second (CPU) |");
        Console.WriteLine("|---|---|---|---|");
        Row("ours: WsSecurityVerifier.VerifyAsync", oursTotal);
        Row("plain SignedXml: LoadXml + CheckSignature(key), XPath wsu:Id", naiveTotal);
        Row("SignedXml, ids from one DOM walk (no XPath)", mapTotal);
        Row("floor: SHA-256 of the envelope bytes", sha);
        Row("floor: bare XmlReader pass over the envelope", bareReader);
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        return 0;
    }

    private static void RunPipeline(WsSecurityVerifier verifier, object signerCache, byte[] envelope, DateTimeOffset now, RSA replicaKey, long[,] t, int i, long[,] c, bool check)
    {
        var options = verifier.Options;
        var p = 0;
        var start = Stopwatch.GetTimestamp();
        Expect(V.CheckBytes(null, envelope, options.MaxMessageBytes));
        var mark = Lap(t, ref p, i, start);

        var segment = new ArraySegment<byte>(envelope);
        var nameTable = new NameTable();
        Expect(V.Scan(null, segment, options, nameTable, out var idCounts));
        mark = Lap(t, ref p, i, mark);

        var document = new XmlDocument(nameTable) { PreserveWhitespace = true, XmlResolver = null };
        using (var stream = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false))
        using (var reader = XmlReader.Create(stream, V.CreateReaderSettings(null, options.MaxMessageBytes, nameTable)))
        {
            document.Load(reader);
        }

        mark = Lap(t, ref p, i, mark);

        // The profile's readers (internal to the adapter, visible to this benchmark): the same calls, in the same order,
        // as WsSecurityVerifier.Check.
        var soap = Expect(EnvelopeReader.Read(document));
        mark = Lap(t, ref p, i, mark);
        var security = Expect(SecurityHeaderReader.Read(soap.Security));
        mark = Lap(t, ref p, i, mark);
        var addressing = Expect(AddressingReader.Read(soap, options.ExpectedRecipientOin));
        mark = Lap(t, ref p, i, mark);
        var signature = Expect(SignatureReader.Read(security.Signature));
        mark = Lap(t, ref p, i, mark);
        var signed = Expect(SignatureReader.Resolve(signature, soap, security, idCounts));
        Expect(SignatureReader.CheckKeyInfo(signature, security.Token, idCounts));
        var timestamp = Expect(TimestampReader.Read(security.Timestamp));
        Expect(TimestampReader.CheckWindow(timestamp, now, options.ClockSkew, options.MessageTtl));
        mark = Lap(t, ref p, i, mark);

        var signer = V.SignerCacheGet(signerCache, security.TokenBytes);
        if (!V.IsRsa(signer) || V.KeySize(signer) < 2048)
        {
            throw new InvalidOperationException("key checks failed");
        }

        mark = Lap(t, ref p, i, mark);

        var key = V.RentKey(signer);
        bool valid;
        try
        {
            valid = WsSecurityVerifier.VerifySignatureValue(signature.Signature, signed.Targets, key, (StreamingDigests?)null);
        }
        finally
        {
            V.ReturnKey(signer, key);
        }

        if (!valid)
        {
            throw new InvalidOperationException("signature invalid");
        }

        mark = Lap(t, ref p, i, mark);

        var certificate = V.Certificate(signer);
        var oin = V.Oin(signer);
        if (!V.HasDigitalSignatureUsage(signer) || oin is null || !options.TrustPolicy.Evaluate(certificate, timestamp.Created).IsTrusted)
        {
            throw new InvalidOperationException("certificate checks failed");
        }

        mark = Lap(t, ref p, i, mark);

        var message = new VerifiedMessage
        {
            Body = soap.Body,
            To = addressing.To,
            ToOin = Oin.FromAddress(addressing.To),
            Action = addressing.Action,
            MessageId = addressing.MessageId,
            Created = timestamp.Created,
            Expires = timestamp.Expires,
            SignerCertificate = certificate,
            SignerOin = oin,
            ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(envelope)),
        };
        mark = Lap(t, ref p, i, mark);

        var keepUntil = message.Created + options.MessageTtl + options.ClockSkew + options.ClockSkew;
        var replay = new AlwaysNewReplayStore().RememberAsync(message.SignerOin, message.MessageId, message.ContentSha256, keepUntil, CancellationToken.None)
            .AsTask().GetAwaiter().GetResult();
        if (replay != ReplayCheck.New)
        {
            throw new InvalidOperationException("replay");
        }

        Lap(t, ref p, i, mark);

        TakeApartCryptography(signature.Signature, signed.Targets, soap.Body, replicaKey, c, i, check);
    }

    /// <summary>
    /// What CheckCryptography does, step by step with the same canonicaliser (the profile has fixed the shape of
    /// ds:Signature already, so the reading is done here with plain DOM navigation). Digests and the signature are
    /// checked on the first iteration, so the breakdown is known to do the same work.
    /// </summary>
    private static void TakeApartCryptography(XmlElement signature, IReadOnlyDictionary<string, XmlElement> targets, XmlElement body, RSA key, long[,] c, int i, bool check)
    {
        var p = 0;
        var start = Stopwatch.GetTimestamp();
        var signedInfo = (XmlElement)signature.FirstChild!;
        var c14nPrefixes = PrefixListOf((XmlElement)signedInfo.FirstChild!);
        var references = new List<(XmlElement Target, IReadOnlyList<string> Prefixes, byte[] Expected)>(8);
        for (var node = signedInfo.FirstChild!.NextSibling!.NextSibling; node is not null; node = node.NextSibling)
        {
            var reference = (XmlElement)node;
            var transforms = (XmlElement)reference.FirstChild!;
            var digestValue = (XmlElement)reference.LastChild!;
            references.Add((targets[reference.GetAttribute("URI")[1..]], PrefixListOf((XmlElement)transforms.FirstChild!), Convert.FromBase64String(digestValue.InnerText)));
        }

        var signatureValue = Convert.FromBase64String(((XmlElement)signedInfo.NextSibling!).InnerText);
        var mark = Lap(c, ref p, i, start);

        long bodyDigest = 0, otherDigest = 0;
        foreach (var (target, prefixes, expected) in references)
        {
            var t0 = Stopwatch.GetTimestamp();
            var digest = V.ExcC14nDigest(null, target, prefixes, HashAlgorithmName.SHA256);
            var equal = CryptographicOperations.FixedTimeEquals(digest, expected);
            var t1 = Stopwatch.GetTimestamp();
            if (ReferenceEquals(target, body))
            {
                bodyDigest += t1 - t0;
            }
            else
            {
                otherDigest += t1 - t0;
            }

            if (check && !equal)
            {
                throw new InvalidOperationException("own digest differs for " + target.LocalName);
            }
        }

        c[p++, i] = bodyDigest;
        c[p++, i] = otherDigest;
        mark = Stopwatch.GetTimestamp();

        var signedInfoHash = V.ExcC14nDigest(null, signedInfo, c14nPrefixes, HashAlgorithmName.SHA256);
        mark = Lap(c, ref p, i, mark);

        var ok = key.VerifyHash(signedInfoHash, signatureValue, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Lap(c, ref p, i, mark);
        if (check && !ok)
        {
            throw new InvalidOperationException("own SignedInfo digest does not verify");
        }
    }

    private static IReadOnlyList<string> PrefixListOf(XmlElement method) =>
        V.ParsePrefixList(null, (method.FirstChild as XmlElement)?.GetAttribute("PrefixList"));

    private static readonly string[] PrototypePhases =
    [
        "read References (URI, DigestValue) from SignedInfo",
        "6 References: exc-c14n from the DOM + SHA-256 + compare",
        "SignedInfo: exc-c14n from the DOM + SHA-256",
        "RSA-2048 PKCS#1 v1.5 verify",
    ];

    /// <summary>
    /// The cryptography step without SignedXml: <see cref="DomExcC14nPrototype"/> over the same DOM elements, digests
    /// compared with the DigestValues, RSA over the canonical SignedInfo. Checked once before it is timed.
    /// </summary>
    private static long[,] PrototypeCrypto(byte[] envelope, RSA key, int iterations)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var stream = new MemoryStream(envelope, writable: false))
        {
            document.Load(stream);
        }

        var targets = new Dictionary<string, XmlElement>(StringComparer.Ordinal);
        var signature = (XmlElement)document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!;
        foreach (XmlElement element in document.GetElementsByTagName("*"))
        {
            if (element.GetAttributeNode("Id", WsNamespaces.Wsu) is { } id)
            {
                targets[id.Value] = element;
            }
        }

        var signedInfo = (XmlElement)signature.FirstChild!;
        var signatureValue = Convert.FromBase64String(((XmlElement)signedInfo.NextSibling!).InnerText);
        var c14n = new DomExcC14nPrototype();
        var references = new List<(string Id, byte[] Digest)>(8);
        Span<byte> digest = stackalloc byte[32];
        var times = new long[PrototypePhases.Length, iterations];
        for (var round = -Math.Min(1000, iterations); round < iterations; round++)
        {
            var i = Math.Max(round, 0);
            var p = 0;
            var mark = Stopwatch.GetTimestamp();
            references.Clear();
            for (var node = signedInfo.FirstChild; node is not null; node = node.NextSibling)
            {
                if (node is XmlElement { LocalName: "Reference" } reference)
                {
                    var digestValue = reference.GetElementsByTagName("DigestValue", SignedXml.XmlDsigNamespaceUrl)[0]!.InnerText;
                    references.Add((reference.GetAttribute("URI")[1..], Convert.FromBase64String(digestValue)));
                }
            }

            mark = Lap(times, ref p, i, mark);
            foreach (var (id, expected) in references)
            {
                SHA256.HashData(c14n.Canonicalize(targets[id]), digest);
                if (!digest.SequenceEqual(expected))
                {
                    throw new InvalidOperationException("prototype c14n digest differs for " + id);
                }
            }

            mark = Lap(times, ref p, i, mark);
            SHA256.HashData(c14n.Canonicalize(signedInfo), digest);
            mark = Lap(times, ref p, i, mark);
            if (!key.VerifyHash(digest, signatureValue, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                throw new InvalidOperationException("prototype SignedInfo c14n does not verify");
            }

            Lap(times, ref p, i, mark);
        }

        return times;
    }

    private static long Lap(long[,] t, ref int phase, int i, long since)
    {
        var now = Stopwatch.GetTimestamp();
        t[phase++, i] = now - since;
        return now;
    }

    private static T Expect<T>(ReadResult<T> read) where T : class
    {
        if (!read.TryGet(out var value, out var failure))
        {
            throw new InvalidOperationException($"step refused the fixture: {failure.Code}/{failure.Reason}");
        }

        return value;
    }

    private static void Expect(VerificationResult? failure)
    {
        if (failure is not null)
        {
            throw new InvalidOperationException("unexpected refusal: " + failure);
        }
    }

    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(
        double.Parse(Environment.GetEnvironmentVariable("PHASES_WARMUP_SECONDS") ?? "8", CultureInfo.InvariantCulture));

    private static readonly Lazy<OsoSignatureVerification> IdMapBenchmark = new(() =>
    {
        var benchmark = new OsoSignatureVerification();
        benchmark.Setup();
        return benchmark;
    });

    /// <summary>Mean wall and process-CPU µs of one call over <paramref name="iterations"/>, after a time-based warm-up.</summary>
    private static (double Wall, double Cpu) Loop(int iterations, Action action)
    {
        var warmupStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < 100 || Stopwatch.GetElapsedTime(warmupStart) < WarmupTime / 2; i++)
        {
            action();
        }

        var cpu = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        return (Stopwatch.GetElapsedTime(start).TotalMicroseconds / iterations, (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / iterations);
    }

    private static void Row(string name, (double Wall, double Cpu) figure) =>
        Console.WriteLine($"| {name} | {figure.Wall:F1} | {figure.Cpu:F1} | {1e6 / figure.Cpu:N0} |");

    private static void PrintPipeline(long[,] t, int iterations, double endToEnd, double allocated, int gen0)
    {
        var totals = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            for (var p = 0; p < PipelinePhases.Length; p++)
            {
                totals[i] += t[p, i];
            }
        }

        var totalMean = Micro(totals.Average());
        Console.WriteLine();
        Console.WriteLine($"| phase of WsSecurityVerifier.Verify ({iterations:N0} iterations) | mean µs | median µs | share of mean |");
        Console.WriteLine("|---|---|---|---|");
        for (var p = 0; p < PipelinePhases.Length; p++)
        {
            var (mean, median) = Stats(t, p, iterations);
            Console.WriteLine($"| {PipelinePhases[p]} | {mean:F1} | {median:F1} | {100 * mean / totalMean:F1} % |");
        }

        var blocks = new List<string>();
        for (var start = 0; start + 1000 <= iterations; start += 1000)
        {
            blocks.Add(Micro(totals.AsSpan(start, 1000).ToArray().Average()).ToString("F0", CultureInfo.InvariantCulture));
        }

        Array.Sort(totals);
        Console.WriteLine($"| **sum of phases** | **{totalMean:F1}** | {Micro(totals[iterations / 2]):F1} | 100 % |");
        Console.WriteLine();
        Console.WriteLine($"phases sum to {totalMean:F1} µs = {1e6 / totalMean:N0}/s; VerifyAsync end to end {endToEnd:F1} µs. " +
                          $"Allocated per iteration (pipeline + the cryptography breakdown): {allocated / 1024:N1} KiB; gen0 collections: {gen0}. " +
                          $"Sum of phases per 1,000-iteration block (µs, drift check): {string.Join(' ', blocks)}; load average now: {LoadAverage()}.");
    }

    private static void PrintCrypto(long[,] c, long[,] pipeline, int iterations)
    {
        const int cryptoPhase = 9;
        var (checkMean, checkMedian) = Stats(pipeline, cryptoPhase, iterations);
        Console.WriteLine();
        Console.WriteLine("| CheckCryptography taken apart (same ExclusiveC14n, step by step) | mean µs | median µs | share of the cryptography phase (mean) |");
        Console.WriteLine("|---|---|---|---|");
        var sum = 0.0;
        for (var p = 0; p < CryptoPhases.Length; p++)
        {
            var (mean, median) = Stats(c, p, iterations);
            sum += mean;
            Console.WriteLine($"| {CryptoPhases[p]} | {mean:F1} | {median:F1} | {100 * mean / checkMean:F1} % |");
        }

        Console.WriteLine($"| difference to the phase (its own re-checks of the Signature shape, timer resolution) | {checkMean - sum:F1} | — | {100 * (checkMean - sum) / checkMean:F1} % |");
        Console.WriteLine($"| **cryptography phase as measured in the pipeline** | **{checkMean:F1}** | {checkMedian:F1} | 100 % |");
    }

    private static void PrintPrototype(long[,] prototype, long[,] pipeline, int iterations, double bareReader)
    {
        const int cryptoPhase = 9;
        Console.WriteLine();
        Console.WriteLine("| for comparison: the earlier cost prototype (DomExcC14nPrototype: into an array, no PrefixList, no edge cases) | mean µs | median µs |");
        Console.WriteLine("|---|---|---|");
        var sum = 0.0;
        for (var p = 0; p < PrototypePhases.Length; p++)
        {
            var (mean, median) = Stats(prototype, p, iterations);
            sum += mean;
            Console.WriteLine($"| {PrototypePhases[p]} | {mean:F1} | {median:F1} |");
        }

        Console.WriteLine($"| **total** | **{sum:F1}** | — |");
        var pipelineSum = 0.0;
        for (var p = 0; p < PipelinePhases.Length; p++)
        {
            pipelineSum += Stats(pipeline, p, iterations).Mean;
        }

        var onePass = pipelineSum - bareReader;
        Console.WriteLine();
        Console.WriteLine($"cryptography phase {Stats(pipeline, cryptoPhase, iterations).Mean:F1} µs against the prototype's {sum:F1} µs. " +
                          $"Projection (arithmetic): folding the preflight counts into the DOM load (one parse instead of two, saving " +
                          $"about one bare XmlReader pass) = {onePass:F1} µs = {1e6 / onePass:N0}/s.");
    }

    private static (double Mean, double Median) Stats(long[,] t, int phase, int iterations)
    {
        var values = new long[iterations];
        for (var i = 0; i < iterations; i++)
        {
            values[i] = t[phase, i];
        }

        var mean = values.Average();
        Array.Sort(values);
        return (Micro(mean), Micro(values[iterations / 2]));
    }

    private static double Micro(double ticks) => ticks * 1e6 / Stopwatch.Frequency;

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string RuntimeInformationText() =>
        string.Create(CultureInfo.InvariantCulture, $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}");
}

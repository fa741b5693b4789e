using System.Diagnostics;

namespace Hulpvraag.Bench;

/// <summary>
/// <c>Gateway.Benchmarks drift [blocks]</c>: our verifier in blocks of 1,000 calls, printing wall and process-CPU µs per
/// call for each block, to show how long the runtime needs to reach its final code (tiered compilation, Dynamic PGO).
/// </summary>
internal static class TieringDrift
{
    public static int Run(int blocks)
    {
        using var fixture = SignedEnvelopeFixture.Create();
        var verifier = fixture.CreateVerifier();
        var envelope = fixture.Envelope;
        Console.WriteLine($"processors visible: {Environment.ProcessorCount}; DOTNET_TC_DelaySingleProcMultiplier=" +
                          $"{Environment.GetEnvironmentVariable("DOTNET_TC_DelaySingleProcMultiplier") ?? "(unset)"}; load average: {PhaseProfile.LoadAverage()}");
        Console.WriteLine("block: wall µs / CPU µs per call");
        var started = Stopwatch.GetTimestamp();
        for (var block = 1; block <= blocks; block++)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var wall = Stopwatch.GetTimestamp();
            for (var i = 0; i < 1000; i++)
            {
                var result = verifier.VerifyAsync(envelope, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException(result.ToString());
                }
            }

            Console.WriteLine($"{block,3} (t={Stopwatch.GetElapsedTime(started).TotalSeconds,5:F1} s): " +
                              $"{Stopwatch.GetElapsedTime(wall).TotalMicroseconds / 1000,6:F0} / {(Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / 1000,6:F0}");
        }

        Console.WriteLine($"load average: {PhaseProfile.LoadAverage()}");
        return 0;
    }
}

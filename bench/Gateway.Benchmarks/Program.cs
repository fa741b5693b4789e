using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Hulpvraag.Bench;

// Gateway.Benchmarks phases [iterations] [bytes]  Stopwatch phase profile of the verifier (default 10,000; ~5 KB envelope)
// Gateway.Benchmarks drift [blocks]               VerifyAsync in blocks of 1,000 calls: how long tiering takes (default 60)
// Gateway.Benchmarks export-xmlsec <dir> [copies] the fixture for xmlsec1: envelope copies + leaf/root PEM
// Gateway.Benchmarks [BenchmarkDotNet arguments]  e.g. --filter '*OsoSignatureVerification*'
if (args.Length > 0 && args[0] == "phases")
{
    return PhaseProfile.Run(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : SignedEnvelopeFixture.DefaultTargetBytes);
}

if (args.Length > 0 && args[0] == "drift")
{
    return TieringDrift.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60);
}

if (args.Length > 1 && args[0] == "export-xmlsec")
{
    return XmlsecExport.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000);
}

var config = DefaultConfig.Instance.AddColumn(StatisticColumn.OperationsPerSecond);
BenchmarkSwitcher.FromAssembly(typeof(OsoSignatureVerification).Assembly).Run(args, config);
return 0;

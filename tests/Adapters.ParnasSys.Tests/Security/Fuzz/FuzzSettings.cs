using System.Globalization;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Fuzz;

/// <summary>
/// How many generated cases the property and differential tests run. CI runs a fixed list of seeds (the same cases
/// every time, a few thousand, well under a minute together). For a long run set <c>GATEWAY_FUZZ_LONG=1</c> (random
/// seeds through CsCheck, which prints a failing seed and shrinks; the recorded vectors join in when the reference
/// folder is there; xmlsec1 becomes a third oracle) and optionally <c>GATEWAY_FUZZ_CASES=n</c>.
/// </summary>
internal static class FuzzSettings
{
    public const string LongVariable = "GATEWAY_FUZZ_LONG";
    public const string CasesVariable = "GATEWAY_FUZZ_CASES";

    public static bool Long => Environment.GetEnvironmentVariable(LongVariable) == "1";

    public static int Cases(int fixedSeeds, int longRun) =>
        int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : Long ? longRun : fixedSeeds;
}

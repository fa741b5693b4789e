using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;

/// <summary>
/// The shared, read-only reference material (never copied into the repository), found by <see cref="ReferenceFolder"/>.
/// Tests reading it are <c>[ReferenceFact]</c>/<c>[ReferenceTheory]</c>: skipped on a developer's machine without the
/// data, failed under CI or when <c>GATEWAY_REFERENCE_DIR</c> names a missing folder.
/// </summary>
internal static class ReferenceData
{
    public static string Directory => ReferenceFolder.Path;

    public static string EdukoppelingVectors => Path.Combine(Directory, "edukoppeling-vectors");
}

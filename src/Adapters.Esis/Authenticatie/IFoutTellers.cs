namespace Hulpvraag.Adapters.Esis.Authenticatie;

/// <summary>
/// Where failed verification-code attempts are counted. The gateway keeps them in its store, so several instances on
/// one PostgreSQL enforce one limit; <see cref="FoutLimiet"/> is the in-memory stand-in for a host without a store.
/// </summary>
public interface IFoutTellers
{
    /// <summary>How long this caller must still wait, or null when none of the limits applies.</summary>
    Task<TimeSpan?> GeblokkeerdAsync(string? brin6, string adres, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one failure for the school, the (address, school) pair and the address, and records the attempt; when
    /// the limits already held (concurrent attempts counted first), counts nothing and returns how long to wait. The
    /// check and the count are one atomic step, so concurrent wrong codes never get more verdicts than the limit.
    /// </summary>
    Task<TimeSpan?> RegistreerMislukkingAsync(MislukteVerificatie poging, CancellationToken cancellationToken);
}

/// <summary>One failed attempt: which check failed, never the code itself.</summary>
public sealed record MislukteVerificatie(DateTimeOffset Op, string? Brin6, string Adres, string Reden);

/// <summary>Which check failed (stable words, shown in the diagnose timeline and used as a metric label).</summary>
public static class MislukkingRedenen
{
    /// <summary>No header, several headers, or a code in the query string.</summary>
    public const string Ontbreekt = "ontbreekt";

    /// <summary>Not BRIN6-prefixed printable ASCII of 20 to 50 characters.</summary>
    public const string VormOngeldig = "vorm-ongeldig";

    /// <summary>Well-formed, but no active registration for its BRIN6.</summary>
    public const string SchoolOnbekend = "school-onbekend";

    /// <summary>The school is registered, the code does not match any of its codes.</summary>
    public const string CodeOnjuist = "code-onjuist";
}

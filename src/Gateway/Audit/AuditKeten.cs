using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hulpvraag.Gateway.Audit;

/// <summary>One entry of the chain as stored: its place, its content, the hash it follows and its own hash.</summary>
public sealed record AuditKetenRegel(
    long Id, long? Volgnummer, DateTimeOffset Op, string Actor, string Actie, string Onderwerp, string? Details,
    string? VorigeHash, string? Hash);

/// <summary>The head and the start of the chain (table audit_keten).</summary>
public sealed record AuditKetenKop(long KopVolgnummer, string KopHash, long AnkerVolgnummer, string AnkerHash, long OngeketendTotId, long OngeketendAantal);

/// <summary>
/// The canonical form of an audit entry and its hash. SHA-256 over: "hulpvraag-audit-v1", then each field as a 4-byte
/// big-endian length and its UTF-8 bytes (length 0xFFFFFFFF for a missing value), in this order: volgnummer (decimal),
/// op (UTC, <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>), actor, actie, onderwerp, details, the previous entry's hash. Lower-case
/// hex. Times are cut to whole microseconds before they are stored: PostgreSQL keeps microseconds, .NET 100 ns ticks,
/// so the hash of what was written equals the hash of what is read back from either store.
/// </summary>
public static class AuditKeten
{
    private static readonly byte[] Versie = Encoding.ASCII.GetBytes("hulpvraag-audit-v1");

    /// <summary>A time as the chain keeps it: UTC, whole microseconds.</summary>
    public static DateTimeOffset OpMicroseconde(DateTimeOffset op)
    {
        var ticks = op.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    public static string Hash(long volgnummer, DateTimeOffset op, string actor, string actie, string onderwerp, string? details, string vorigeHash)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Versie);
        Veld(sha, volgnummer.ToString(CultureInfo.InvariantCulture));
        Veld(sha, OpMicroseconde(op).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Veld(sha, actor);
        Veld(sha, actie);
        Veld(sha, onderwerp);
        Veld(sha, details);
        Veld(sha, vorigeHash);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void Veld(IncrementalHash sha, string? waarde)
    {
        Span<byte> lengte = stackalloc byte[4];
        if (waarde is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(lengte, uint.MaxValue);
            sha.AppendData(lengte);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(waarde);
        BinaryPrimitives.WriteUInt32BigEndian(lengte, (uint)bytes.Length);
        sha.AppendData(lengte);
        sha.AppendData(bytes);
    }
}

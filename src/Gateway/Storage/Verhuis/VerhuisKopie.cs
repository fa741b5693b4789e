using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Hulpvraag.Gateway.Verhuis;

/// <summary>Row count and a checksum over every value of a table, independent of row order (collations differ).</summary>
internal readonly record struct Controlesom(long Rijen, string Controlegetal);

/// <summary>
/// Copies one table with PostgreSQL's binary COPY and computes the checksum on both sides. Values are converted to the
/// target's type first (SQLite keeps times and ids as text) and the checksum is taken over the converted value, so a
/// value PostgreSQL keeps differently (times to the microsecond) is compared as PostgreSQL keeps it.
/// </summary>
internal static class VerhuisKopie
{
    public static async Task<Controlesom> KopieerAsync(DbConnection bron, DbTransaction bt, NpgsqlConnection doel, VerhuisTabel tabel, CancellationToken ct)
    {
        var kolommen = string.Join(", ", tabel.Kolommen.Select(k => Verhuizer.Id(k.Naam)));
        await using var lees = bron.CreateCommand();
        lees.Transaction = bt;
        lees.CommandText = $"SELECT {kolommen} FROM {Verhuizer.Id(tabel.Naam)}";
        await using var reader = await lees.ExecuteReaderAsync(ct);
        var som = new Som();
        await using (var schrijf = await doel.BeginBinaryImportAsync($"COPY {Verhuizer.Id(tabel.Naam)} ({kolommen}) FROM STDIN (FORMAT BINARY)", ct))
        {
            var waarden = new object?[tabel.Kolommen.Count];
            while (await reader.ReadAsync(ct))
            {
                await schrijf.StartRowAsync(ct);
                for (var i = 0; i < waarden.Length; i++)
                {
                    var kolom = tabel.Kolommen[i];
                    var waarde = waarden[i] = Converteer(reader.IsDBNull(i) ? null : reader.GetValue(i), kolom, tabel.Naam);
                    if (waarde is null)
                    {
                        await schrijf.WriteNullAsync(ct);
                    }
                    else
                    {
                        await schrijf.WriteAsync(waarde, PgType(kolom.DoelType), ct);
                    }
                }

                som.Voeg(waarden);
            }

            await schrijf.CompleteAsync(ct);
        }

        return som.Resultaat();
    }

    public static async Task<Controlesom> LeesTerugAsync(NpgsqlConnection doel, DbTransaction dt, VerhuisTabel tabel, CancellationToken ct)
    {
        await using var lees = doel.CreateCommand();
        lees.Transaction = (NpgsqlTransaction)dt;
        lees.CommandText = $"SELECT {string.Join(", ", tabel.Kolommen.Select(k => Verhuizer.Id(k.Naam)))} FROM {Verhuizer.Id(tabel.Naam)}";
        await using var reader = await lees.ExecuteReaderAsync(ct);
        var som = new Som();
        var waarden = new object?[tabel.Kolommen.Count];
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < waarden.Length; i++)
            {
                waarden[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            som.Voeg(waarden);
        }

        return som.Resultaat();
    }

    /// <summary>A SQLite value as the target column's type.</summary>
    private static object? Converteer(object? waarde, VerhuisKolom kolom, string tabel) => waarde switch
    {
        null => null,
        _ => kolom.DoelType switch
        {
            "timestamp with time zone" => Microseconde(waarde is string s
                ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal).UtcDateTime
                : throw Onverwacht(waarde, kolom, tabel)),
            "uuid" => waarde is string g ? Guid.Parse(g) : waarde is byte[] bytes ? new Guid(bytes) : throw Onverwacht(waarde, kolom, tabel),
            "boolean" => Convert.ToInt64(waarde, CultureInfo.InvariantCulture) != 0,
            "bigint" => Convert.ToInt64(waarde, CultureInfo.InvariantCulture),
            "integer" => Convert.ToInt32(waarde, CultureInfo.InvariantCulture),
            "smallint" => Convert.ToInt16(waarde, CultureInfo.InvariantCulture),
            "double precision" => Convert.ToDouble(waarde, CultureInfo.InvariantCulture),
            "numeric" => Convert.ToDecimal(waarde, CultureInfo.InvariantCulture),
            "bytea" => waarde as byte[] ?? throw Onverwacht(waarde, kolom, tabel),
            "date" => waarde is string dag ? DateOnly.Parse(dag, CultureInfo.InvariantCulture) : throw Onverwacht(waarde, kolom, tabel),
            "text" or "character varying" or "json" or "jsonb" => waarde as string ?? Convert.ToString(waarde, CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"Column {tabel}.{kolom.Naam}: PostgreSQL type '{kolom.DoelType}' is not handled by verhuis."),
        },
    };

    private static NpgsqlDbType PgType(string doelType) => doelType switch
    {
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "uuid" => NpgsqlDbType.Uuid,
        "boolean" => NpgsqlDbType.Boolean,
        "bigint" => NpgsqlDbType.Bigint,
        "integer" => NpgsqlDbType.Integer,
        "smallint" => NpgsqlDbType.Smallint,
        "double precision" => NpgsqlDbType.Double,
        "numeric" => NpgsqlDbType.Numeric,
        "bytea" => NpgsqlDbType.Bytea,
        "date" => NpgsqlDbType.Date,
        "character varying" => NpgsqlDbType.Varchar,
        "json" => NpgsqlDbType.Json,
        "jsonb" => NpgsqlDbType.Jsonb,
        _ => NpgsqlDbType.Text,
    };

    private static DateTime Microseconde(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    private static InvalidOperationException Onverwacht(object waarde, VerhuisKolom kolom, string tabel) =>
        new($"Column {tabel}.{kolom.Naam}: a {waarde.GetType().Name} in SQLite cannot become PostgreSQL '{kolom.DoelType}'.");

    /// <summary>SHA-256 per row over length-prefixed canonical values; the table's sum hashes the sorted row hashes.</summary>
    private sealed class Som
    {
        private readonly List<byte[]> _rijen = [];

        public void Voeg(object?[] waarden)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> lengte = stackalloc byte[4];
            foreach (var w in waarden)
            {
                var bytes = Canoniek(w);
                BinaryPrimitives.WriteInt32BigEndian(lengte, bytes?.Length ?? -1);
                sha.AppendData(lengte);
                if (bytes is not null)
                {
                    sha.AppendData(bytes);
                }
            }

            _rijen.Add(sha.GetHashAndReset());
        }

        public Controlesom Resultaat()
        {
            _rijen.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var r in _rijen)
            {
                sha.AppendData(r);
            }

            return new Controlesom(_rijen.Count, Convert.ToHexStringLower(sha.GetHashAndReset()));
        }

        private static byte[]? Canoniek(object? w) => w switch
        {
            null => null,
            byte[] b => b,
            string s => Encoding.UTF8.GetBytes(s),
            DateTime d => Encoding.ASCII.GetBytes(Microseconde(d.ToUniversalTime()).Ticks.ToString(CultureInfo.InvariantCulture)),
            DateTimeOffset d => Encoding.ASCII.GetBytes(Microseconde(d.UtcDateTime).Ticks.ToString(CultureInfo.InvariantCulture)),
            Guid g => Encoding.ASCII.GetBytes(g.ToString("D")),
            bool b => [b ? (byte)1 : (byte)0],
            long or int or short => Encoding.ASCII.GetBytes(Convert.ToInt64(w, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
            double d => Encoding.ASCII.GetBytes(d.ToString("R", CultureInfo.InvariantCulture)),
            decimal m => Encoding.ASCII.GetBytes(m.ToString(CultureInfo.InvariantCulture)),
            DateOnly d => Encoding.ASCII.GetBytes(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => Encoding.UTF8.GetBytes(Convert.ToString(w, CultureInfo.InvariantCulture) ?? ""),
        };
    }
}

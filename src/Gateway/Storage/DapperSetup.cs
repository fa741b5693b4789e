using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// One mapping of times and ids for both providers: PostgreSQL gets native timestamptz and uuid, SQLite gets
/// fixed-width UTC text (so text order is time order) and canonical GUID text.
/// </summary>
internal static class DapperSetup
{
    private static int _done;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.RemoveTypeMap(typeof(Guid));
        SqlMapper.RemoveTypeMap(typeof(Guid?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new GuidHandler());
    }

    internal const string SqliteTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToSqliteText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(SqliteTimeFormat, CultureInfo.InvariantCulture);

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = ToSqliteText(value);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = value.ToUniversalTime();
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read {value.GetType()} as a time."),
        };
    }

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString("D");
            }
            else
            {
                parameter.DbType = DbType.Guid;
                parameter.Value = value;
            }
        }

        public override Guid Parse(object value) => value switch
        {
            Guid g => g,
            string s => Guid.Parse(s),
            byte[] b => new Guid(b),
            _ => throw new DataException($"Cannot read {value.GetType()} as a GUID."),
        };
    }
}

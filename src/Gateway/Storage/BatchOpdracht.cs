using Dapper;
using Npgsql;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// A statement for an <see cref="NpgsqlBatch"/> from the same SQL and <see cref="DynamicParameters"/> the single-statement
/// path hands Dapper, so a store that bundles requests (<see cref="RondeBundel{TItem, TUitkomst}"/>) spells its
/// parameters once.
/// </summary>
internal static class BatchOpdracht
{
    public static NpgsqlBatchCommand Van(string sql, DynamicParameters parameters)
    {
        var opdracht = new NpgsqlBatchCommand(sql);
        foreach (var naam in parameters.ParameterNames)
        {
            opdracht.Parameters.Add(new NpgsqlParameter(naam, AlsDatabaseWaarde(parameters.Get<object?>(naam))));
        }

        return opdracht;
    }

    /// <summary>What Dapper's type handlers (<see cref="DapperSetup"/>) would send: times in UTC, null as NULL.</summary>
    private static object AlsDatabaseWaarde(object? waarde) => waarde switch
    {
        null => DBNull.Value,
        DateTimeOffset tijd => tijd.ToUniversalTime(),
        _ => waarde,
    };
}

using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Logging;
using Hulpvraag.Edge;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hulpvraag.Gateway.Storingen;

/// <summary>
/// Outages are not bugs: a database that is unreachable or restarting, or no room left to stage an attachment, answer
/// 503 with a code and a Dutch text in the caller's protocol (a SOAP fault for OSO, problem details otherwise), with
/// Retry-After, instead of a 500. Nothing was acknowledged, so the sender's retry is safe: intake stores in one
/// transaction or not at all. Only a database that is away, full or overloaded is an outage: an error the database
/// raises about our own SQL (a syntax error, an undetermined parameter type, a constraint) is a bug, answered 500 and
/// logged as an error, so it cannot hide behind a 503 as an outage.
/// </summary>
internal sealed partial class StoringAfhandeling(ILogger<StoringAfhandeling> logger) : IExceptionHandler
{
    private const int Enospc = 28;
    private const int ErrorDiskFull = 112;
    private const int ErrorHandleDiskFull = 39;

    // SQLite primary result codes (sqlite3.h); the extended code's low byte is the primary one.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoErr = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var code = Soort(exception);
        if (code is null)
        {
            if (Database(exception) is { } fout)
            {
                // Our bug, not an outage: the framework answers 500 (INTERNE_FOUT); the SQLSTATE or SQLite code names it.
                LogDatabaseFout(logger, httpContext.Request.Path, fout.GetType().Name, Foutcode(fout));
            }

            return false;
        }

        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        LogStoring(logger, code, httpContext.Request.Path, exception.GetType().Name);
        var melding = code == FoutCodes.OpslagVol
            ? "De gateway heeft op dit moment geen ruimte om bijlagen te verwerken. Er is niets opgeslagen; verstuur het bericht later opnieuw."
            : "De gateway kan het bericht op dit moment niet opslaan (database tijdelijk onbereikbaar). Er is niets opgeslagen; verstuur het over enkele seconden opnieuw.";
        httpContext.Response.Clear();
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = (code == FoutCodes.OpslagVol ? 60 : 5).ToString(CultureInfo.InvariantCulture);
        if (httpContext.Request.Path.StartsWithSegments("/oso", StringComparison.OrdinalIgnoreCase))
        {
            await SoapFoutBericht.SchrijfAsync(httpContext, StatusCodes.Status503ServiceUnavailable, code, melding, null, server: true);
            return true;
        }

        await FoutProblemen.Problem(new Fout(code, null, melding)).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The outage code for this exception or one it wraps; null for anything else (a bug: 500).</summary>
    internal static string? Soort(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case IOException io when (io.HResult & 0xFFFF) is Enospc or ErrorDiskFull or ErrorHandleDiskFull:
                    return FoutCodes.OpslagVol;
                case DbException db:
                    return DatabaseSoort(db);
                case SocketException or TimeoutException:
                    return FoutCodes.OpslagOnbereikbaar;
                case AggregateException a when a.InnerExceptions.Count > 0:
                    return a.InnerExceptions.Select(Soort).FirstOrDefault(s => s is not null);
            }
        }

        return null;
    }

    /// <summary>
    /// PostgreSQL: SQLSTATE class 08 (connection), 53 (insufficient resources; 53100 disk full), 57P (operator
    /// intervention: shutdown, restart, starting up), 58 (I/O error outside PostgreSQL), 3D000 (the database was dropped
    /// or not created yet), 25006 (a failover left us on a read-only standby), and client-side failures Npgsql marks
    /// transient (socket, I/O, timeout, pool exhausted). SQLite: BUSY, LOCKED, CANTOPEN, FULL, IOERR. Anything else the
    /// database says is about our SQL: null (500).
    /// </summary>
    private static string? DatabaseSoort(DbException db) => db switch
    {
        PostgresException { SqlState: "53100" } => FoutCodes.OpslagVol,
        PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("58", StringComparison.Ordinal)
            || pg.SqlState is "3D000" or "25006" => FoutCodes.OpslagOnbereikbaar,
        PostgresException => null,
        NpgsqlException { IsTransient: true } => FoutCodes.OpslagOnbereikbaar,
        SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is SqliteFull => FoutCodes.OpslagVol,
        SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked or SqliteCantOpen or SqliteIoErr => FoutCodes.OpslagOnbereikbaar,
        _ => null,
    };

    private static DbException? Database(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException db)
            {
                return db;
            }
        }

        return null;
    }

    private static string Foutcode(DbException db) => db switch
    {
        PostgresException pg => pg.SqlState,
        SqliteException sqlite => "SQLITE_" + sqlite.SqliteExtendedErrorCode.ToString(CultureInfo.InvariantCulture),
        _ => db.SqlState ?? "onbekend",
    };

    [LoggerMessage(EventId = LogEventIds.Storing, Level = LogLevel.Warning, Message = "Outage ({Code}) while handling {Path}: answered 503 ({ExceptionType})")]
    private static partial void LogStoring(ILogger logger, string code, PathString path, string exceptionType);

    [LoggerMessage(EventId = LogEventIds.DatabaseFout, Level = LogLevel.Error, Message = "Database error {DatabaseCode} ({ExceptionType}) while handling {Path} is a fault of the gateway, not an outage: answered 500")]
    private static partial void LogDatabaseFout(ILogger logger, PathString path, string exceptionType, string databaseCode);
}

public static class StoringenExtensions
{
    public static IServiceCollection AddGatewayStoringen(this IServiceCollection services) =>
        services.AddExceptionHandler<StoringAfhandeling>();
}

using System.Globalization;
using System.Text;
using Hulpvraag.Core.Ports;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Core.Titels;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Beheer.Aanmelding;
using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hulpvraag.Gateway.Beheer.Lijsten;

/// <summary>Files under /beheer: attachments (the admin API's own handler, behind the cookie) and the CSV export.</summary>
public static class BeheerBestanden
{
    public static RouteGroupBuilder MapBeheerBestanden(this RouteGroupBuilder beheer)
    {
        beheer.MapGet("/hulpvragen/{dossiernummer:long}/bijlagen/{id:guid}",
                (long dossiernummer, Guid id, IHulpvraagStore store, HulpvraagStore inhoud, CancellationToken ct) =>
                    HulpvragenEndpoints.BijlageAsync(dossiernummer, id, store, inhoud, ct))
            .RequireAuthorization(BeheerAuthenticatie.Policies.Lezen);
        beheer.MapGet("/hulpvragen/export.csv", ExportAsync).RequireAuthorization(BeheerAuthenticatie.Policies.Lezen);
        return beheer;
    }

    /// <summary>
    /// Same filters as the page, streamed; UTF-8 with a byte order mark and semicolons, so Dutch Excel opens it with
    /// é and ö intact. A field starting with =, +, - or @ is prefixed with ' so a spreadsheet never runs it.
    /// </summary>
    private static async Task ExportAsync(HttpContext http, BeheerLijstStore lijst, TimeProvider clock, CancellationToken ct)
    {
        var (filter, fouten) = LijstFilters.Lees(http.Request.Query);
        if (fouten.Count > 0)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync(string.Join(Environment.NewLine, fouten), ct);
            return;
        }

        var naam = $"hulpvragen-{clock.GetUtcNow():yyyyMMdd-HHmm}.csv";
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{naam}\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024);
        await writer.WriteAsync("dossiernummer;ontvangen;bron;referentie;brin6;titel;status;leerling;aanvrager\r\n");
        await foreach (var r in lijst.AllesAsync(filter, ct))
        {
            await writer.WriteAsync(string.Join(';',
                r.Dossiernummer.ToString(CultureInfo.InvariantCulture),
                r.OntvangenOp.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                r.Systeem, Veld(r.Referentie), r.Brin + r.Vestiging,
                Veld(TitelCatalogus.ZoekOpCode(r.Titel)?.Weergave ?? r.Titel),
                Veld(StatusCatalogus.Weergave(r.StatusCode, r.StatusKwalificatie)),
                Veld(r.Leerling), Veld(r.Aanvrager)) + "\r\n");
        }
    }

    private static string Veld(string? waarde)
    {
        if (string.IsNullOrEmpty(waarde))
        {
            return "";
        }

        var veilig = waarde[0] is '=' or '+' or '-' or '@' ? "'" + waarde : waarde;
        return "\"" + veilig.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

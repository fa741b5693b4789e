using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// The Data Protection key ring in the database (table <c>data_protection_sleutel</c>) instead of a folder of one
/// machine, so several instances behind one load balancer read each other's cookies and antiforgery tokens.
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous; Data Protection calls it only when it (re)loads or extends the key
/// ring (at the first use and about once a day), never per request, so waiting on the database here is acceptable.
/// </remarks>
public sealed class DataProtectionSleutelStore(DbConnectionFactory connections, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => AlleAsync(CancellationToken.None).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) =>
        BewaarAsync(element, friendlyName, CancellationToken.None).GetAwaiter().GetResult();

    public async Task<IReadOnlyCollection<XElement>> AlleAsync(CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var xml = await c.QueryAsync<string>(new CommandDefinition("SELECT xml FROM data_protection_sleutel ORDER BY aangemaakt_op, naam", cancellationToken: ct));
        return xml.Select(x => XElement.Parse(x)).ToList();
    }

    /// <summary>A key is written once and never changed; two instances creating one at the same moment both keep theirs.</summary>
    public async Task BewaarAsync(XElement element, string naam, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO data_protection_sleutel (naam, xml, aangemaakt_op) VALUES (@naam, @xml, @op) ON CONFLICT (naam) DO NOTHING
            """, new { naam, xml = element.ToString(SaveOptions.DisableFormatting), op = clock.GetUtcNow() }, cancellationToken: ct));
    }
}

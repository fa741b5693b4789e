using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hulpvraag.Gateway.Beheer.Aanmelding;

/// <summary>
/// TOTP secrets at rest: encrypted with Data Protection (authenticated encryption, keys in the shared key ring), so a
/// copy of the <c>gebruiker</c> table alone yields no secret. Stored as <c>dp1:</c> + the protected text; a value
/// without that prefix is from before V11 and is encrypted at start-up by <see cref="TotpVersleuteling"/>.
/// </summary>
public sealed class TotpBescherming(IDataProtectionProvider provider)
{
    public const string Voorvoegsel = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Hulpvraag.Gateway.Beheer.Totp.v1");

    public static bool IsVersleuteld(string opgeslagen) => opgeslagen.StartsWith(Voorvoegsel, StringComparison.Ordinal);

    public string Versleutel(string geheim) => Voorvoegsel + _protector.Protect(geheim);

    public string Ontsleutel(string opgeslagen) =>
        IsVersleuteld(opgeslagen) ? _protector.Unprotect(opgeslagen[Voorvoegsel.Length..]) : opgeslagen;

    /// <summary>For a host without the web parts (the CLI): the same protection on the same key ring in the database.</summary>
    public static TotpBescherming Los(DbConnectionFactory connections, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(connections);
        services.AddSingleton(clock);
        services.AddBeheerDataProtection();
        return new TotpBescherming(services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>());
    }
}

/// <summary>Once at start-up, after the migrations: encrypts the TOTP secrets still stored in plain text.</summary>
internal sealed class TotpVersleuteling(GebruikerStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.VersleutelOudeTotpGeheimenAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

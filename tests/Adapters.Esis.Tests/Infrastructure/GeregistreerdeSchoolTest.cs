using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Adapters.Esis.Tests.Infrastructure;

/// <summary>
/// A test class whose every test starts from its own gateway on SQLite with one school (12AB00) registered for
/// <see cref="Code"/>: the usual starting point of the Esis edge tests, written once.
/// </summary>
public abstract class GeregistreerdeSchoolTest : IAsyncLifetime
{
    protected const string Code = "12AB00-regenboog-2026-x7";

    protected EsisGateway Gw { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Gw = await EsisGateway.StartAsync(new SqliteTarget());
        await Gw.RegistreerAsync(Code);
    }

    public async Task DisposeAsync() => await Gw.DisposeAsync();
}

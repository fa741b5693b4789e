using Hulpvraag.Gateway.Storage;
using Hulpvraag.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hulpvraag.Gateway.Tests.Storage;

public sealed class DbConnectionFactoryTests
{
    /// <remarks>
    /// Skipping Npgsql's reset is safe only because the gateway leaves no session state on a pooled connection;
    /// an operator who adds code that does can switch it back in the connection string.
    /// </remarks>
    [Theory]
    [InlineData("", true)]
    [InlineData(";No Reset On Close=false", false)]
    [InlineData(";noresetonclose=false", false)]
    public async Task OpenAsync_Postgres_SkipsTheConnectionResetUnlessTheConnectionStringSaysOtherwise(string extra, bool verwacht)
    {
        var target = new PostgresTarget();
        await using var services = await target.CreateServicesAsync(target.NewConnectionString() + extra);

        await using var connection = await services.GetRequiredService<DbConnectionFactory>().OpenAsync(default);

        Assert.Equal(verwacht, new NpgsqlConnectionStringBuilder(connection.ConnectionString).NoResetOnClose);
    }
}

using Hulpvraag.Gateway.Tests.Infrastructure;

namespace Hulpvraag.Gateway.Web.Tests.Infrastructure;

[CollectionDefinition(Naam)]
public sealed class PostgresBeheerCollectie : ICollectionFixture<PostgresBeheerOmgeving>
{
    public const string Naam = "beheer-postgres";
}

/// <summary>The same gateway and browser, on a throwaway PostgreSQL database: the pages' queries in PostgreSQL's dialect.</summary>
public sealed class PostgresBeheerOmgeving : BeheerOmgeving
{
    public PostgresBeheerOmgeving()
        : base(new PostgresTarget())
    {
    }
}

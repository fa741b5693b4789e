namespace Hulpvraag.Gateway.Web.Tests.Infrastructure;

[CollectionDefinition(Naam)]
public sealed class OidcCollectie : ICollectionFixture<OidcOmgeving>
{
    public const string Naam = "beheer-oidc";
}

/// <summary>The gateway configured for OpenID Connect sign-in against a real provider (OpenIddict) on its own port.</summary>
public sealed class OidcOmgeving : BeheerOmgeving
{
    public const string Weergavenaam = "Testorganisatie";

    public OidcAanbieder Aanbieder { get; private set; } = null!;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Aanbieder.DisposeAsync();
    }

    protected override async Task VoorStartAsync(IDictionary<string, string?> instellingen)
    {
        Aanbieder = await OidcAanbieder.StartAsync();
        instellingen["Beheer:Oidc:Authority"] = Aanbieder.Authority;
        instellingen["Beheer:Oidc:ClientId"] = OidcAanbieder.ClientId;
        instellingen["Beheer:Oidc:ClientSecret"] = OidcAanbieder.ClientSecret;
        instellingen["Beheer:Oidc:Weergavenaam"] = Weergavenaam;
        instellingen["Beheer:Oidc:RolClaim"] = OidcAanbieder.RolClaim;
        instellingen["Beheer:Oidc:Rollen:helpdesk"] = "SWV-Helpdesk";
        instellingen["Beheer:Oidc:Rollen:backoffice"] = "SWV-Backoffice,SWV-Zorgloket";
    }

    protected override Task NaStartAsync() => Aanbieder.RegistreerGatewayAsync(Basis);
}

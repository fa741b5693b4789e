using System.Security.Claims;
using Hulpvraag.Gateway.Application;

namespace Hulpvraag.Gateway.Beheer.Aanmelding;

/// <summary>The person signed in to /beheer as the application services' actor: their roles decide, their e-mail is recorded.</summary>
public sealed class PersoonActor(ClaimsPrincipal user) : ICurrentActor
{
    public string Naam { get; } = BeheerAuthenticatie.Actor(user);

    public bool Mag(Bevoegdheid bevoegdheid) =>
        user.FindAll(ClaimTypes.Role).Any(r => RolBevoegdheden.Mag(r.Value, bevoegdheid));
}

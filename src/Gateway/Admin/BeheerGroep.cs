using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hulpvraag.Gateway.Admin;

/// <summary>
/// The route group setup the helpdesk's API endpoint groups share (<see cref="BeheerEndpoints"/>, <see cref="EmailEndpoints"/>,
/// <see cref="BlokkadeEndpoints"/>): one OpenAPI tag per group, reading for every role that may read (the /admin/v1 group's
/// policy), and a write marked with the role it needs, so a group's setup is written once and a write cannot be left at
/// read access by forgetting a call.
/// </summary>
internal static class BeheerGroep
{
    public static RouteGroupBuilder MapBeheerGroep(this RouteGroupBuilder admin, string tag) =>
        admin.MapGroup("").WithTags(tag).RequireAuthorization(AdminPolicies.Lezen);

    /// <summary>A change: needs <paramref name="policy"/> (helpdesk, backoffice or admin) besides reading.</summary>
    public static RouteHandlerBuilder Wijzigt(this RouteHandlerBuilder endpoint, string policy) => endpoint.RequireAuthorization(policy);
}

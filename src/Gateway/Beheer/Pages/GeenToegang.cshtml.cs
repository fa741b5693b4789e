using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>The Dutch 403 page: a missing role, or an IdP account without a mapped role.</summary>
public sealed class GeenToegangModel : PageModel
{
    public bool GeenRol { get; private set; }

    public void OnGet(string? reden)
    {
        GeenRol = reden == "rol";
        Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}

using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hulpvraag.Gateway.Beheer.Pages;

public sealed class AangemeldModel : PageModel
{
    public string Terug { get; private set; } = "/beheer";

    public void OnGet(string? terug)
    {
        Terug = InloggenModel.Terugpad(terug);
        Response.Headers["Refresh"] = "0;url=" + Terug;
    }
}

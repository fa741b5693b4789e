using Hulpvraag.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Hulpvraag.Gateway.Email;

/// <summary>
/// The public opt-out page behind the link in every mail (no login: the signed token is the permission). GET only
/// explains and offers the button (mail scanners follow links, they must not opt anyone out); POST switches mails off
/// (also the RFC 8058 one-click POST from a mail client); POST …/aanmelden switches them on again.
/// </summary>
public static class AfmeldEndpoints
{
    public static IEndpointRouteBuilder MapEmailAfmelden(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/email/afmelden", Pagina).ExcludeFromDescription();
        endpoints.MapPost("/email/afmelden", AfmeldenAsync).ExcludeFromDescription().DisableAntiforgery();
        endpoints.MapPost("/email/aanmelden", AanmeldenAsync).ExcludeFromDescription().DisableAntiforgery();
        return endpoints;
    }

    internal static async Task<ContentHttpResult> Pagina(string? adres, string? token, AfmeldTokens tokens, EmailStore store, HttpContext context, CancellationToken ct)
    {
        if (adres is null || !tokens.Klopt(adres, token))
        {
            return Html(context, StatusCodes.Status400BadRequest, "Deze link klopt niet",
                "<p>Deze afmeldlink is onvolledig of ongeldig. Gebruik de link uit de laatste e-mail die u van ons kreeg.</p>");
        }

        var afgemeld = await store.IsAfgemeldAsync(adres, ct);
        return Html(context, StatusCodes.Status200OK, "E-mails over hulpvragen", afgemeld
            ? $"<p>U ontvangt geen e-mails meer over statuswijzigingen van hulpvragen op {Enc(adres)}.</p>{Knop("/email/aanmelden", adres, token!, "Weer e-mails ontvangen")}"
            : $"<p>Op {Enc(adres)} ontvangt u bij iedere statuswijziging van een hulpvraag die u indiende een e-mail van PPO Rotterdam.</p>"
              + $"<p>Met de knop hieronder zet u deze e-mails uit. U kunt ze hier later weer aanzetten. De status blijft zichtbaar in uw leerlingvolgsysteem.</p>"
              + Knop("/email/afmelden", adres, token!, "Geen e-mails meer ontvangen"));
    }

    internal static async Task<ContentHttpResult> AfmeldenAsync(string? adres, string? token, AfmeldTokens tokens, EmailStore store, HttpContext context, CancellationToken ct)
    {
        var (a, t) = await LeesAsync(context, adres, token, ct);
        if (a is null || !tokens.Klopt(a, t))
        {
            return Html(context, StatusCodes.Status400BadRequest, "Deze link klopt niet", "<p>Deze afmeldlink is onvolledig of ongeldig.</p>");
        }

        await store.AfmeldenAsync(a, "ontvanger", ct);
        return Html(context, StatusCodes.Status200OK, "U bent afgemeld",
            $"<p>U ontvangt geen e-mails meer over statuswijzigingen op {Enc(a)}.</p>{Knop("/email/aanmelden", a, t!, "Toch weer e-mails ontvangen")}");
    }

    internal static async Task<ContentHttpResult> AanmeldenAsync(string? adres, string? token, AfmeldTokens tokens, EmailStore store, HttpContext context, CancellationToken ct)
    {
        var (a, t) = await LeesAsync(context, adres, token, ct);
        if (a is null || !tokens.Klopt(a, t))
        {
            return Html(context, StatusCodes.Status400BadRequest, "Deze link klopt niet", "<p>Deze link is onvolledig of ongeldig.</p>");
        }

        await store.AanmeldenAsync(a, ct);
        return Html(context, StatusCodes.Status200OK, "U ontvangt weer e-mails",
            $"<p>U ontvangt weer e-mails over statuswijzigingen op {Enc(a)}.</p>{Knop("/email/afmelden", a, t!, "Geen e-mails meer ontvangen")}");
    }

    /// <summary>The address and token come from the query (one-click POST to the List-Unsubscribe URL) or the form (the button).</summary>
    private static async Task<(string? Adres, string? Token)> LeesAsync(HttpContext context, string? adres, string? token, CancellationToken ct)
    {
        if (context.Request.HasFormContentType && context.Request.ContentLength is null or <= 4096)
        {
            var form = await context.Request.ReadFormAsync(ct);
            adres ??= form["adres"].FirstOrDefault();
            token ??= form["token"].FirstOrDefault();
        }

        return (adres?.Length <= 254 ? adres : null, token);
    }

    private static string Knop(string actie, string adres, string token, string tekst) =>
        $"<form method=\"post\" action=\"{actie}\"><input type=\"hidden\" name=\"adres\" value=\"{Enc(adres)}\"><input type=\"hidden\" name=\"token\" value=\"{Enc(token)}\"><button type=\"submit\">{Enc(tekst)}</button></form>";

    private static ContentHttpResult Html(HttpContext context, int status, string titel, string inhoud)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        var pagina = $"<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{Enc(titel)}</title></head>"
            + $"<body style=\"font-family:sans-serif;max-width:40em;margin:2em auto\"><h1>{Enc(titel)}</h1>{inhoud}<p>PPO Rotterdam</p></body></html>";
        return TypedResults.Content(pagina, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    private static string Enc(string tekst) => EmailSjablonen.Html(tekst);
}

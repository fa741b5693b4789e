using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Ports;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Beheer.Aanmelding;

/// <summary>Codes of the sign-in and account refusals (stable, shown beside the Dutch text).</summary>
public static class AanmeldFoutCodes
{
    public const string AanmeldenMislukt = "AANMELDEN_MISLUKT";
    public const string AccountGeblokkeerd = "ACCOUNT_GEBLOKKEERD";
    public const string ActivatieOngeldig = "ACTIVATIE_ONGELDIG";
    public const string WachtwoordOngeschikt = "WACHTWOORD_ONGESCHIKT";
    public const string TotpOngeldig = "TOTP_ONGELDIG";
    public const string GebruikerBestaat = "GEBRUIKER_BESTAAT";
    public const string GebruikerOnbekend = "GEBRUIKER_ONBEKEND";
}

public sealed record NieuweGebruiker(Gebruiker Gebruiker, string ActivatieUrl, DateTimeOffset GeldigTot);

public sealed record Activatie(Gebruiker Gebruiker, string TotpGeheim, string OtpauthUri);

/// <summary>
/// Local accounts: creation with a one-time activation link (72 h), activation (password + TOTP enrolment), sign-in
/// with lockout after 5 failures for 15 minutes. Every sign-in, failure and lock is audited.
/// </summary>
public sealed class GebruikerService(GebruikerStore store, IOptions<BeheerOptions> options, TimeProvider clock)
{
    public const int MaxMislukt = 5;
    public const int MinWachtwoordLengte = 12;
    public static readonly TimeSpan Blokkade = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ActivatieGeldig = TimeSpan.FromHours(72);

    public async Task<Result<NieuweGebruiker>> MaakAsync(string? email, string? naam, string? rol, string actor, CancellationToken ct)
    {
        var adres = NormaliseerEmail(email);
        if (adres is null)
        {
            return new Fout(FoutCodes.VeldOngeldig, "email", "Geef een geldig e-mailadres, bijvoorbeeld naam@swv.nl.");
        }

        if (string.IsNullOrWhiteSpace(naam) || naam.Trim().Length > 200)
        {
            return new Fout(FoutCodes.VerplichtVeldOntbreekt, "naam", "Geef de naam van de persoon (hoogstens 200 tekens).");
        }

        var r = rol?.Trim().ToLowerInvariant();
        if (r is null || !Rollen.Alle.Contains(r))
        {
            return new Fout(FoutCodes.VeldOngeldig, "rol", $"Kies een rol: {string.Join(", ", Rollen.Alle)}.");
        }

        var nu = clock.GetUtcNow();
        var (token, hash) = NieuwToken();
        var g = new Gebruiker(Guid.NewGuid().ToString("N"), adres, naam.Trim(), r, null, null, null, nu + ActivatieGeldig, null, 0, null, null, null, 0, nu);
        if (!await store.MaakAsync(g, hash, Audit(nu, actor, "gebruiker.aangemaakt", g, $"rol {r}"), ct))
        {
            return new Fout(AanmeldFoutCodes.GebruikerBestaat, "email", $"Er is al een account met e-mailadres {adres}.");
        }

        return Result<NieuweGebruiker>.Ok(new NieuweGebruiker(g, ActivatieUrl(token), nu + ActivatieGeldig));
    }

    /// <summary>The activation page: a fresh TOTP secret for the person behind a valid, unspent link.</summary>
    public async Task<Result<Activatie>> BeginActivatieAsync(string? token, CancellationToken ct)
    {
        var g = await GeldigeActivatieAsync(token, ct);
        if (g is null)
        {
            return OngeldigeLink();
        }

        var geheim = TotpCodes.NieuwGeheim();
        await store.ZetTotpGeheimAsync(g.Id, geheim, ct);
        return Result<Activatie>.Ok(new Activatie(g, geheim, TotpCodes.OtpauthUri(geheim, g.Email)));
    }

    /// <summary>The secret of the current enrolment (for its QR image); null when the link is not valid.</summary>
    public async Task<Activatie?> LopendeActivatieAsync(string? token, CancellationToken ct)
    {
        var g = await GeldigeActivatieAsync(token, ct);
        return g?.TotpGeheim is { } geheim ? new Activatie(g, geheim, TotpCodes.OtpauthUri(geheim, g.Email)) : null;
    }

    public async Task<Result<Gebruiker>> ActiveerAsync(string? token, string? wachtwoord, string? herhaling, string? code, CancellationToken ct)
    {
        var g = await GeldigeActivatieAsync(token, ct);
        if (g?.TotpGeheim is null)
        {
            return OngeldigeLink();
        }

        wachtwoord ??= "";
        if (wachtwoord.Length < MinWachtwoordLengte || wachtwoord.Length > 256)
        {
            return new Fout(AanmeldFoutCodes.WachtwoordOngeschikt, "wachtwoord", $"Kies een wachtwoord van minstens {MinWachtwoordLengte} tekens.");
        }

        var lokaal = g.Email.Split('@')[0];
        if (wachtwoord.Contains(g.Email, StringComparison.OrdinalIgnoreCase) || (lokaal.Length >= 4 && wachtwoord.Contains(lokaal, StringComparison.OrdinalIgnoreCase)))
        {
            return new Fout(AanmeldFoutCodes.WachtwoordOngeschikt, "wachtwoord", "Het wachtwoord mag uw e-mailadres niet bevatten.");
        }

        if (!string.Equals(wachtwoord, herhaling, StringComparison.Ordinal))
        {
            return new Fout(AanmeldFoutCodes.WachtwoordOngeschikt, "herhaling", "De twee wachtwoorden zijn niet gelijk.");
        }

        var nu = clock.GetUtcNow();
        if (TotpCodes.Controleer(g.TotpGeheim, code, nu) is not { } stap)
        {
            return new Fout(AanmeldFoutCodes.TotpOngeldig, "code",
                "De code uit de authenticator-app klopt niet. Controleer of de klok van uw telefoon goed staat en probeer de volgende code.");
        }

        return await store.ActiveerAsync(g.Id, WachtwoordHasher.Hash(wachtwoord), stap, nu, Audit(nu, Actor(g), "gebruiker.geactiveerd", g, null), ct)
            ? Result<Gebruiker>.Ok(g)
            : OngeldigeLink();
    }

    /// <summary>
    /// E-mail, password and code. The password hash is always computed (against a dummy for an unknown address), so
    /// the answer takes as long whether or not the address exists; the refusal text never says which part was wrong.
    /// </summary>
    public async Task<Result<Gebruiker>> MeldAanAsync(string? email, string? wachtwoord, string? code, string? adres, CancellationToken ct)
    {
        var normaal = NormaliseerEmail(email);
        var g = normaal is null ? null : await store.ZoekOpEmailAsync(normaal, ct);
        var wachtwoordKlopt = WachtwoordHasher.Klopt(wachtwoord ?? "", g?.WachtwoordHash);
        var nu = clock.GetUtcNow();
        if (g is null || !g.IsActief)
        {
            return Mislukt();
        }

        if (g.GeblokkeerdTot is { } tot && tot > nu)
        {
            await store.MisluktAsync(g.Id, int.MaxValue, tot, Audit(nu, Actor(g), "gebruiker.aanmelding-geblokkeerd", g, Van(adres)), ct);
            return Geblokkeerd();
        }

        var stap = wachtwoordKlopt && g.TotpGeheim is { } geheim ? TotpCodes.Controleer(geheim, code, nu) : null;
        if (stap is { } s && await store.AangemeldAsync(g.Id, s, nu, Audit(nu, Actor(g), "gebruiker.aangemeld", g, Van(adres)), ct))
        {
            return Result<Gebruiker>.Ok(g);
        }

        var reden = !wachtwoordKlopt ? "wachtwoord onjuist" : stap is null ? "code onjuist" : "code al gebruikt";
        var geblokkeerd = await store.MisluktAsync(g.Id, MaxMislukt, nu + Blokkade,
            Audit(nu, Actor(g), "gebruiker.aanmelding-mislukt", g, $"{reden}{Van(adres)}"), ct);
        return geblokkeerd ? Geblokkeerd() : Mislukt();
    }

    public async Task<Result<Gebruiker>> DeactiveerAsync(string id, string actor, CancellationToken ct)
    {
        var g = await store.ZoekOpIdAsync(id, ct);
        var nu = clock.GetUtcNow();
        return g is not null && await store.DeactiveerAsync(g.Id, nu, Audit(nu, actor, "gebruiker.gedeactiveerd", g, null), ct)
            ? Result<Gebruiker>.Ok(g)
            : Onbekend(id);
    }

    /// <summary>A lost phone: the TOTP enrolment and password are cleared and a new activation link is issued.</summary>
    public async Task<Result<NieuweGebruiker>> ResetTotpAsync(string id, string actor, CancellationToken ct)
    {
        var g = await store.ZoekOpIdAsync(id, ct);
        var nu = clock.GetUtcNow();
        var (token, hash) = NieuwToken();
        return g is not null && await store.ResetTotpAsync(g.Id, hash, nu + ActivatieGeldig, Audit(nu, actor, "gebruiker.totp-gereset", g, null), ct)
            ? Result<NieuweGebruiker>.Ok(new NieuweGebruiker(g, ActivatieUrl(token), nu + ActivatieGeldig))
            : Onbekend(id);
    }

    public Task<IReadOnlyList<Gebruiker>> LijstAsync(CancellationToken ct) => store.LijstAsync(ct);

    public Task<Gebruiker?> ZoekAsync(string id, CancellationToken ct) => store.ZoekOpIdAsync(id, ct);

    public static string Actor(Gebruiker g) => $"persoon:{g.Email}";

    private async Task<Gebruiker?> GeldigeActivatieAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var g = await store.ZoekOpActivatieAsync(TokenHash(token), ct);
        return g is { GedeactiveerdOp: null, ActivatieGeldigTot: { } tot } && tot > clock.GetUtcNow() ? g : null;
    }

    private string ActivatieUrl(string token) => $"{options.Value.BasisUrl.TrimEnd('/')}/beheer/activeren/{token}";

    private static (string Token, string Hash) NieuwToken()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, TokenHash(token));
    }

    private static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? NormaliseerEmail(string? email)
    {
        var e = email?.Trim().ToLowerInvariant();
        return e is { Length: > 3 and <= 254 } && MailAddress.TryCreate(e, out var m) && m.Address == e ? e : null;
    }

    private static string Van(string? adres) => string.IsNullOrEmpty(adres) ? "" : $" vanaf {adres}";

    private static AuditRegel Audit(DateTimeOffset nu, string actor, string actie, Gebruiker g, string? details) =>
        new(nu, actor, actie, $"gebruiker:{g.Id}", string.IsNullOrEmpty(details) ? null : details.TrimStart());

    private static Fout Mislukt() => new(AanmeldFoutCodes.AanmeldenMislukt, null,
        "Aanmelden is niet gelukt: het e-mailadres, het wachtwoord of de code klopt niet.");

    private static Fout Geblokkeerd() => new(AanmeldFoutCodes.AccountGeblokkeerd, null,
        $"Te veel mislukte pogingen: dit account is {Blokkade.TotalMinutes:0} minuten geblokkeerd. Probeer het daarna opnieuw.");

    private static Fout OngeldigeLink() => new(AanmeldFoutCodes.ActivatieOngeldig, null,
        "Deze activeringslink is niet (meer) geldig. Vraag de beheerder om een nieuwe link.");

    private static Fout Onbekend(string id) => new(AanmeldFoutCodes.GebruikerOnbekend, "id", $"Er is geen actief account met id {id}.");
}

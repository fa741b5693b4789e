using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Adapters.Esis.Verificatiecodes;

namespace Hulpvraag.Adapters.Esis.Authenticatie;

public abstract record AuthenticatieUitkomst
{
    private AuthenticatieUitkomst() { }

    public sealed record Geslaagd(EsisRegistratie Registratie) : AuthenticatieUitkomst;

    /// <summary>Missing, malformed, unknown or wrong: deliberately one case, answered identically.</summary>
    public sealed record Ongeldig : AuthenticatieUitkomst;

    public sealed record TeVeelPogingen(TimeSpan WachtTijd) : AuthenticatieUitkomst;
}

/// <summary>
/// Checks <c>X-Esis-Verificatiecode</c>. Every path does the same work: one look-up by BRIN6 (a well-formed dummy for
/// malformed codes) and at least one HMAC and constant-time comparison, so neither the answer nor its timing tells
/// a missing code from an unknown school or a wrong code. A failure is counted and checked against the limits in one
/// atomic step after the comparison; a success is judged by the counts read with the registrations (one round trip,
/// <see cref="IAanmeldOpslag"/>). The comparison between that read and the verdict is local CPU work of microseconds
/// that touches nothing shared, so concurrent guesses (on any instance) are still judged as if they came one after
/// another, and once the limit holds a right code gets the same 429 as a wrong one.
/// </summary>
public sealed class EsisAuthenticator(
    IAanmeldOpslag opslag, IEsisRegistraties registraties, EsisSleutels sleutels, IFoutTellers limiet, TimeProvider clock)
{
    private const string DummyBrin6 = "00AA00";
    private static readonly string DummyCode = DummyBrin6 + "-geen-geldige-code-0000";

    private readonly string _dummyHash = sleutels.Hash(DummyCode);

    public async Task<AuthenticatieUitkomst> AuthenticeerAsync(string? code, string adres, CancellationToken cancellationToken)
    {
        var vormOk = VerificatiecodeRegels.HeeftGeldigeVorm(code);
        var brin6 = vormOk ? VerificatiecodeRegels.Brin6(code!) : null;
        var kandidaat = vormOk ? code! : DummyCode;
        var gegevens = await opslag.LeesAsync(brin6 ?? DummyBrin6, adres, cancellationToken);
        var kandidaten = gegevens.Kandidaten;
        var nu = clock.GetUtcNow();
        EsisRegistratie? gevonden = null;
        var vergeleken = 0;
        foreach (var r in kandidaten)
        {
            vergeleken++;
            if (sleutels.Klopt(kandidaat, r.CodeHash, r.CodeSleutelversie) & vormOk)
            {
                gevonden ??= r;
            }

            if (r.OudeCodeHash is not null && r.OudeCodeGeldigTot > nu)
            {
                vergeleken++;
                if (sleutels.Klopt(kandidaat, r.OudeCodeHash, r.OudeCodeSleutelversie ?? r.CodeSleutelversie) & vormOk)
                {
                    gevonden ??= r;
                }
            }
        }

        if (vergeleken == 0)
        {
            // Unknown school: the same HMAC and comparison as a real check, against a hash nobody can match.
            _ = sleutels.Klopt(kandidaat, _dummyHash, sleutels.HuidigeVersie);
        }

        if (gevonden is null)
        {
            // Which check failed is for the helpdesk's timeline only; the caller gets the same answer whatever it was.
            var reden = code is null ? MislukkingRedenen.Ontbreekt
                : !vormOk ? MislukkingRedenen.VormOngeldig
                : vergeleken == 0 ? MislukkingRedenen.SchoolOnbekend
                : MislukkingRedenen.CodeOnjuist;
            return await limiet.RegistreerMislukkingAsync(new MislukteVerificatie(nu, brin6, adres, reden), cancellationToken) is { } wachtNaFout
                ? new AuthenticatieUitkomst.TeVeelPogingen(wachtNaFout)
                : new AuthenticatieUitkomst.Ongeldig();
        }

        if (gegevens.Blokkade is { } wacht)
        {
            opslag.Geweigerd();
            return new AuthenticatieUitkomst.TeVeelPogingen(wacht);
        }

        if (gevonden.LaatstGebruiktOp is null || nu - gevonden.LaatstGebruiktOp > TimeSpan.FromMinutes(1))
        {
            // At most one write a minute per registration: the helpdesk needs the day, not every request.
            await registraties.RegistreerGebruikAsync(gevonden.Id, nu, cancellationToken);
        }

        return new AuthenticatieUitkomst.Geslaagd(gevonden);
    }
}

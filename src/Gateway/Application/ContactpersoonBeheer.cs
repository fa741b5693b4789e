using Hulpvraag.Core.Adressen;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Velden;
using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Application;

/// <summary>The new contact of a school location; <see cref="VervangtEmail"/> limits the change to the departing IB'er's hulpvragen.</summary>
public sealed record ContactpersoonWissel(string? Naam, string? Email, string? Telefoon, string? Functie, string? VervangtEmail);

/// <summary>
/// The personeelswissel: the contact of every open hulpvraag of a school location (optionally only those of the
/// departing IB'er) becomes the new one, in one transaction with its audit entry. Answers how many changed.
/// </summary>
public sealed class ContactpersoonBeheer(BeheerStore beheer)
{
    public async Task<Result<int>> WisselAsync(string brin, string vestiging, ContactpersoonWissel wissel, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Backoffice))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Backoffice);
        }

        var b = brin.Trim().ToUpperInvariant();
        var v = vestiging.Trim();
        if (!AanvraagValidatie.IsBrin(b) || !AanvraagValidatie.IsVestiging(v))
        {
            return Weigeringen.VeldOngeldig("school", "Geef de school als BRIN en vestiging, bijvoorbeeld /scholen/12AB/00.");
        }

        var fouten = new List<Fout>();
        if (string.IsNullOrWhiteSpace(wissel.Naam))
        {
            fouten.Add(Weigeringen.VeldOntbreekt("naam", "De naam van de nieuwe contactpersoon ontbreekt."));
        }

        Voeg(fouten, VeldRegels.Tekst(wissel.Naam, "naam", VeldRegels.MaxNaam));
        Voeg(fouten, VeldRegels.Tekst(wissel.Telefoon, "telefoon", VeldRegels.MaxTelefoon));
        Voeg(fouten, VeldRegels.Tekst(wissel.Functie, "functie", VeldRegels.MaxNaam));
        Voeg(fouten, Email(wissel.Email, "email"));
        Voeg(fouten, Email(wissel.VervangtEmail, "vervangtEmail"));
        if (fouten.Count > 0)
        {
            return Result<int>.Fail(fouten);
        }

        var nieuw = new Aanvrager(wissel.Naam!.Trim(), Leeg(wissel.Email), Leeg(wissel.Telefoon), Leeg(wissel.Functie));
        return Result<int>.Ok(await beheer.WisselContactpersoonAsync(b, v, nieuw, Leeg(wissel.VervangtEmail), actor.Naam, cancellationToken));
    }

    private static Fout? Email(string? waarde, string veld) =>
        string.IsNullOrWhiteSpace(waarde) || EmailAdres.IsGeldig(waarde.Trim()) ? null : Weigeringen.VeldOngeldig(veld, EmailAdres.Melding(veld));

    private static void Voeg(List<Fout> fouten, Fout? fout)
    {
        if (fout is not null)
        {
            fouten.Add(fout);
        }
    }

    private static string? Leeg(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

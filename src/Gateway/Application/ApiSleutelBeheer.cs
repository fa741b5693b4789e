using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Velden;
using Hulpvraag.Gateway.Admin;

namespace Hulpvraag.Gateway.Application;

/// <summary>Admin API keys: created (shown once), listed, revoked; admin only; each write audited in its own transaction.</summary>
public sealed class ApiSleutelBeheer(ApiKeyStore sleutels)
{
    public const int MaxNaam = 100;

    public async Task<Result<NieuweApiSleutel>> MaakAsync(string? naam, string? rol, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Admin))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Admin);
        }

        var fouten = new List<Fout>();
        if (string.IsNullOrWhiteSpace(naam))
        {
            fouten.Add(Weigeringen.VeldOntbreekt("naam", "Geef de sleutel een naam, bijvoorbeeld de naam van het systeem of de persoon die hem gebruikt."));
        }
        else if (VeldRegels.Tekst(naam, "naam", MaxNaam) is { } fout)
        {
            fouten.Add(fout);
        }

        var r = rol?.Trim().ToLowerInvariant();
        if (r is null || !Rollen.Alle.Contains(r))
        {
            fouten.Add(Weigeringen.VeldOngeldig("rol", $"Kies als rol {string.Join(", ", Rollen.Alle)}."));
        }

        return fouten.Count > 0
            ? Result<NieuweApiSleutel>.Fail(fouten)
            : Result<NieuweApiSleutel>.Ok(await sleutels.MaakAsync(naam!.Trim(), r!, actor.Naam, cancellationToken));
    }

    public async Task<Result<IReadOnlyList<ApiSleutelInfo>>> LijstAsync(ICurrentActor actor, CancellationToken cancellationToken) =>
        actor.Mag(Bevoegdheid.Admin)
            ? Result<IReadOnlyList<ApiSleutelInfo>>.Ok(await sleutels.LijstAsync(cancellationToken))
            : Weigeringen.GeenToegang(Bevoegdheid.Admin);

    public async Task<Result<Gedaan>> TrekInAsync(string id, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!actor.Mag(Bevoegdheid.Admin))
        {
            return Weigeringen.GeenToegang(Bevoegdheid.Admin);
        }

        return id.Length <= 64 && await sleutels.TrekInAsync(id.Trim(), actor.Naam, cancellationToken)
            ? Result<Gedaan>.Ok(default)
            : Weigeringen.NietGevonden("id", $"Er is geen actieve API-sleutel met id {Zoekvragen.Kort(id)}.");
    }
}

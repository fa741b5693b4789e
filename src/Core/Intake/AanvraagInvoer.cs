using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Intake;

/// <summary>
/// What an adapter hands to the intake service, still unvalidated: strings as received. The core validates and
/// names fields canonically (<c>leerling.achternaam</c>); <see cref="VeldNamen"/> lets an adapter rename them to
/// what its sender knows (<c>korteOmschrijving</c> for Esis).
/// </summary>
public sealed record AanvraagInvoer
{
    public required string Systeem { get; init; }
    public required string Referentie { get; init; }
    public string? Brin { get; init; }
    public string? Vestiging { get; init; }
    public string? Koppelsleutel { get; init; }
    public string? Samenwerkingsverband { get; init; }
    public string? Titel { get; init; }
    public string? Omschrijving { get; init; }
    public string? Niveau { get; init; }
    public LeerlingInvoer? Leerling { get; init; }
    public AanvragerInvoer? Aanvrager { get; init; }
    public IReadOnlyList<OntvangenBijlage> Bijlagen { get; init; } = [];

    /// <summary>Warnings the adapter found while mapping (e.g. PERSOONSNUMMER_VERWIJDERD).</summary>
    public IReadOnlyList<Waarschuwing> AdapterWaarschuwingen { get; init; } = [];

    /// <summary>OSO answers asynchronously: the first processing result goes back as a callback ("Ontvangen").</summary>
    public bool MeldOntvangstTerug { get; init; }

    public IReadOnlyDictionary<string, string>? VeldNamen { get; init; }

    public string Veld(string canoniek) =>
        VeldNamen is not null && VeldNamen.TryGetValue(canoniek, out var naam) ? naam : canoniek;
}

public sealed record LeerlingInvoer(
    string? LeerlingId,
    string? Roepnaam,
    string? Voornamen,
    string? Tussenvoegsel,
    string? Achternaam,
    string? Geboortedatum,
    string? Geslacht,
    string? Groep);

public sealed record AanvragerInvoer(string? Naam, string? Email, string? Telefoon, string? Functie);

/// <summary>Seekable access to an attachment's decoded bytes, already staged outside memory by the edge.</summary>
public interface IBijlageInhoud
{
    Stream OpenRead();
}

/// <summary>An attachment decoded, measured and hashed by the edge while it streamed in.</summary>
public sealed record OntvangenBijlage(
    string Bestandsnaam,
    string? Omschrijving,
    string? Categorie,
    string? OpgegevenContentType,
    long Grootte,
    string Sha256,
    IBijlageInhoud Inhoud)
{
    /// <summary>Field name for refusals, e.g. <c>bijlagen[2]</c>.</summary>
    public string Veld { get; init; } = "bijlagen";
}

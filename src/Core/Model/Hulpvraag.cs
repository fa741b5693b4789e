using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Core.Model;

public static class BronSystemen
{
    public const string ParnasSys = "parnassys";
    public const string Esis = "esis";
}

public static class Niveaus
{
    public const string Leerling = "leerling";
    public const string School = "school";
}

/// <summary>The key a source uses for its own hulpvraag; resubmissions and later attachments are matched on it.</summary>
public sealed record BronSleutel(string Systeem, string Brin, string Referentie);

/// <summary>
/// Where a hulpvraag came from. <see cref="Koppelsleutel"/> names the koppeling it arrived through, so callbacks go back
/// the same way: for OSO the koppelsleutel of the notificatie, for Esis the id of the school's registration (its
/// koppeling with the gateway). Stored in the column <c>kanaal</c>, its name before the outbox took that word for channels.
/// </summary>
public sealed record Bron(string Systeem, string Referentie, string Brin, string Vestiging, string? Koppelsleutel)
{
    public BronSleutel Sleutel => new(Systeem, Brin, Referentie);
    public string Brin6 => Brin + Vestiging;
}

public sealed record Leerling(
    string? LeerlingId,
    string? Roepnaam,
    string? Voornamen,
    string? Tussenvoegsel,
    string Achternaam,
    DateOnly? Geboortedatum,
    string? Geslacht,
    string? Groep);

public sealed record Aanvrager(string Naam, string? Email, string? Telefoon, string? Functie);

public sealed record BijlageInfo(
    Guid Id,
    string Bestandsnaam,
    string? Omschrijving,
    string Categorie,
    string ContentType,
    long Grootte,
    string Sha256,
    DateTimeOffset OntvangenOp);

public sealed record StatusInfo(string Code, string? Kwalificatie, string? Toelichting, DateTimeOffset Sinds);

public sealed record StatusHistorieItem(
    string? Van,
    string Naar,
    string? Kwalificatie,
    string? Toelichting,
    string Door,
    DateTimeOffset Op);

/// <summary>The canonical hulpvraag, one model for both sources (spec README "Canonical hulpvraag").</summary>
public sealed record Hulpvraag
{
    public required long Dossiernummer { get; init; }
    public required Bron Bron { get; init; }
    public required string Samenwerkingsverband { get; init; }
    public required string Titel { get; init; }
    public required string TitelOrigineel { get; init; }
    public required string Omschrijving { get; init; }
    public required string Niveau { get; init; }
    public Leerling? Leerling { get; init; }
    public required Aanvrager Aanvrager { get; init; }
    public IReadOnlyList<BijlageInfo> Bijlagen { get; init; } = [];
    public required StatusInfo Status { get; init; }
    public IReadOnlyList<StatusHistorieItem> StatusHistorie { get; init; } = [];
    public IReadOnlyList<Waarschuwing> Waarschuwingen { get; init; } = [];
    public required DateTimeOffset OntvangenOp { get; init; }
    public required DateTimeOffset BijgewerktOp { get; init; }
    public required int Versie { get; init; }
}

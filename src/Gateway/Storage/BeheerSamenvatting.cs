using System.Text.Json;
using Hulpvraag.Core.Model;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// One hulpvraag as a line in a list: the row both the admin API's search (<see cref="BeheerStore"/>, as
/// <see cref="HulpvraagSamenvatting"/>) and the helpdesk's list and export (<see cref="BeheerLijstStore"/>, as
/// <see cref="LijstRegel"/>) read, with the same columns, so a column added to one list cannot be missing from the other.
/// </summary>
internal sealed class SamenvattingRij
{
    /// <summary>The SELECT list that fills this row.</summary>
    public const string Kolommen = """
        dossiernummer, systeem, referentie, brin, vestiging, titel, status_code, status_kwalificatie, ontvangen_op,
            bijgewerkt_op, versie, leerling_json, aanvrager_json
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long Dossiernummer { get; set; }
    public string Systeem { get; set; } = "";
    public string Referentie { get; set; } = "";
    public string Brin { get; set; } = "";
    public string Vestiging { get; set; } = "";
    public string Titel { get; set; } = "";
    public string StatusCode { get; set; } = "";
    public string? StatusKwalificatie { get; set; }
    public DateTimeOffset OntvangenOp { get; set; }
    public DateTimeOffset BijgewerktOp { get; set; }
    public int Versie { get; set; }
    public string? LeerlingJson { get; set; }
    public string AanvragerJson { get; set; } = "";

    private string AanvragerNaam => JsonSerializer.Deserialize<Aanvrager>(AanvragerJson, Json)?.Naam ?? "";

    public HulpvraagSamenvatting NaarSamenvatting() => new(Dossiernummer, Systeem, Referentie, Brin, Vestiging, Titel, StatusCode,
        StatusKwalificatie, OntvangenOp, BijgewerktOp, Versie, AanvragerNaam);

    /// <summary>With the pupil's name (roepnaam, tussenvoegsel, achternaam) for the page; none for a school-level hulpvraag.</summary>
    public LijstRegel NaarRegel()
    {
        var leerling = LeerlingJson is null ? null : JsonSerializer.Deserialize<Leerling>(LeerlingJson, Json);
        var naam = leerling is null ? null
            : string.Join(' ', new[] { leerling.Roepnaam, leerling.Tussenvoegsel, leerling.Achternaam }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new(Dossiernummer, Systeem, Referentie, Brin, Vestiging, Titel, StatusCode, StatusKwalificatie, OntvangenOp, Versie,
            naam, AanvragerNaam);
    }
}

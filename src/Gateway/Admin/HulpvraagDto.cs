using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Statussen;

namespace Hulpvraag.Gateway.Admin;

/// <summary>The canonical hulpvraag as the admin API shows it (field names as in the spec).</summary>
public sealed record HulpvraagDto(
    long Dossiernummer,
    Bron Bron,
    string Samenwerkingsverband,
    string Titel,
    string TitelOrigineel,
    string Omschrijving,
    string Niveau,
    Leerling? Leerling,
    Aanvrager Aanvrager,
    IReadOnlyList<BijlageInfo> Bijlagen,
    StatusDto Status,
    IReadOnlyList<StatusHistorieItem> StatusHistorie,
    IReadOnlyList<Waarschuwing> Waarschuwingen,
    DateTimeOffset OntvangenOp,
    DateTimeOffset BijgewerktOp,
    int Versie)
{
    public static HulpvraagDto Van(Core.Model.Hulpvraag h) => new(
        h.Dossiernummer, h.Bron, h.Samenwerkingsverband, h.Titel, h.TitelOrigineel, h.Omschrijving, h.Niveau, h.Leerling,
        h.Aanvrager, h.Bijlagen, StatusDto.Van(h.Status), h.StatusHistorie, h.Waarschuwingen, h.OntvangenOp, h.BijgewerktOp, h.Versie);
}

public sealed record StatusDto(string Code, string Weergave, string? Kwalificatie, string? Toelichting, DateTimeOffset Sinds)
{
    public static StatusDto Van(StatusInfo s) => new(s.Code, StatusCatalogus.Weergave(s.Code, s.Kwalificatie), s.Kwalificatie, s.Toelichting, s.Sinds);
}

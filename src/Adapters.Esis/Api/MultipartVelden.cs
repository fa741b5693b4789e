using Hulpvraag.Core.Intake;

namespace Hulpvraag.Adapters.Esis.Api;

/// <summary>The text parts (omschrijving, categorie) of a multipart upload waiting for the file part they describe.</summary>
internal sealed class MultipartVelden
{
    public string? Omschrijving { get; private set; }
    public string? Categorie { get; private set; }
    public bool Gezet => Omschrijving is not null || Categorie is not null;

    private bool _dubbel;

    public void Zet(string naam, string waarde)
    {
        if (naam == "omschrijving")
        {
            _dubbel |= Omschrijving is not null;
            Omschrijving = waarde;
        }
        else
        {
            _dubbel |= Categorie is not null;
            Categorie = waarde;
        }
    }

    /// <summary>Trailing fields for the only file, or null when a field would overwrite one the file already has.</summary>
    public OntvangenBijlage? Aanvullen(OntvangenBijlage bijlage) =>
        _dubbel || (Omschrijving is not null && bijlage.Omschrijving is not null) || (Categorie is not null && bijlage.Categorie is not null)
            ? null
            : bijlage with { Omschrijving = Omschrijving ?? bijlage.Omschrijving, Categorie = Categorie ?? bijlage.Categorie };
}

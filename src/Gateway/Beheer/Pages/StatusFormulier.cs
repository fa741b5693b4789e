using Hulpvraag.Gateway.Beheer.Lijsten;

namespace Hulpvraag.Gateway.Beheer.Pages;

/// <summary>The "Status wijzigen" form: the choices come from the status rules; the hulpvraag's versie guards against overwriting.</summary>
public sealed record StatusFormulier(long Dossiernummer, int Versie, IReadOnlyList<StatusKeuze> Keuzes)
{
    public string? Fout { get; init; }

    public string? GekozenStatus { get; init; }

    public string? Kwalificatie { get; init; }

    public string? Toelichting { get; init; }

    public static StatusFormulier Voor(Core.Model.Hulpvraag h) => new(h.Dossiernummer, h.Versie, StatusKeuzes.Toegestaan(h));
}

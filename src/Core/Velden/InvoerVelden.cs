using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;

namespace Hulpvraag.Core.Velden;

/// <summary>The field rules of <see cref="VeldRegels"/> for the person fields of an intake, named as the sender knows them.</summary>
internal static class InvoerVelden
{
    public static void Controleer(AanvraagInvoer invoer, List<Fout> fouten)
    {
        if (invoer.Leerling is { } l)
        {
            VeldRegels.Controleer(fouten, l.LeerlingId, invoer.Veld("leerling.leerlingId"), VeldRegels.MaxLeerlingId);
            VeldRegels.Controleer(fouten, l.Roepnaam, invoer.Veld("leerling.roepnaam"), VeldRegels.MaxNaam);
            VeldRegels.Controleer(fouten, l.Voornamen, invoer.Veld("leerling.voornamen"), VeldRegels.MaxNaam);
            VeldRegels.Controleer(fouten, l.Tussenvoegsel, invoer.Veld("leerling.tussenvoegsel"), VeldRegels.MaxTussenvoegsel);
            VeldRegels.Controleer(fouten, l.Achternaam, invoer.Veld("leerling.achternaam"), VeldRegels.MaxNaam);
            VeldRegels.Controleer(fouten, l.Geslacht, invoer.Veld("leerling.geslacht"), VeldRegels.MaxKort);
            VeldRegels.Controleer(fouten, l.Groep, invoer.Veld("leerling.groep"), VeldRegels.MaxKort);
        }

        if (invoer.Aanvrager is { } a)
        {
            VeldRegels.Controleer(fouten, a.Naam, invoer.Veld("aanvrager.naam"), VeldRegels.MaxNaam);
            VeldRegels.Controleer(fouten, a.Telefoon, invoer.Veld("aanvrager.telefoon"), VeldRegels.MaxTelefoon);
            VeldRegels.Controleer(fouten, a.Functie, invoer.Veld("aanvrager.functie"), VeldRegels.MaxNaam);
        }
    }
}

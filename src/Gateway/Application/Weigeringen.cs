using Hulpvraag.Core.Fouten;

namespace Hulpvraag.Gateway.Application;

/// <summary>The refusals every application service shares, with one wording each.</summary>
public static class Weigeringen
{
    public static Fout GeenToegang(Bevoegdheid nodig) => new(FoutCodes.GeenToegang, null, nodig switch
    {
        Bevoegdheid.Helpdesk => "Deze handeling is voor de helpdesk (of een beheerder). Uw rol staat dit niet toe.",
        Bevoegdheid.Backoffice => "Deze handeling is voor de backoffice (of een beheerder). Uw rol staat dit niet toe.",
        Bevoegdheid.Admin => "Deze handeling is alleen voor beheerders. Uw rol staat dit niet toe.",
        _ => "Uw rol staat deze handeling niet toe.",
    });

    public static Fout NietGevonden(string veld, string melding) => new(FoutCodes.NietGevonden, veld, melding);

    public static Fout VeldOntbreekt(string veld, string melding) => new(FoutCodes.VerplichtVeldOntbreekt, veld, melding);

    public static Fout VeldOngeldig(string veld, string melding) => new(FoutCodes.VeldOngeldig, veld, melding);
}

namespace Hulpvraag.Core.Fouten;

/// <summary>The machine-readable error codes of the spec (README "Error codes"): identical in SOAP fault details and JSON problem details.</summary>
public static class FoutCodes
{
    public const string BestemmingOnjuist = "BESTEMMING_ONJUIST";
    public const string TitelOnbekend = "TITEL_ONBEKEND";
    public const string VerplichtVeldOntbreekt = "VERPLICHT_VELD_ONTBREEKT";
    public const string VeldOngeldig = "VELD_ONGELDIG";
    public const string BijlageTeGroot = "BIJLAGE_TE_GROOT";
    public const string BijlageTypeNietToegestaan = "BIJLAGE_TYPE_NIET_TOEGESTAAN";
    public const string BijlageOnleesbaar = "BIJLAGE_ONLEESBAAR";
    public const string VerificatiecodeOngeldig = "VERIFICATIECODE_ONGELDIG";
    public const string SchoolKomtNietOvereen = "SCHOOL_KOMT_NIET_OVEREEN";
    public const string TeVeelPogingen = "TE_VEEL_POGINGEN";
    public const string HandtekeningOngeldig = "HANDTEKENING_ONGELDIG";
    public const string CertificaatNietVertrouwd = "CERTIFICAAT_NIET_VERTROUWD";
    public const string GeenMandaat = "GEEN_MANDAAT";
    public const string BerichtVerlopen = "BERICHT_VERLOPEN";
    public const string BerichtHerhaald = "BERICHT_HERHAALD";
    public const string DossierOnbekend = "DOSSIER_ONBEKEND";
    public const string StatusovergangNietToegestaan = "STATUSOVERGANG_NIET_TOEGESTAAN";

    /// <summary>OSO: the notificatie's koppelsleutel already belongs to another school's aanvraag; nothing stored or fetched (409).</summary>
    public const string KoppelsleutelInGebruik = "KOPPELSLEUTEL_IN_GEBRUIK";

    /// <summary>Optimistic concurrency: the caller's expected version is stale. Not in the spec's table; mapped to 409.</summary>
    public const string VersieVerouderd = "VERSIE_VEROUDERD";

    /// <summary>Admin surfaces: no (valid) API key or sign-in. Not in the spec's table; 401.</summary>
    public const string NietAangemeld = "NIET_AANGEMELD";

    /// <summary>Admin surfaces: signed in, but the role does not allow this action. Not in the spec's table; 403.</summary>
    public const string GeenToegang = "GEEN_TOEGANG";

    /// <summary>Admin surfaces: the named thing (callback, notificatie, registratie, mandaat, endpoint, API key) does not exist. 404.</summary>
    public const string NietGevonden = "NIET_GEVONDEN";

    /// <summary>The database is unreachable or restarting: nothing was stored, try again shortly (503).</summary>
    public const string OpslagOnbereikbaar = "OPSLAG_ONBEREIKBAAR";

    /// <summary>No room to stage an attachment: nothing was stored (503).</summary>
    public const string OpslagVol = "OPSLAG_VOL";

    /// <summary>The HTTP message itself is broken (chunked coding, Content-Length, unfinished multipart): 400.</summary>
    public const string BerichtOnleesbaar = "BERICHT_ONLEESBAAR";

    /// <summary>The route exists, but not for this HTTP method: 405.</summary>
    public const string MethodeNietToegestaan = "METHODE_NIET_TOEGESTAAN";

    /// <summary>The body is not in a format this route reads: 415.</summary>
    public const string InhoudstypeNietOndersteund = "INHOUDSTYPE_NIET_ONDERSTEUND";

    /// <summary>A fault of the gateway itself (a bug): 500, nothing stored.</summary>
    public const string InterneFout = "INTERNE_FOUT";

    public static int HttpStatus(string code) => code switch
    {
        BerichtOnleesbaar => 400,
        MethodeNietToegestaan => 405,
        InhoudstypeNietOndersteund => 415,
        InterneFout => 500,
        BijlageTeGroot => 413,
        VerificatiecodeOngeldig => 401,
        SchoolKomtNietOvereen => 403,
        TeVeelPogingen => 429,
        BerichtHerhaald => 409,
        VersieVerouderd => 409,
        KoppelsleutelInGebruik => 409,
        DossierOnbekend => 404,
        NietAangemeld => 401,
        GeenToegang => 403,
        NietGevonden => 404,
        OpslagOnbereikbaar or OpslagVol => 503,
        _ => 422,
    };
}

public static class WaarschuwingCodes
{
    public const string GeenOpp = "GEEN_OPP";
    public const string BestandsnaamNietBeschrijvend = "BESTANDSNAAM_NIET_BESCHRIJVEND";
    public const string PersoonsnummerVerwijderd = "PERSOONSNUMMER_VERWIJDERD";
}

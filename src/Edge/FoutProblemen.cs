using Hulpvraag.Core.Fouten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hulpvraag.Edge;

/// <summary>
/// The one mapping of expected failures (data) to HTTP for every JSON surface (Esis API, admin API, the host's own
/// refusals): RFC 9457 problem details with the spec's members <c>code</c> and <c>fouten</c>.</summary>
public static class FoutProblemen
{
    public static ProblemHttpResult Problem(IReadOnlyList<Fout> fouten)
    {
        var eerste = fouten[0];
        var status = FoutCodes.HttpStatus(eerste.Code);
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = eerste.Code,
            ["fouten"] = fouten.Select(f => new FoutRegel(f.Veld, f.Code, f.Melding, f.Suggesties, f.Regel)).ToList(),
        };
        return TypedResults.Problem(
            detail: fouten.Count == 1 ? eerste.Melding : $"{eerste.Melding} (en nog {fouten.Count - 1} andere fout(en), zie 'fouten')",
            statusCode: status,
            title: Titel(eerste.Code),
            type: $"urn:hulpvraag-gateway:fout:{eerste.Code}",
            extensions: extensions);
    }

    public static ProblemHttpResult Problem(Fout fout) => Problem([fout]);

    private static string Titel(string code) => code switch
    {
        FoutCodes.BestemmingOnjuist => "Verkeerde bestemming",
        FoutCodes.TitelOnbekend => "Onbekende titel",
        FoutCodes.VerplichtVeldOntbreekt => "Verplicht veld ontbreekt",
        FoutCodes.VeldOngeldig => "Ongeldig veld",
        FoutCodes.BijlageTeGroot => "Bijlage te groot",
        FoutCodes.BijlageTypeNietToegestaan => "Bestandstype niet toegestaan",
        FoutCodes.BijlageOnleesbaar => "Bijlage onleesbaar",
        FoutCodes.VerificatiecodeOngeldig => "Verificatiecode ongeldig",
        FoutCodes.SchoolKomtNietOvereen => "School komt niet overeen",
        FoutCodes.TeVeelPogingen => "Te veel pogingen",
        FoutCodes.DossierOnbekend => "Dossier onbekend",
        FoutCodes.StatusovergangNietToegestaan => "Statusovergang niet toegestaan",
        FoutCodes.VersieVerouderd => "Versie verouderd",
        FoutCodes.BerichtHerhaald => "Bericht herhaald",
        _ => "Aanvraag geweigerd",
    };

    public sealed record FoutRegel(string? Veld, string Code, string Melding, IReadOnlyList<string>? Suggesties, string? Regel);
}

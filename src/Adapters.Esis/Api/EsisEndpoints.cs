using System.Text.Json;
using System.Text.RegularExpressions;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Logboek;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Hulpvraag.Core.Velden;
using Hulpvraag.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Hulpvraag.Adapters.Esis.Api;

/// <summary>The Esis API (spec esis.md): send or resend, add attachments later, read the status.</summary>
public static partial class EsisEndpoints
{
    public const long MaxBody = 64L * 1024 * 1024;

    /// <summary>COR_E_IO: the HResult of an IOException raised by managed code rather than by the OS.</summary>
    private const int KaleIoFout = unchecked((int)0x80131620);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex AanvraagIdPatroon();

    public static IEndpointRouteBuilder MapEsis(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/esis/v1/aanvragen").WithTags("Esis").AddEndpointFilter<EsisAuthFilter>();
        group.MapPut("/{aanvraagId}", VerstuurAsync);
        group.MapPost("/{aanvraagId}/bijlagen", BijlagenAsync);
        group.MapGet("/{aanvraagId}", LeesAsync);
        endpoints.MapGet("/openapi/v1.json", () => TypedResults.Bytes(OpenApiDocument.Value, "application/json")).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The committed OpenAPI document (schemas/esis/openapi.json), embedded at build time.</summary>
    public static readonly Lazy<byte[]> OpenApiDocument = new(() =>
    {
        using var stream = typeof(EsisEndpoints).Assembly.GetManifestResourceStream("esis-openapi.json")!;
        using var kopie = new MemoryStream();
        stream.CopyTo(kopie);
        return kopie.ToArray();
    });

    internal static async Task<IResult> VerstuurAsync(string aanvraagId, HttpContext http, IntakeService intake, IBijlageStaging staging)
    {
        var ct = http.RequestAborted;
        var registratie = EsisAuthFilter.Registratie(http);
        if (OngeldigId(aanvraagId) is { } idFout)
        {
            return idFout;
        }

        if (!http.Request.HasJsonContentType())
        {
            return await WeigerAsync(http, registratie.Brin, registratie.Vestiging, aanvraagId,
                new Fout(FoutCodes.VeldOngeldig, "Content-Type", "Stuur de aanvraag als JSON (Content-Type: application/json)."), ct);
        }

        await using var scope = new EsisStagingScope(staging).Activeer();
        var json = await LeesJsonAsync(http, EsisJsonContext.Default.AanvraagJson);
        if (json.Fout is not null)
        {
            return await WeigerAsync(http, registratie.Brin, registratie.Vestiging, aanvraagId, json.Fout, ct);
        }

        var body = json.Waarde!;
        if (string.IsNullOrWhiteSpace(body.School?.Brin) || string.IsNullOrWhiteSpace(body.School?.Vestiging))
        {
            // Without a school there is nothing to compare the code's school with: a missing field, not another school.
            var ontbreekt = new Fout(FoutCodes.VerplichtVeldOntbreekt, body.School is null ? "school" : "school.brin",
                "De school (brin en vestiging) ontbreekt in de aanvraag.");
            await Weiger(http, registratie.Brin, registratie.Vestiging, aanvraagId, [ontbreekt], ct);
            return FoutProblemen.Problem(ontbreekt);
        }

        if (!string.Equals(body.School?.Brin?.Trim(), registratie.Brin, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(body.School?.Vestiging?.Trim(), registratie.Vestiging, StringComparison.Ordinal))
        {
            return await AndereSchoolAsync(http, registratie.Brin, registratie.Vestiging, aanvraagId, ct);
        }

        var invoer = EsisMapping.NaarInvoer(aanvraagId, body, registratie);
        if (!invoer.IsSuccess)
        {
            await Weiger(http, registratie.Brin, registratie.Vestiging, aanvraagId, invoer.Fouten, ct);
            return FoutProblemen.Problem(invoer.Fouten);
        }

        var resultaat = await intake.IndienenAsync(invoer.Value!, ct);
        if (!resultaat.IsSuccess)
        {
            return FoutProblemen.Problem(resultaat.Fouten);
        }

        var antwoord = EsisMapping.Antwoord(resultaat.Value!.Hulpvraag);
        return resultaat.Value.Resultaat == IntakeResultaat.Aangemaakt
            ? TypedResults.Created($"/esis/v1/aanvragen/{aanvraagId}", antwoord)
            : TypedResults.Ok(antwoord);
    }

    internal static async Task<IResult> BijlagenAsync(string aanvraagId, HttpContext http, IntakeService intake, IHulpvraagStore store, IBijlageStaging staging)
    {
        var ct = http.RequestAborted;
        var registratie = EsisAuthFilter.Registratie(http);
        if (OngeldigId(aanvraagId) is { } idFout)
        {
            return idFout;
        }

        var sleutel = new BronSleutel(BronSystemen.Esis, registratie.Brin, aanvraagId);
        var bestaand = await store.FindByBronAsync(sleutel, ct);
        if (bestaand is null || bestaand.Bron.Vestiging != registratie.Vestiging)
        {
            return Onbekend(aanvraagId);
        }

        await using var scope = new EsisStagingScope(staging).Activeer();
        Result<IReadOnlyList<OntvangenBijlage>> bijlagen;
        if (http.Request.HasFormContentType && MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            bijlagen = await LeesMultipartAsync(http, mediaType, scope, ct);
        }
        else if (http.Request.HasJsonContentType())
        {
            var json = await LeesJsonAsync(http, EsisJsonContext.Default.BijlagenJson);
            if (json.Fout is not null)
            {
                return await WeigerAsync(http, registratie.Brin, registratie.Vestiging, aanvraagId, json.Fout, ct);
            }

            bijlagen = EsisMapping.NaarBijlagen(json.Waarde!.Bijlagen);
        }
        else
        {
            return await WeigerAsync(http, registratie.Brin, registratie.Vestiging, aanvraagId,
                new Fout(FoutCodes.VeldOngeldig, "Content-Type", "Stuur bijlagen als JSON of als multipart/form-data."), ct);
        }

        if (!bijlagen.IsSuccess)
        {
            await Weiger(http, registratie.Brin, registratie.Vestiging, aanvraagId, bijlagen.Fouten, ct);
            return FoutProblemen.Problem(bijlagen.Fouten);
        }

        var resultaat = await intake.BijlagenToevoegenAsync(sleutel, registratie.Vestiging, bijlagen.Value!, ct);
        return resultaat.IsSuccess
            ? TypedResults.Ok(EsisMapping.Antwoord(resultaat.Value!.Hulpvraag))
            : FoutProblemen.Problem(resultaat.Fouten);
    }

    internal static async Task<IResult> LeesAsync(string aanvraagId, HttpContext http, IHulpvraagStore store)
    {
        var registratie = EsisAuthFilter.Registratie(http);
        if (OngeldigId(aanvraagId) is { } idFout)
        {
            return idFout;
        }

        var h = await store.FindByBronAsync(new BronSleutel(BronSystemen.Esis, registratie.Brin, aanvraagId), http.RequestAborted);
        return h is null || h.Bron.Vestiging != registratie.Vestiging
            ? Onbekend(aanvraagId)
            : TypedResults.Ok(EsisMapping.Detail(h));
    }

    /// <summary>
    /// One part per file; text parts <c>omschrijving</c> and <c>categorie</c> apply to the file part that follows them.
    /// With a single file they apply to it whatever their order (<c>curl -F bestand=@x -F omschrijving=…</c>); with
    /// several files, text parts after the last file are refused rather than silently dropped or guessed.
    /// </summary>
    private static async Task<Result<IReadOnlyList<OntvangenBijlage>>> LeesMultipartAsync(
        HttpContext http, MediaTypeHeaderValue mediaType, EsisStagingScope scope, CancellationToken ct)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 100)
        {
            return new Fout(FoutCodes.VeldOngeldig, "Content-Type", "Het multipart-bericht heeft geen geldige boundary.");
        }

        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024 };
        var bijlagen = new List<OntvangenBijlage>();
        var fouten = new List<Fout>();
        var velden = new MultipartVelden();
        var index = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } sectie)
            {
                if (!ContentDispositionHeaderValue.TryParse(sectie.ContentDisposition, out var dispositie))
                {
                    continue;
                }

                if (dispositie.IsFileDisposition())
                {
                    if (index == VeldRegels.MaxBijlagenPerAanvraag)
                    {
                        // Refused before the next file is staged: the count limit applies before the work.
                        return VeldRegels.TeVeelBijlagenInAanvraag("bijlagen", index + 1);
                    }

                    var naam = HeaderUtilities.RemoveQuotes(dispositie.FileName).Value ?? "";
                    var veld = $"bijlagen[{index++}]";
                    var staged = scope.Voeg(await scope.Staging.StageAsync(sectie.Body, BijlageCodering.Binair, Core.Bijlagen.BijlageRegels.MaxGrootte, ct));
                    if (EsisMapping.Controleer(staged, naam, veld) is { } fout)
                    {
                        fouten.Add(fout);
                    }
                    else
                    {
                        bijlagen.Add(new OntvangenBijlage(naam, velden.Omschrijving, velden.Categorie, sectie.ContentType, staged.Grootte, staged.Sha256, staged.Inhoud) { Veld = veld });
                    }

                    velden = new MultipartVelden();
                }
                else if (dispositie.IsFormDisposition())
                {
                    var naam = HeaderUtilities.RemoveQuotes(dispositie.Name).Value;
                    if (naam is "omschrijving" or "categorie")
                    {
                        var max = naam == "omschrijving" ? VeldRegels.MaxBijlageOmschrijving : VeldRegels.MaxCategorie;
                        var (waarde, lengte) = await LeesBegrensdAsync(sectie.Body, max, ct);
                        if (lengte > max)
                        {
                            fouten.Add(new Fout(FoutCodes.VeldOngeldig, $"bijlagen[{index}].{naam}",
                                $"'{naam}' is te lang: hoogstens {max} tekens (nu {lengte}). Tekst wordt niet ingekort; maak hem korter.") { Regel = VeldRegels.RegelMaxLengte });
                        }
                        else
                        {
                            velden.Zet(naam, waarde);
                        }
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            return new Fout(FoutCodes.BijlageOnleesbaar, "body", "Het multipart-bericht is afgebroken of ongeldig. Stuur de bijlagen opnieuw.");
        }
        catch (IOException ex) when (!ct.IsCancellationRequested && ex.GetType() == typeof(IOException) && ex.HResult == KaleIoFout)
        {
            // The reader's "unexpected end of stream": the body ended before the closing boundary (or was empty). File
            // system errors carry the OS error number instead, and go to the outage handling.
            return new Fout(FoutCodes.BerichtOnleesbaar, "body", "Het multipart-bericht eindigt zonder afsluitende boundary of is leeg. Stuur de bijlagen opnieuw.");
        }

        if (velden.Gezet && fouten.Count == 0)
        {
            if (index == 1 && bijlagen.Count == 1 && velden.Aanvullen(bijlagen[0]) is { } aangevuld)
            {
                bijlagen[0] = aangevuld;
            }
            else
            {
                fouten.Add(new Fout(FoutCodes.VeldOngeldig, velden.Omschrijving is not null ? "omschrijving" : "categorie",
                    "Er staan velden (omschrijving, categorie) na het laatste bestand, of twee keer voor één bestand. Zet ze vóór het bestand waar ze bij horen.") { Regel = "volgorde" });
            }
        }

        if (fouten.Count > 0)
        {
            return Result<IReadOnlyList<OntvangenBijlage>>.Fail(fouten);
        }

        return bijlagen.Count == 0
            ? new Fout(FoutCodes.VerplichtVeldOntbreekt, "bijlagen", "Er zijn geen bestanden meegestuurd.")
            : Result<IReadOnlyList<OntvangenBijlage>>.Ok(bijlagen);
    }

    /// <summary>Keeps at most <paramref name="max"/> + 1 characters but counts them all, so a refusal says the real length.</summary>
    private static async Task<(string Waarde, long Lengte)> LeesBegrensdAsync(Stream body, int max, CancellationToken ct)
    {
        using var reader = new StreamReader(body);
        var bewaard = new System.Text.StringBuilder();
        var buffer = new char[4096];
        long lengte = 0;
        int n;
        while ((n = await reader.ReadAsync(buffer, ct)) > 0)
        {
            lengte += n;
            if (bewaard.Length <= max)
            {
                bewaard.Append(buffer, 0, Math.Min(n, max + 1 - bewaard.Length));
            }
        }

        return (bewaard.ToString(), lengte);
    }

    private static async Task<(T? Waarde, Fout? Fout)> LeesJsonAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            using var begrensd = new JsonTokenGrens(http.Request.Body, JsonTokenGrens.StandaardMaxInhoud);
            var waarde = await JsonSerializer.DeserializeAsync(begrensd, type, http.RequestAborted);
            return waarde is null
                ? (null, new Fout(FoutCodes.VerplichtVeldOntbreekt, "body", "Het bericht is leeg."))
                : (waarde, null);
        }
        catch (JsonException) when (EsisStagingScope.Current?.TeVeelBijlagen == true)
        {
            return (null, VeldRegels.TeVeelBijlagenInAanvraag("bijlagen", VeldRegels.MaxBijlagenPerAanvraag + 1));
        }
        catch (JsonException ex)
        {
            // The path says where; the message itself may quote the payload, so it is not passed on.
            return (null, new Fout(FoutCodes.VeldOngeldig, ex.Path ?? "body",
                $"Het bericht is geen geldige JSON volgens het koppelvlak (bij '{ex.Path ?? "begin"}')."));
        }
        catch (JsonTokenTeLangException)
        {
            return (null, new Fout(FoutCodes.BijlageTeGroot, "body",
                "Een waarde in het bericht is langer dan enig veld mag zijn (de grootste is de inhoud van een bijlage van 10 MB). Stuur grote bijlagen los na via 'bijlagen'."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, new Fout(FoutCodes.BijlageTeGroot, "body", "Het bericht is groter dan 64 MB."));
        }
    }

    private static IResult? OngeldigId(string aanvraagId) => AanvraagIdPatroon().IsMatch(aanvraagId)
        ? null
        : FoutProblemen.Problem(new Fout(FoutCodes.VeldOngeldig, "aanvraagId", "Het aanvraagId is 1 tot 64 tekens: letters, cijfers, punt, liggend streepje of underscore."));

    private static IResult Onbekend(string aanvraagId) => FoutProblemen.Problem(new Fout(FoutCodes.DossierOnbekend, "aanvraagId",
        $"Er is van deze school geen aanvraag '{aanvraagId}' ontvangen. Verstuur eerst de aanvraag zelf."));

    private static async Task<IResult> AndereSchoolAsync(HttpContext http, string brin, string vestiging, string aanvraagId, CancellationToken ct)
    {
        var fout = new Fout(FoutCodes.SchoolKomtNietOvereen, "school",
            $"De verificatiecode hoort bij school {brin}{vestiging}, maar de aanvraag is van een andere school of vestiging. Gebruik de code van de school die de aanvraag verstuurt.");
        await Weiger(http, brin, vestiging, aanvraagId, [fout], ct);
        return FoutProblemen.Problem(fout);
    }

    private static async Task<IResult> WeigerAsync(HttpContext http, string brin, string vestiging, string aanvraagId, Fout fout, CancellationToken ct)
    {
        await Weiger(http, brin, vestiging, aanvraagId, [fout], ct);
        return FoutProblemen.Problem(fout);
    }

    /// <summary>A refusal before the intake: recorded for the school's diagnose timeline and logged like the intake's own.</summary>
    private static Task Weiger(HttpContext http, string brin, string vestiging, string aanvraagId, IReadOnlyList<Fout> fouten, CancellationToken ct)
    {
        var services = http.RequestServices;
        IntakeLog.Geweigerd(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EsisEndpoints)), BronSystemen.Esis,
            IntakeLog.Brin6(brin, vestiging), fouten[0].Code, fouten.Count);
        return services.GetRequiredService<IHulpvraagStore>().RegistreerOntvangstAsync(new OntvangstRegel(
            services.GetRequiredService<TimeProvider>().GetUtcNow(), BronSystemen.Esis, brin, vestiging, aanvraagId,
            OntvangstUitkomsten.Geweigerd, null, fouten[0].Code, string.Join(" | ", fouten.Select(f => f.Melding))), ct);
    }
}

using System.Buffers;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Contract;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Logging;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Hulpvraag.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

/// <summary>
/// <c>POST /oso/v1/swv</c>: the notificatie of ParnasSys. Verified on the exact bytes received (WS-Security profile),
/// then the business checks in the spec's order; the answer is sent only after the notificatie is stored.
/// </summary>
public static partial class OsoEndpoints
{
    public static IEndpointRouteBuilder MapOso(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/oso/v1/swv", OntvangAsync).WithTags("OSO");
        endpoints.MapGet("/oso/v1/swv", Contractbestanden).WithTags("OSO");
        return endpoints;
    }

    internal static async Task<IResult> OntvangAsync(
        HttpContext http, OsoSleutels sleutels, IOsoRegister register, IOsoNotificaties notificaties, IHulpvraagStore store,
        CoreInstellingen instellingen, TimeProvider clock, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Hulpvraag.Adapters.ParnasSys.Koppeling");
        var ct = http.RequestAborted;
        if (sleutels.Ingericht is not { } oso)
        {
            return Fout(FoutCodes.HandtekeningOngeldig, "De OSO-koppeling van deze gateway is nog niet ingericht. Neem contact op met de helpdesk.", "0051", server: true);
        }

        if (http.Request.ContentLength > OsoSleutels.MaxInkomend)
        {
            return Fout(FoutCodes.HandtekeningOngeldig, "Het bericht is groter dan 1 MB; een notificatie is klein, het dossier wordt opgehaald.", "0001");
        }

        var bytes = await LeesBegrensdAsync(http.Request.Body, OsoSleutels.MaxInkomend, ct);
        if (bytes is null)
        {
            return Fout(FoutCodes.HandtekeningOngeldig, "Het bericht is groter dan 1 MB; een notificatie is klein, het dossier wordt opgehaald.", "0001");
        }

        var verificatie = await oso.Inkomend.VerifyAsync(bytes, ct);
        if (!verificatie.IsSuccess)
        {
            LogGeweigerd(logger, verificatie.Code, verificatie.Reason);
            return verificatie.Reason == Security.VerificationReasons.SoapVersionMismatch
                ? new SoapFoutBericht.XmlResultaat(StatusCodes.Status500InternalServerError, SoapVersieFout.Maak(verificatie.Code, verificatie.Melding, verificatie.DigikoppelingCode))
                : Fout(verificatie.Code, verificatie.Melding, verificatie.DigikoppelingCode);
        }

        var bericht = verificatie.Message;

        // The signed MessageID is what the school's supplier knows this message by: from here on it is the correlation
        // id of the request's logs and of the X-Correlation-Id answer (spec "Operations"), if it is plain enough to echo.
        Correlatie.NeemOver(http, bericht.MessageId, 128);

        var soapAction = http.Request.Headers["SOAPAction"].ToString().Trim('"');
        if (soapAction.Length > 0 && soapAction != bericht.Action)
        {
            return Fout(FoutCodes.HandtekeningOngeldig, "De HTTP-header SOAPAction moet leeg zijn of gelijk aan wsa:Action.", "0003");
        }

        var body = bericht.Body.ChildNodes.OfType<XmlElement>().ToList();
        if (body.Count != 1 || body[0].NamespaceURI != OsoNamespaces.Oso || body[0].LocalName != "notificatieRequest")
        {
            return Fout(FoutCodes.HandtekeningOngeldig, "Dit endpoint ontvangt alleen een OSO notificatieRequest.", "0004");
        }

        if (bericht.Action != OsoNamespaces.Action("notificatieRequest"))
        {
            return Fout(FoutCodes.HandtekeningOngeldig, $"wsa:Action moet {OsoNamespaces.Action("notificatieRequest")} zijn.", "0011");
        }

        if (OsoContract.Valideer(body[0]) is { } schemaFout)
        {
            return Fout(FoutCodes.VeldOngeldig, $"Het bericht voldoet niet aan het OSO-schema van deze gateway: {schemaFout.Melding}", "0004");
        }

        var n = Velden(body[0]);
        var nu = clock.GetUtcNow();

        // A refusal after the envelope checks is recorded, so diagnose shows the school why nothing arrived.
        async Task<IResult> WeigerAsync(Weigering weigering)
        {
            await store.RegistreerOntvangstAsync(new OntvangstRegel(nu, BronSystemen.ParnasSys, Kort(n.BronBrin, 4), null, Kort(n.Koppelsleutel, 64),
                OntvangstUitkomsten.Geweigerd, null, weigering.Code, weigering.Melding), ct);
            return Fout(weigering.Code, weigering.Melding, weigering.Digikoppeling);
        }

        var controle = await ControleerAsync(n, bericht.SignerOin, bericht.Created, register, instellingen, oso.GatewayOin, ct);
        if (controle is not Geldig v)
        {
            return await WeigerAsync((Weigering)controle);
        }

        var nieuw = await notificaties.VoegToeAsync(new OsoNotificatie(v.Koppelsleutel, v.BronBrin, v.BronRouteringsKenmerk,
            v.DoelBrin, v.DoelRouteringsKenmerk, bericht.SignerOin, bericht.MessageId, nu), ct);

        // Known already: the same answer only for the same school. Checked after the insert, so two schools racing for one
        // koppelsleutel cannot both be told NotificatieOntvangen while only one of them is fetched.
        if (!nieuw && await notificaties.VindAsync(v.Koppelsleutel, ct) is { } bestaand
            && !string.Equals(bestaand.BronBrin, v.BronBrin, StringComparison.Ordinal))
        {
            return await WeigerAsync(new Weigering(FoutCodes.KoppelsleutelInGebruik,
                "Deze koppelsleutel is al gebruikt voor een aanvraag van een andere school; er is niets opgeslagen of opgehaald. Maak in ParnasSys een nieuwe aanvraag aan, dan krijgt die een eigen koppelsleutel.",
                "0011"));
        }

        LogOntvangen(logger, v.BronBrin, nieuw);

        var antwoord = oso.Signer.Sign(
            SoapFouten.OsoElement("notificatieResponse", ("resultaat", "NotificatieOntvangen")),
            new Security.OutboundAddressing(bericht.FromAddress ?? "http://www.w3.org/2005/08/addressing/anonymous", OsoNamespaces.Action("notificatieResponse"),
                "uuid:" + Guid.CreateVersion7(nu), oso.GatewayOin) { RelatesTo = bericht.MessageId });
        return new SoapFoutBericht.XmlResultaat(StatusCodes.Status200OK, antwoord);
    }

    /// <summary><c>?wsdl</c> serves the WSDL with this host's address; <c>?xsd=name</c> the schemas it imports.</summary>
    internal static IResult Contractbestanden(HttpContext http)
    {
        var adres = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/oso/v1/swv";
        if (http.Request.Query.ContainsKey("wsdl"))
        {
            return Results.Bytes(OsoContract.Wsdl(adres), "text/xml; charset=utf-8");
        }

        var naam = http.Request.Query["xsd"].ToString();
        return naam.Length > 0 && OsoContract.Schema(naam, adres) is { } xsd
            ? Results.Bytes(xsd, "text/xml; charset=utf-8")
            : Results.NotFound();
    }

    private sealed record NotificatieVelden(string? BronBrin, string? BronRouteringsKenmerk, string? DoelBrin, string? DoelRouteringsKenmerk, string? Koppelsleutel, string? Doel);

    private static NotificatieVelden Velden(XmlElement e)
    {
        string? Waarde(string naam) => e.ChildNodes.OfType<XmlElement>().FirstOrDefault(c => c.LocalName == naam && c.NamespaceURI == OsoNamespaces.Oso)?.InnerText.Trim();
        return new NotificatieVelden(Waarde("bronBrin"), Waarde("bronRouteringsKenmerk"), Waarde("doelBrin"), Waarde("doelRouteringsKenmerk"), Waarde("koppelsleutel"), Waarde("doel"));
    }

    /// <summary>What the business checks decided: a refusal, or the fields the notificatie is stored with.</summary>
    private abstract record Controle;

    private sealed record Weigering(string Code, string Melding, string Digikoppeling) : Controle;

    private sealed record Geldig(string BronBrin, string BronRouteringsKenmerk, string DoelBrin, string DoelRouteringsKenmerk, string Koppelsleutel) : Controle;

    /// <summary>The business checks, in the spec's order (the addressing checks the spec leaves implicit in between).</summary>
    private static async Task<Controle> ControleerAsync(
        NotificatieVelden n, string signerOin, DateTimeOffset created, IOsoRegister register, CoreInstellingen instellingen, string gatewayOin, CancellationToken ct)
    {
        if (n.BronBrin is not { } bronBrin || !AanvraagValidatie.IsBrin(bronBrin))
        {
            return new Weigering(FoutCodes.VeldOngeldig, "bronBrin ontbreekt of is geen BRIN (twee cijfers, twee hoofdletters).", "0004");
        }

        var mandaat = await register.MandaatAsync(bronBrin, ct);
        if (mandaat is null || mandaat.LeverancierOin != signerOin || !mandaat.GeldigOp(created))
        {
            return new Weigering(FoutCodes.GeenMandaat,
                $"De leverancier met OIN {signerOin} heeft bij deze gateway geen geldig mandaat voor school {bronBrin}: de mandaten in het OSR zijn nog niet juist ingesteld. Vraag de kindkanshelpdesk het mandaat (BRIN {bronBrin}, leverancier-OIN {signerOin}) te registreren.",
                "0002");
        }

        if (n.DoelBrin is not { } doelBrin || !string.Equals(doelBrin, instellingen.SamenwerkingsverbandCode, StringComparison.OrdinalIgnoreCase))
        {
            return new Weigering(FoutCodes.BestemmingOnjuist, $"Deze gateway ontvangt alleen aanvragen voor {instellingen.SamenwerkingsverbandCode}; doelBrin is '{Kort(n.DoelBrin, 10)}'. Kies het juiste samenwerkingsverband.", "0011");
        }

        if (!string.Equals(n.Doel, "SWV", StringComparison.Ordinal))
        {
            return new Weigering(FoutCodes.VeldOngeldig, "doel moet 'SWV' zijn: deze gateway ontvangt alleen aanvragen voor het samenwerkingsverband.", "0011");
        }

        if (n.Koppelsleutel is not { } koppelsleutel || !Guid.TryParse(koppelsleutel, out var guid))
        {
            return new Weigering(FoutCodes.VeldOngeldig, "koppelsleutel moet een GUID zijn.", "0004");
        }

        // The all-zero GUID is what an uninitialised field sends: every such school would share one koppelsleutel.
        if (guid == Guid.Empty)
        {
            return new Weigering(FoutCodes.VeldOngeldig, "koppelsleutel mag niet de lege GUID (alleen nullen) zijn: elke aanvraag heeft een eigen koppelsleutel.", "0004");
        }

        if (n.BronRouteringsKenmerk is not { } bronKenmerk || n.DoelRouteringsKenmerk is not { } doelKenmerk)
        {
            return new Weigering(FoutCodes.VerplichtVeldOntbreekt, "bronRouteringsKenmerk en doelRouteringsKenmerk zijn verplicht.", "0004");
        }

        // The receiving routeringskenmerk is the gateway's own OIN: a notificatie for another receiver must not be fetched here.
        if (!string.Equals(doelKenmerk, gatewayOin, StringComparison.OrdinalIgnoreCase))
        {
            return new Weigering(FoutCodes.BestemmingOnjuist,
                $"doelRouteringsKenmerk '{Kort(doelKenmerk, 20)}' is niet het OIN van deze gateway ({gatewayOin}). Kies het juiste samenwerkingsverband.", "0011");
        }

        var endpoint = await register.EndpointAsync(bronKenmerk.ToUpperInvariant(), ct);
        if (endpoint is null || endpoint.Brin != bronBrin)
        {
            return new Weigering(FoutCodes.GeenMandaat,
                $"Voor routeringskenmerk {Kort(bronKenmerk, 20)} van school {bronBrin} is bij deze gateway geen endpoint ingesteld: het routeringskenmerk is nog niet juist ingesteld. Vraag de kindkanshelpdesk het endpoint te registreren.",
                "0002");
        }

        return new Geldig(bronBrin, bronKenmerk, doelBrin, doelKenmerk, koppelsleutel.ToUpperInvariant());
    }

    private static async Task<byte[]?> LeesBegrensdAsync(Stream body, int max, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var kopie = new MemoryStream();
            int n;
            while ((n = await body.ReadAsync(buffer, ct)) > 0)
            {
                if (kopie.Length + n > max)
                {
                    return null;
                }

                kopie.Write(buffer, 0, n);
            }

            return kopie.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>SOAP 1.1 answers a fault with HTTP 500, whoever is at fault (the faultcode says who).</summary>
    private static IResult Fout(string code, string melding, string? digikoppeling, bool server = false) =>
        SoapFoutBericht.Resultaat(code, melding, digikoppeling, server);

    private static string? Kort(string? s, int max) => s is null ? null : s.Length <= max ? s : s[..max];

    [LoggerMessage(EventId = LogEventIds.OsoBerichtGeweigerd, Level = LogLevel.Warning, Message = "OSO message refused: {Code} ({Reason})")]
    private static partial void LogGeweigerd(ILogger logger, string code, string reason);

    [LoggerMessage(EventId = LogEventIds.OsoNotificatieOntvangen, Level = LogLevel.Information, Message = "OSO notificatie from {Brin} accepted (new: {Nieuw})")]
    private static partial void LogOntvangen(ILogger logger, string brin, bool nieuw);
}

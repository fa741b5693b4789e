using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Mapping;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Logging;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

/// <summary>What became of one fetch attempt.</summary>
public abstract record OphaalUitkomst
{
    private OphaalUitkomst() { }

    public sealed record Opgehaald(long Dossiernummer) : OphaalUitkomst;

    /// <summary>The dossier was refused (signature, mapping or canonical rules): a Geweigerd terugkoppeling is queued.</summary>
    public sealed record Geweigerd(string Code, string Melding) : OphaalUitkomst;

    /// <summary>The supplier answered with a foutmelding: nothing to map, nothing to retry.</summary>
    public sealed record Foutmelding(string Tekst) : OphaalUitkomst;

    /// <summary>Unreachable, 5xx, timeout: tried again later until Oso:FetchHorizon.</summary>
    public sealed record LaterOpnieuw(string Reden) : OphaalUitkomst;
}

/// <summary>
/// Fetches one notificatie's dossier: a signed documentRequest to the school's endpoint, the signed answer verified
/// like any inbound message (and answering our MessageID), mapped, and handed to the intake service.
/// </summary>
public sealed partial class DossierOphaler(
    OsoSleutels sleutels,
    IOsoRegister register,
    OsoDossierMapper mapper,
    IntakeService intake,
    ICallbackWachtrij wachtrij,
    OsoSoapClient soap,
    TimeProvider clock,
    ILogger<DossierOphaler> logger)
{
    /// <summary>One attempt is bounded; durable retry lives in the notificatie row, not here.</summary>
    private static readonly ResiliencePipeline Poging = new ResiliencePipelineBuilder()
        .AddTimeout(TimeSpan.FromSeconds(60))
        .Build();

    public async Task<OphaalUitkomst> OphalenAsync(OsoNotificatie n, CancellationToken cancellationToken)
    {
        if (sleutels.Ingericht is not { } oso)
        {
            return new OphaalUitkomst.LaterOpnieuw("De OSO-koppeling van deze gateway is niet ingericht.");
        }

        var endpoint = await register.EndpointAsync(n.BronRouteringsKenmerk, cancellationToken);
        if (endpoint is null)
        {
            return new OphaalUitkomst.LaterOpnieuw($"Geen endpoint meer voor routeringskenmerk {n.BronRouteringsKenmerk}.");
        }

        var messageId = "uuid:" + Guid.CreateVersion7(clock.GetUtcNow());
        var verzoek = oso.Signer.Sign(
            SoapFouten.OsoElement("documentRequest",
                ("bronBrin", n.BronBrin), ("bronRouteringsKenmerk", n.BronRouteringsKenmerk), ("doelBrin", n.DoelBrin),
                ("doelRouteringsKenmerk", n.DoelRouteringsKenmerk), ("koppelsleutel", n.Koppelsleutel), ("overdrachtsoort", "SWVaanvraag")),
            new OutboundAddressing(OsoSoapClient.Adres(endpoint), OsoNamespaces.Action("documentRequest"), messageId, oso.GatewayOin));

        // The answer goes to a temp file, never into one array: with attachments of up to 10 MiB each it is the one
        // message here whose size is set by the school, and the verifier and mapper both stream over the file.
        FileStream antwoord;
        try
        {
            antwoord = await Poging.ExecuteAsync(async ct => await soap.PostAsync(endpoint.Url, OsoNamespaces.Action("documentRequest"), verzoek, ct), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or OsoSoapClient.PogingMislukt)
        {
            return new OphaalUitkomst.LaterOpnieuw(ex.Message);
        }

        await using (antwoord)
        {
            return await VerwerkAsync(oso, n, messageId, antwoord, cancellationToken);
        }
    }

    private async Task<OphaalUitkomst> VerwerkAsync(OsoSleutelset oso, OsoNotificatie n, string messageId, FileStream antwoord, CancellationToken cancellationToken)
    {
        var verificatie = await oso.Opgehaald.VerifyStreamingAsync(antwoord, IsDossier, cancellationToken);
        if (!verificatie.IsSuccess)
        {
            return await WeigerAsync(n, null, verificatie.Code, $"Het opgehaalde dossier is geweigerd: {verificatie.Melding}", cancellationToken);
        }

        var bericht = verificatie.Message;
        var mandaat = await register.MandaatAsync(n.BronBrin, cancellationToken);
        if (bericht.RelatesTo != messageId || mandaat is null || mandaat.LeverancierOin != bericht.SignerOin)
        {
            return await WeigerAsync(n, null, FoutCodes.HandtekeningOngeldig,
                "Het antwoord op het ophaalverzoek hoort niet bij dit verzoek of is niet ondertekend door de leverancier met het mandaat voor deze school.", cancellationToken);
        }

        var body = bericht.Body.ChildNodes.OfType<XmlElement>().SingleOrDefault();
        if (body is null)
        {
            return await WeigerAsync(n, null, FoutCodes.VeldOngeldig, "Het antwoord bevat geen documentResponse.", cancellationToken);
        }

        if (Contract.OsoContract.Valideer(body) is { } schemaFout)
        {
            return await WeigerAsync(n, null, FoutCodes.VeldOngeldig, $"Het opgehaalde dossier voldoet niet aan het OSO-schema: {schemaFout.Melding}", cancellationToken);
        }

        // The verified skeleton holds the dossier as an empty shell; the mapper reads the dossier from the same file.
        antwoord.Position = 0;
        using var bestand = XmlReader.Create(antwoord, LeesInstellingen);
        using var reader = await NaarBodyInhoudAsync(bestand)
            ?? throw new InvalidOperationException("The verified answer has no Body content on a second read.");
        var gemapt = await mapper.MapAsync(reader, new OsoNotificatieContext(n.BronBrin, n.BronRouteringsKenmerk, n.Koppelsleutel), cancellationToken);
        if (gemapt is not { IsSuccess: true, Value: { } gelezen })
        {
            return await WeigerAsync(n, null, gemapt.Code ?? FoutCodes.VeldOngeldig, string.Join(" ", gemapt.Fouten.Select(f => f.Melding)), cancellationToken);
        }

        await using var document = gelezen;
        if (document is OsoFoutmelding fout)
        {
            return new OphaalUitkomst.Foutmelding($"{fout.Foutcode}: {fout.Fouttekst}");
        }

        var aanvraag = (OsoAanvraag)document;
        var resultaat = await intake.IndienenAsync(aanvraag.Invoer, cancellationToken);
        if (resultaat is not { IsSuccess: true, Value: { } ingediend })
        {
            return await WeigerAsync(n, aanvraag.Invoer.Referentie, resultaat.Code ?? FoutCodes.VeldOngeldig, string.Join(" ", resultaat.Fouten.Select(f => f.Melding)), cancellationToken);
        }

        LogOpgehaald(logger, n.BronBrin, ingediend.Hulpvraag.Dossiernummer);
        return new OphaalUitkomst.Opgehaald(ingediend.Hulpvraag.Dossiernummer);
    }

    /// <summary>
    /// A refused dossier stores nothing but its audit trail, and the school hears why: a Geweigerd terugkoppeling,
    /// ordered per koppelsleutel (there is no hulpvraag to order by).
    /// </summary>
    private async Task<OphaalUitkomst> WeigerAsync(OsoNotificatie n, string? lasHulpvraagId, string code, string melding, CancellationToken ct)
    {
        var nu = clock.GetUtcNow();
        await wachtrij.VoegToeAsync(new CallbackOpdracht
        {
            GebeurtenisId = Guid.CreateVersion7(nu),
            Soort = CallbackSoorten.Geweigerd,
            Systeem = BronSystemen.ParnasSys,
            Koppelsleutel = n.Koppelsleutel,
            Referentie = n.Koppelsleutel,
            Brin = n.BronBrin,
            Vestiging = "00",
            Foutcode = code,
            Toelichting = melding.Length <= 2000 ? melding : melding[..2000],
            GewijzigdOp = nu,
        }, ct);
        LogGeweigerd(logger, n.BronBrin, code, lasHulpvraagId is not null);
        return new OphaalUitkomst.Geweigerd(code, melding);
    }

    /// <summary>
    /// The OSO gegevensset dossier (a child of documentResponse) stays out of the verifier's DOM: its content, with the
    /// base64 attachments, is only ever streamed. The contract skips it anyway (processContents="skip").
    /// </summary>
    internal static bool IsDossier(XmlReader reader, int diepteOnderBody) =>
        diepteOnderBody == 2 && reader.NamespaceURI == OsoDossierNamespace;

    internal const string OsoDossierNamespace = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    private static readonly XmlReaderSettings LeesInstellingen = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = OsoSleutels.MaxOpgehaald,
        IgnoreComments = true,
        CloseInput = false,
    };

    /// <summary>A reader over the first element inside soapenv:Body, in its initial state, like an XmlNodeReader over it.</summary>
    private static async Task<XmlReader?> NaarBodyInhoudAsync(XmlReader reader)
    {
        var inBody = false;
        while (await reader.ReadAsync())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (!inBody && reader.Depth == 1 && reader.LocalName == "Body" && reader.NamespaceURI == Security.WsNamespaces.Soap11)
            {
                inBody = true;
            }
            else if (inBody && reader.Depth == 2)
            {
                return reader.ReadSubtree();
            }
        }

        return null;
    }

    [LoggerMessage(EventId = LogEventIds.OsoDossierOpgehaald, Level = LogLevel.Information, Message = "OSO dossier from {Brin} fetched into dossier {Dossiernummer}")]
    private static partial void LogOpgehaald(ILogger logger, string brin, long dossiernummer);

    [LoggerMessage(EventId = LogEventIds.OsoDossierGeweigerd, Level = LogLevel.Warning, Message = "OSO dossier from {Brin} refused: {Code} (mapped: {Gemapt})")]
    private static partial void LogGeweigerd(ILogger logger, string brin, string code, bool gemapt);
}

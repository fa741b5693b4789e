using System.Globalization;
using System.Xml;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Adapters.ParnasSys.Koppeling;

/// <summary>
/// Delivers status callbacks to ParnasSys as a signed <c>terugkoppelingRequest</c> (Ontvangen with dossiernummer,
/// Geweigerd with foutcode, Statuswijziging) to the endpoint of the school's routeringskenmerk.
/// </summary>
public sealed class OsoTerugkoppelingAflevering(
    OsoSleutels sleutels, IOsoRegister register, IOsoNotificaties notificaties, OsoSoapClient soap, CoreInstellingen instellingen)
    : ICallbackAflevering
{
    public string Kanaal => AfleverKanalen.OsoTerugkoppeling;

    public async Task<AfleverUitkomst> AfleverenAsync(CallbackOpdracht c, CancellationToken cancellationToken)
    {
        if (sleutels.Ingericht is not { } oso)
        {
            return new AfleverUitkomst.LaterOpnieuw("De OSO-koppeling is niet ingericht (Oso:*): terugkoppeling wacht.");
        }

        // Koppelsleutel is the koppelsleutel of the notificatie the callback answers (the latest one for a hulpvraag); the
        // notificatie row exists before any dossier is fetched, so there is no race with the fetch job.
        var notificatie = c.Koppelsleutel is null ? null : await notificaties.VindAsync(c.Koppelsleutel, cancellationToken);
        if (notificatie is null)
        {
            return new AfleverUitkomst.Onbestelbaar("Geen OSO-notificatie bij deze terugkoppeling: er is geen koppelsleutel om naar te verwijzen.");
        }

        var endpoint = await register.EndpointAsync(notificatie.BronRouteringsKenmerk, cancellationToken);
        if (endpoint is null)
        {
            return new AfleverUitkomst.LaterOpnieuw($"Geen endpoint voor routeringskenmerk {notificatie.BronRouteringsKenmerk}: de helpdesk moet het registreren.");
        }

        var body = Bericht(c, notificatie, endpoint, oso.GatewayOin);
        var bericht = oso.Signer.Sign(body, new OutboundAddressing(OsoSoapClient.Adres(endpoint),
            OsoNamespaces.Action("terugkoppelingRequest"), "uuid:" + c.GebeurtenisId, oso.GatewayOin));
        try
        {
            // The answer's content is the receiver's (an empty element acknowledges); a 2xx is the delivery.
            await using var antwoord = await soap.PostAsync(endpoint.Url, OsoNamespaces.Action("terugkoppelingRequest"), bericht, cancellationToken);
            return AfleverUitkomst.Geslaagd;
        }
        catch (OsoSoapClient.PogingMislukt ex)
        {
            return new AfleverUitkomst.LaterOpnieuw(ex.Message);
        }
        catch (HttpRequestException ex) when (AdresGeweigerd(ex))
        {
            // Retrying will not help: the endpoint in the register or Callbacks:AllowedNetworks must change first (then re-drive).
            return new AfleverUitkomst.Onbestelbaar(
                "Het OSO-endpoint verwijst (na het opzoeken van de naam) naar een intern of gereserveerd adres; er is geen verbinding gemaakt. "
                + "Pas het endpoint in het register aan of sta het netwerk toe in Callbacks:AllowedNetworks.");
        }
        catch (HttpRequestException ex)
        {
            return new AfleverUitkomst.LaterOpnieuw($"Endpoint onbereikbaar: {ex.HttpRequestError}");
        }
    }

    private static bool AdresGeweigerd(Exception? fout)
    {
        for (var e = fout; e is not null; e = e.InnerException)
        {
            if (e is Edge.AdresNietToegestaanException)
            {
                return true;
            }
        }

        return false;
    }

    private XmlElement Bericht(CallbackOpdracht c, OsoNotificatie n, OsoEndpoint endpoint, string gatewayOin)
    {
        var root = SoapFouten.OsoElement("terugkoppelingRequest",
            ("bronBrin", instellingen.SamenwerkingsverbandCode), ("bronRouteringsKenmerk", gatewayOin),
            ("doelBrin", n.BronBrin), ("doelRouteringsKenmerk", endpoint.RouteringsKenmerk), ("koppelsleutel", n.Koppelsleutel));
        var doc = root.OwnerDocument;
        var t = doc.CreateElement("gw", "terugkoppeling", OsoNamespaces.Gateway);
        void Voeg(string naam, string? waarde, string? code = null)
        {
            if (waarde is null)
            {
                return;
            }

            var e = doc.CreateElement("gw", naam, OsoNamespaces.Gateway);
            e.InnerText = waarde;
            if (code is not null)
            {
                e.SetAttribute("code", code);
            }

            t.AppendChild(e);
        }

        var resultaat = c.Soort switch
        {
            CallbackSoorten.Ontvangen => "Ontvangen",
            CallbackSoorten.Geweigerd => "Geweigerd",
            _ => "Statuswijziging",
        };
        Voeg("gebeurtenisId", c.GebeurtenisId.ToString());
        Voeg("resultaat", resultaat);
        Voeg("dossiernummer", c.Soort == CallbackSoorten.Geweigerd ? null : c.Dossiernummer?.ToString(CultureInfo.InvariantCulture));
        Voeg("status", c.StatusCode is null ? null : c.Weergave ?? c.StatusCode, c.StatusCode);
        Voeg("toelichting", c.Toelichting);
        Voeg("foutcode", c.Foutcode);
        Voeg("gewijzigdOp", c.GewijzigdOp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        root.AppendChild(t);
        return root;
    }
}

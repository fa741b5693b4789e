using System.Collections.Frozen;
using Hulpvraag.Core.Fouten;
using R = Hulpvraag.Adapters.ParnasSys.Security.VerificationReasons;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// Maps each reason to its error code, Digikoppeling code and Dutch text, so the mapping is reviewable in one place.
/// </summary>
/// <remarks>
/// Code choice: everything about the envelope, the header blocks and the signature is HANDTEKENING_ONGELDIG
/// (the spec: "signature, reference or profile check failed"), including missing wsa:To/Action/MessageID,
/// because the spec has no separate "bericht ongeldig" code and these are profile violations. Certificate
/// properties (key size, key usage, OIN, chain, validity) are CERTIFICAAT_NIET_VERTROUWD; anything about
/// wsu:Timestamp's presence or values is BERICHT_VERLOPEN.
/// Digikoppeling codes: 0001 for a structurally invalid envelope, 0002 (not authorised) for signature and
/// certificate failures, as in the spec's fault example, 0005-0007 for missing To/Action/MessageID, 0009 for
/// encoding, 0010 for a foreign header block and 0011 for a wrong header value (including a stale Timestamp
/// and a reused MessageID).
/// </remarks>
internal static class FailureCatalog
{
    private const string Envelope = "0001";
    private const string NotAuthorised = "0002";
    private const string WrongHeaderValue = "0011";

    private static readonly FrozenDictionary<string, (string Code, string? Dk, string Melding)> Entries =
        new Dictionary<string, (string Code, string? Dk, string Melding)>(StringComparer.Ordinal)
        {
            [R.MessageEmpty] = (FoutCodes.HandtekeningOngeldig, Envelope, "Het bericht is leeg."),
            [R.MessageTooLarge] = (FoutCodes.HandtekeningOngeldig, Envelope, "Het bericht is groter dan toegestaan"),
            [R.NotUtf8] = (FoutCodes.HandtekeningOngeldig, "0009", "Het bericht is geen geldige UTF-8; alleen UTF-8 is toegestaan."),
            [R.EncodingNotUtf8] = (FoutCodes.HandtekeningOngeldig, "0009", "De XML-declaratie noemt een andere encoding dan UTF-8; alleen UTF-8 is toegestaan."),
            [R.DoctypeProhibited] = (FoutCodes.HandtekeningOngeldig, Envelope, "Het bericht bevat een DOCTYPE; DTD's en entiteitsdeclaraties zijn niet toegestaan."),
            [R.TooDeep] = (FoutCodes.HandtekeningOngeldig, Envelope, "Het bericht is dieper genest dan toegestaan"),
            [R.TooManyElements] = (FoutCodes.HandtekeningOngeldig, Envelope, "Het bericht bevat meer elementen dan toegestaan"),
            [R.TooManyAttributes] = (FoutCodes.HandtekeningOngeldig, Envelope, "Een element heeft meer attributen (inclusief namespace-declaraties) dan toegestaan"),
            [R.MalformedXml] = (FoutCodes.HandtekeningOngeldig, Envelope, "Het bericht is geen goedgevormde XML"),
            [R.NotSoap11Envelope] = (FoutCodes.HandtekeningOngeldig, Envelope, "Het bericht is geen SOAP 1.1-envelope: het root-element moet Envelope zijn in namespace http://schemas.xmlsoap.org/soap/envelope/."),
            [R.SoapVersionMismatch] = (FoutCodes.HandtekeningOngeldig, Envelope, "Dit is een SOAP 1.2-envelope; deze dienst spreekt alleen SOAP 1.1 (namespace http://schemas.xmlsoap.org/soap/envelope/), zoals Digikoppeling WUS voorschrijft."),
            [R.EnvelopeStructureInvalid] = (FoutCodes.HandtekeningOngeldig, Envelope, "De envelope moet precies één soapenv:Header gevolgd door precies één soapenv:Body bevatten, en verder niets"),
            [R.UnknownHeader] = (FoutCodes.HandtekeningOngeldig, "0010", "Dit headerblok is niet toegestaan; alleen WS-Addressing (2005/08) en WS-Security mogen in de header staan (WS007)"),
            [R.DuplicateHeader] = (FoutCodes.HandtekeningOngeldig, Envelope, "Dit headerblok komt meer dan eens voor"),
            [R.SecurityHeaderMissing] = (FoutCodes.HandtekeningOngeldig, Envelope, "De header bevat geen wsse:Security; het bericht moet ondertekend zijn (profiel 2W-be-S)."),
            [R.ToMissing] = (FoutCodes.HandtekeningOngeldig, "0005", "De verplichte header wsa:To ontbreekt."),
            [R.ActionMissing] = (FoutCodes.HandtekeningOngeldig, "0006", "De verplichte header wsa:Action ontbreekt."),
            [R.MessageIdMissing] = (FoutCodes.HandtekeningOngeldig, "0007", "De verplichte header wsa:MessageID ontbreekt."),
            [R.AddressingValueInvalid] = (FoutCodes.HandtekeningOngeldig, WrongHeaderValue, "Een WS-Addressing-header heeft een ongeldige waarde"),
            [R.RecipientMismatch] = (FoutCodes.HandtekeningOngeldig, WrongHeaderValue, "wsa:To is niet gericht aan het OIN van deze ontvanger (queryparameter oin)."),
            [R.SenderNotSigner] = (FoutCodes.HandtekeningOngeldig, WrongHeaderValue, "Het OIN in wsa:From komt niet overeen met het OIN van het ondertekenende certificaat; een leverancier mag alleen namens zichzelf berichten sturen."),
            [R.SecurityStructureInvalid] = (FoutCodes.HandtekeningOngeldig, Envelope, "wsse:Security moet precies één ds:Signature, één wsu:Timestamp en één wsse:BinarySecurityToken bevatten, en verder niets"),
            [R.TokenInvalid] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "Het wsse:BinarySecurityToken is ongeldig"),
            [R.TokenTooLarge] = (FoutCodes.HandtekeningOngeldig, Envelope, "Het wsse:BinarySecurityToken is groter dan toegestaan: het mag één X.509-certificaat bevatten"),
            [R.TimestampMissing] = (FoutCodes.BerichtVerlopen, Envelope, "wsu:Timestamp ontbreekt in wsse:Security."),
            [R.TimestampInvalid] = (FoutCodes.BerichtVerlopen, WrongHeaderValue, "wsu:Timestamp is ongeldig"),
            [R.TimestampExpired] = (FoutCodes.BerichtVerlopen, WrongHeaderValue, "Het bericht is verlopen: wsu:Created ligt te ver in het verleden"),
            [R.TimestampExpiresPassed] = (FoutCodes.BerichtVerlopen, WrongHeaderValue, "Het bericht is verlopen: het tijdstip in wsu:Expires is verstreken."),
            [R.TimestampInFuture] = (FoutCodes.BerichtVerlopen, WrongHeaderValue, "wsu:Created ligt te ver in de toekomst; controleer de systeemklok van de verzender"),
            [R.SignatureStructureInvalid] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "ds:Signature is niet opgebouwd volgens het profiel"),
            [R.CanonicalizationNotAllowed] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "ds:CanonicalizationMethod moet exclusive c14n zijn (http://www.w3.org/2001/10/xml-exc-c14n#), zonder comments."),
            [R.SignatureMethodNotAllowed] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "ds:SignatureMethod moet rsa-sha256, rsa-sha384 of rsa-sha512 zijn; SHA-1 en HMAC zijn niet toegestaan."),
            [R.TooManyReferences] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "ds:SignedInfo bevat meer dan 10 ds:Reference-elementen."),
            [R.ReferenceUriInvalid] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "Elke ds:Reference moet een lokale URI van de vorm '#id' hebben; lege, externe en XPointer-URI's zijn niet toegestaan."),
            [R.TransformCountInvalid] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "Elke ds:Reference moet 1 of 2 transforms hebben (exclusive c14n)."),
            [R.TransformNotAllowed] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "Een ds:Reference gebruikt een niet-toegestane transform; alleen exclusive c14n (zonder comments) is toegestaan, geen XPath, XSLT, decrypt of enveloped-signature."),
            [R.DigestMethodNotAllowed] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "ds:DigestMethod moet SHA-256, SHA-384 of SHA-512 zijn; SHA-1 is niet toegestaan."),
            [R.DuplicateId] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "Een id waarnaar de handtekening verwijst komt meer dan eens voor in het bericht."),
            [R.ReferenceTargetNotFound] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "Een ds:Reference verwijst naar een id dat niet in het bericht voorkomt."),
            [R.ReferenceTargetMisplaced] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "Een ds:Reference verwijst naar een element dat niet op de voorgeschreven plaats staat: alleen de Body van de envelope, de wsu:Timestamp in wsse:Security, het BinarySecurityToken en WS-Addressing-headers direct onder soapenv:Header mogen ondertekend zijn."),
            [R.SignedPartIdNotWsuId] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "Een ds:Reference noemt een id dat op het ondertekende deel in een ander attribuut staat dan wsu:Id (Id, ID of xml:id); dit profiel aanvaardt, zoals Edukoppeling, alleen wsu:Id op de Body, de Timestamp, het token en de WS-Addressing-headers."),
            [R.DuplicateReference] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "Twee ds:Reference-elementen verwijzen naar hetzelfde element."),
            [R.RequiredPartNotSigned] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "Een verplicht deel is niet ondertekend: Body, Timestamp en elke WS-Addressing-header moeten elk een eigen ds:Reference hebben (WB004)"),
            [R.KeyInfoInvalid] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "ds:KeyInfo moet precies één wsse:SecurityTokenReference bevatten met één wsse:Reference naar het wsse:BinarySecurityToken in deze wsse:Security; KeyValue, X509Data en andere vormen zijn niet toegestaan."),
            [R.KeyNotRsa] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "Het certificaat bevat geen RSA-sleutel; alleen RSA-handtekeningen zijn toegestaan."),
            [R.SignatureInvalid] = (FoutCodes.HandtekeningOngeldig, NotAuthorised, "De handtekening klopt niet: de digest van een ondertekend deel of de SignatureValue komt niet overeen. Is het bericht na ondertekening gewijzigd?"),
            [R.KeyTooSmall] = (FoutCodes.CertificaatNietVertrouwd, NotAuthorised, "De RSA-sleutel van het certificaat is te kort; minimaal 2048 bits is vereist"),
            [R.CertificateKeyUsage] = (FoutCodes.CertificaatNietVertrouwd, NotAuthorised, "Het certificaat heeft geen keyUsage-extensie met digitalSignature."),
            [R.CertificateOinInvalid] = (FoutCodes.CertificaatNietVertrouwd, NotAuthorised, "Het subject.serialNumber van het certificaat bevat geen geldig OIN (precies één serialNumber van 20 cijfers of hoofdletters)."),
            [R.CertificateExpired] = (FoutCodes.CertificaatNietVertrouwd, NotAuthorised, "Het certificaat was op het moment van ondertekening (wsu:Created) verlopen"),
            [R.CertificateNotYetValid] = (FoutCodes.CertificaatNietVertrouwd, NotAuthorised, "Het certificaat was op het moment van ondertekening (wsu:Created) nog niet geldig"),
            [R.CertificateUntrusted] = (FoutCodes.CertificaatNietVertrouwd, NotAuthorised, "Het certificaat is niet vertrouwd"),
            [R.MessageReplayed] = (FoutCodes.BerichtHerhaald, WrongHeaderValue, "Dit wsa:MessageID is eerder van deze afzender ontvangen met andere inhoud; gebruik voor elk nieuw bericht een nieuw MessageID."),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Reasons => Entries.Keys;

    /// <param name="detail">Our own words, numbers or a sanitised element name; never raw message content.</param>
    public static VerificationResult Fail(string reason, string? detail = null)
    {
        var (code, dk, melding) = Entries[reason];
        if (detail is not null)
        {
            melding = melding.EndsWith('.') ? $"{melding[..^1]}: {detail}." : $"{melding}: {detail}.";
        }
        else if (!melding.EndsWith('.'))
        {
            melding += ".";
        }

        return VerificationResult.Failure(code, dk, melding, reason);
    }
}

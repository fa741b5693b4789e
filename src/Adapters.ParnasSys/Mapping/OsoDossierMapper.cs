using System.Xml;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Adapters.ParnasSys.Mapping;

/// <summary>
/// Maps a pulled OSO <c>documentResponse</c> (a <c>gw:swvAanvraag</c> plus an OSO gegevensset 2019 <c>dossier</c>)
/// to intake input, streaming every attachment from the XML through base64 and ZIP into staging.
/// </summary>
/// <remarks>
/// The mapper checks structure and the OSO rules (spec oso-parnassys.md, "2. documentRequest"); titles, the
/// destination code, field forms and attachment types are the intake service's to judge afterwards. Memory stays
/// bounded whatever the size of the dossier: simple fields are read with a length limit, attachments in chunks.
/// Nothing is logged: the dossier is full of personal data.
/// </remarks>
public sealed class OsoDossierMapper(IBijlageStaging staging)
{
    /// <summary>
    /// Reads the <c>documentResponse</c> element and maps it.
    /// </summary>
    /// <param name="documentResponseBody">
    /// Positioned on the verified body's <c>documentResponse</c> element, or before it with only an XML declaration,
    /// white space or comments in between. The mapper never searches further: an element elsewhere in the envelope
    /// (an unsigned copy in a header, say) cannot be picked up. After success the reader is past the element; after a
    /// refusal its position is undefined.
    /// </param>
    /// <param name="context">The stored notificatie the dossier was fetched for.</param>
    /// <param name="cancellationToken">Stops reading; whatever was staged is removed.</param>
    /// <returns>
    /// An <see cref="OsoAanvraag"/> (dispose it after intake), an <see cref="OsoFoutmelding"/> when the supplier
    /// answered with one, or the refusal: the OSO rules short-circuit (<c>BESTEMMING_ONJUIST</c>, a wrong
    /// <c>overdrachtsoort</c>, <c>SCHOOL_KOMT_NIET_OVEREEN</c>); field and attachment errors are reported together.
    /// A refusal leaves nothing in staging.
    /// </returns>
    public async Task<Result<OsoDocumentAntwoord>> MapAsync(
        XmlReader documentResponseBody, OsoNotificatieContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentResponseBody);
        ArgumentNullException.ThrowIfNull(context);

        var lezing = new DocumentResponseLezing(new XmlLezer(documentResponseBody), staging, context, cancellationToken);
        var overgedragen = false;
        try
        {
            var resultaat = await lezing.LeesAsync();
            overgedragen = resultaat.Value is OsoAanvraag;
            return resultaat;
        }
        catch (XmlException)
        {
            // The position and reason of an XML error may quote the dossier; the school's supplier can reproduce it.
            return new Fout(FoutCodes.VeldOngeldig, "documentResponse",
                "Het dossier is geen geldige XML en kon niet worden gelezen. Neem contact op met de leverancier van het leerlingvolgsysteem.");
        }
        finally
        {
            if (!overgedragen)
            {
                await RuimOpAsync(lezing.Gestaged);
            }
        }
    }

    /// <summary>Removes every staged file, also when one removal fails.</summary>
    internal static async ValueTask RuimOpAsync(IReadOnlyList<GestagedeBijlage> gestaged)
    {
        List<Exception>? fouten = null;
        foreach (var bijlage in gestaged)
        {
            try
            {
                await bijlage.DisposeAsync();
            }
            catch (Exception e)
            {
                (fouten ??= []).Add(e);
            }
        }

        if (fouten is not null)
        {
            throw new AggregateException("Staged attachments could not all be removed.", fouten);
        }
    }
}

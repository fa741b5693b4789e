using System.Globalization;
using Hulpvraag.Core.Bijlagen;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Adapters.ParnasSys.Mapping;

/// <summary>The attachments of a dossier: every <c>document</c>, its ZIP staged and unpacked, and where it sat.</summary>
internal sealed partial class DocumentResponseLezing
{
    private async ValueTask LeesDocumentAsync(Pad pad)
    {
        var veld = pad.MetIndex();
        string? naam = null, omschrijving = null;
        Uitpakresultaat? inhoud = null;
        await LeesKinderenAsync(async () =>
        {
            if (_reader.NamespaceURI != OsoNamen.DossierNamespace)
            {
                return false;
            }

            switch (_reader.LocalName)
            {
                case "bestandsnaam" when naam is null:
                    var n = await lezer.LeesTekstAsync(ct);
                    naam = ControleerTekst(veld + "/bestandsnaam", n) ? n.Waarde?.Trim() ?? "" : "";
                    return true;
                case "omschrijving" when omschrijving is null:
                    var o = await lezer.LeesTekstAsync(ct);
                    omschrijving = ControleerTekst(veld + "/omschrijving", o) ? o.Waarde?.Trim() ?? "" : "";
                    return true;
                case "bestandsinhoud" when inhoud is null:
                    inhoud = await StageInhoudAsync();
                    return true;
                case "bestandsnaam" or "omschrijving" or "bestandsinhoud":
                    _fouten.Add(Dubbel($"{veld}/{_reader.LocalName}"));
                    return false;
                default:
                    return false;
            }
        });

        var getoondeNaam = Leeg(naam) ? "(zonder naam)" : naam;
        switch (inhoud)
        {
            case null:
                _fouten.Add(new Fout(FoutCodes.VerplichtVeldOntbreekt, veld + "/bestandsinhoud",
                    $"De inhoud van de bijlage '{Kort(getoondeNaam)}' ontbreekt."));
                return;
            case { TeGroot: true }:
                _fouten.Add(BijlageRegels.TeGroot(getoondeNaam, veld));
                return;
            case { Reden: { } reden }:
                _fouten.Add(BijlageRegels.Onleesbaar(getoondeNaam, veld, reden));
                return;
        }

        if (Leeg(naam))
        {
            _fouten.Add(new Fout(FoutCodes.VerplichtVeldOntbreekt, veld + "/bestandsnaam",
                "De bestandsnaam van een bijlage ontbreekt."));
            return;
        }

        if (inhoud.Value.Bestand is not { } bestand)
        {
            // The unpacker answers a file, TeGroot or a reason; none of them is unreadable all the same.
            _fouten.Add(BijlageRegels.Onleesbaar(getoondeNaam, veld, "de ZIP gaf geen bestand"));
            return;
        }

        _bijlagen.Add(new OntvangenBijlage(naam, Leeg(omschrijving) ? null : omschrijving, pad.Categorie(), null,
            bestand.Grootte, bestand.Sha256, bestand.Inhoud) { Veld = veld });
    }

    /// <summary>Stages the ZIP text of <c>bestandsinhoud</c>, unpacks its one file into staging and drops the ZIP.</summary>
    private async ValueTask<Uitpakresultaat> StageInhoudAsync()
    {
        var bron = new Base64TekstStream(lezer);
        var zip = await staging.StageAsync(bron, BijlageCodering.Base64, ZipUitpakker.MaxZipGrootte, ct);
        try
        {
            await bron.AfrondenAsync(ct);
            if (bron.BevatElementen)
            {
                return Uitpakresultaat.Onleesbaar("de inhoud bevat XML-elementen in plaats van base64-tekst");
            }

            var uitkomst = await _uitpakker.PakUitAsync(zip, ct);
            if (uitkomst.Bestand is { } bestand)
            {
                _gestaged.Add(bestand);
            }

            return uitkomst;
        }
        finally
        {
            await zip.DisposeAsync();
        }
    }

    /// <summary>Where an element sits: the names for matching and the category, the indices for field names.</summary>
    private sealed class Pad(Pad? ouder, string naam, int index)
    {
        private Dictionary<string, int>? _kinderen;

        public string Naam { get; } = naam;

        private Pad? Ouder { get; } = ouder;

        private int Index { get; } = index;

        public string Sleutel { get; } = ouder is null ? naam : $"{ouder.Sleutel}/{naam}";

        public Pad Kind(string kind)
        {
            _kinderen ??= new Dictionary<string, int>(StringComparer.Ordinal);
            var i = _kinderen.GetValueOrDefault(kind) + 1;
            _kinderen[kind] = i;
            return new Pad(this, kind, i);
        }

        /// <summary><c>dossier/…/toetslijst/toets[2]/resultaat/document[1]</c>: a document always with its index.</summary>
        public string MetIndex()
        {
            var delen = new List<string>();
            for (var p = this; p is not null; p = p.Ouder)
            {
                delen.Add(p.Index > 1 || p.Naam == "document" ? string.Create(CultureInfo.InvariantCulture, $"{p.Naam}[{p.Index}]") : p.Naam);
            }

            delen.Reverse();
            return string.Join('/', delen);
        }

        public string Categorie()
        {
            for (var p = Ouder; p is not null; p = p.Ouder)
            {
                if (OsoNamen.CategorieVoorBlok(p.Naam) is { } categorie)
                {
                    return categorie;
                }
            }

            return BijlageCategorieen.Overig;
        }
    }
}

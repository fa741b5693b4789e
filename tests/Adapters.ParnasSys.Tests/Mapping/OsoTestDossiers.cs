using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Hulpvraag.Adapters.ParnasSys.Mapping;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Mapping;

/// <summary>documentResponse bodies for the mapper: around the official example dossiers, or small ones of our own.</summary>
internal static class OsoTestDossiers
{
    public static readonly XNamespace OsoNs = OsoNamen.OsoNamespace;
    public static readonly XNamespace Gw = OsoNamen.GatewayNamespace;
    public static readonly XNamespace D = OsoNamen.DossierNamespace;

    /// <summary>The official examples are of school 00YY.</summary>
    public static readonly OsoNotificatieContext Context =
        new("00YY", "0000000700000YY00001", "19677A96-B737-402E-B3B8-24A3EEF32000");

    public static XElement SwvAanvraag(string aanvraagtype = "TLV -Nieuw", string lasHulpvraagId = "PS-000123") =>
        new(Gw + "swvAanvraag",
            new XAttribute(XNamespace.Xmlns + "gw", Gw.NamespaceName),
            new XElement(Gw + "samenwerkingsverband", "PO2806"),
            new XElement(Gw + "aanvraagtype", aanvraagtype),
            new XElement(Gw + "omschrijving", "Einddatum oude TLV 31-07-2026, nummer 55667788"),
            new XElement(Gw + "lasHulpvraagId", lasHulpvraagId),
            new XElement(Gw + "niveau", "leerling"),
            new XElement(Gw + "aanvrager",
                new XElement(Gw + "naam", "J. de Vries"),
                new XElement(Gw + "functie", "IB"),
                new XElement(Gw + "email", "ib@school.nl"),
                new XElement(Gw + "telefoon", "0101234567")),
            new XElement(Gw + "ingediendOp", "2026-11-28T09:15:00Z"));

    public static XElement DocumentResponse(XElement dossier, XElement? swvAanvraag = null) =>
        new(OsoNs + "documentResponse",
            new XAttribute(XNamespace.Xmlns + "oso", OsoNs.NamespaceName),
            swvAanvraag ?? SwvAanvraag(),
            dossier);

    public static string Tekst(XElement element) => element.ToString(SaveOptions.DisableFormatting);

    public static XmlReader Reader(XElement element, bool async = false) => Reader(Tekst(element), async);

    public static XmlReader Reader(string xml, bool async = false) =>
        XmlReader.Create(new StringReader(xml), OsoReferentie.VeiligeInstellingen(async));

    /// <summary>A dossier with only what the mapper reads: POSWV, school 00YY 00, a pupil, and the given documents.</summary>
    public static XElement MinimaalDossier(params XElement[] documenten) =>
        new(D + "dossier",
            new XElement(D + "metadata", new XElement(D + "overstap", "POSWV")),
            new XElement(D + "overdrachtsoort", "swv-dossier"),
            new XElement(D + "huidigeschool",
                new XElement(D + "naam", "Testschool"),
                new XElement(D + "brincode", "00YY"),
                new XElement(D + "vestigingscode", "00"),
                new XElement(D + "leerling",
                    new XElement(D + "voornaam", "Sam"),
                    new XElement(D + "achternaam", "Jansen"),
                    new XElement(D + "roepnaam", "Sam"),
                    new XElement(D + "geboortedatum", "2017-03-17"),
                    new XElement(D + "leerlingid", "LN1"),
                    new XElement(D + "overigdocumentlijst", documenten))));

    public static XElement Document(string naam, string bestandsinhoud, string? omschrijving = null) =>
        new(D + "document",
            new XElement(D + "bestandsnaam", naam),
            omschrijving is null ? null : new XElement(D + "omschrijving", omschrijving),
            new XElement(D + "bestandsinhoud", bestandsinhoud));

    public static XElement Document(string naam, byte[] zip) => Document(naam, Convert.ToBase64String(zip));

    public static byte[] Zip(params (string Naam, byte[] Inhoud)[] bestanden) => Zip(CompressionLevel.Optimal, bestanden);

    public static byte[] Zip(CompressionLevel niveau, params (string Naam, byte[] Inhoud)[] bestanden)
    {
        using var ms = new MemoryStream();
        using (var archief = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (naam, inhoud) in bestanden)
            {
                using var s = archief.CreateEntry(naam, niveau).Open();
                s.Write(inhoud);
            }
        }

        return ms.ToArray();
    }

    public static byte[] Pdf(string tekst) => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {tekst}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    /// <summary>Sets the uncompressed size in the local header and the central directory of a one-entry ZIP.</summary>
    public static byte[] MetGedeclareerdeGrootte(byte[] zip, uint grootte)
    {
        var kopie = (byte[])zip.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(kopie.AsSpan(22), grootte);
        BinaryPrimitives.WriteUInt32LittleEndian(kopie.AsSpan(CentraleKop(kopie) + 24), grootte);
        return kopie;
    }

    /// <summary>Makes the end record claim one entry, whatever the central directory holds.</summary>
    public static byte[] MetEenGedeclareerdeEntry(byte[] zip)
    {
        var kopie = (byte[])zip.Clone();
        var einde = Zoek(kopie, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(kopie.AsSpan(einde + 8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(kopie.AsSpan(einde + 10), 1);
        return kopie;
    }

    /// <summary>
    /// Five documents of the official full example (four of the opt-out one) carry a ZIP cut off after 160 bytes: a
    /// local header announcing 3,534 compressed bytes followed by 105. This replaces just those with complete ZIPs
    /// of a file of the announced type, leaving the structure as published. Returns the names replaced.
    /// </summary>
    public static List<string> HerstelAfgekapteZips(XElement dossier)
    {
        var vervangen = new List<string>();
        foreach (var document in dossier.Descendants(D + "document"))
        {
            var inhoud = document.Element(D + "bestandsinhoud")!;
            if (IsZip(Convert.FromBase64String(inhoud.Value)))
            {
                continue;
            }

            var naam = document.Element(D + "bestandsnaam")!.Value;
            var bestand = naam.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)
                ? Pdf(naam)
                : Encoding.UTF8.GetBytes($"{naam}: vervangt de afgekapte inhoud van het officiële voorbeeld.\n");
            inhoud.Value = Convert.ToBase64String(Zip((naam, bestand)));
            vervangen.Add(naam);
        }

        return vervangen;
    }

    /// <summary>Every document's name and the SHA-256 of the one file in its ZIP, decoded independently of the mapper.</summary>
    public static List<(string Naam, string Sha256, long Grootte)> VerwachteBijlagen(XElement dossier) =>
        dossier.Descendants(D + "document").Select(d =>
        {
            using var archief = new ZipArchive(new MemoryStream(Convert.FromBase64String(d.Element(D + "bestandsinhoud")!.Value)));
            using var s = archief.Entries.Single().Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return (d.Element(D + "bestandsnaam")!.Value, Convert.ToHexStringLower(SHA256.HashData(ms.ToArray())), ms.Length);
        }).ToList();

    public static async Task<string> Sha256Async(Stream inhoud)
    {
        await using (inhoud)
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(inhoud));
        }
    }

    /// <summary>
    /// Writes a documentResponse file whose one attachment is a stored ZIP of <paramref name="grootte"/> random bytes,
    /// streaming (no array of that size), optionally followed by a small valid attachment.
    /// </summary>
    public static (string Xml, string Sha256) SchrijfGroteBijlage(string map, long grootte, bool kleineErachter = false)
    {
        var inhoudPad = Path.Combine(map, "inhoud.bin");
        var zipPad = Path.Combine(map, "bijlage.zip");
        var xmlPad = Path.Combine(map, "documentResponse.xml");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rnd = new Random(20261128);
        var buffer = new byte[64 * 1024];
        using (var inhoud = File.Create(inhoudPad))
        {
            for (var rest = grootte; rest > 0; rest -= buffer.Length)
            {
                var n = (int)Math.Min(rest, buffer.Length);
                rnd.NextBytes(buffer.AsSpan(0, n));
                hash.AppendData(buffer, 0, n);
                inhoud.Write(buffer, 0, n);
            }
        }

        using (var zipBestand = File.Create(zipPad))
        using (var archief = new ZipArchive(zipBestand, ZipArchiveMode.Create))
        using (var entry = archief.CreateEntry("groot.pdf", CompressionLevel.NoCompression).Open())
        using (var inhoud = File.OpenRead(inhoudPad))
        {
            inhoud.CopyTo(entry);
        }

        using (var uit = XmlWriter.Create(xmlPad, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            uit.WriteStartElement("oso", "documentResponse", OsoNs.NamespaceName);
            SwvAanvraag().WriteTo(uit);
            var dossier = MinimaalDossier();
            uit.WriteStartElement("dossier", D.NamespaceName);
            foreach (var e in dossier.Elements().Where(e => e.Name != D + "huidigeschool"))
            {
                e.WriteTo(uit);
            }

            uit.WriteStartElement("huidigeschool", D.NamespaceName);
            foreach (var e in dossier.Element(D + "huidigeschool")!.Elements().Where(e => e.Name != D + "leerling"))
            {
                e.WriteTo(uit);
            }

            uit.WriteStartElement("leerling", D.NamespaceName);
            foreach (var e in dossier.Descendants(D + "leerling").Single().Elements().Where(e => e.Name != D + "overigdocumentlijst"))
            {
                e.WriteTo(uit);
            }

            uit.WriteStartElement("overigdocumentlijst", D.NamespaceName);
            uit.WriteStartElement("document", D.NamespaceName);
            uit.WriteElementString("bestandsnaam", D.NamespaceName, "groot.pdf");
            uit.WriteStartElement("bestandsinhoud", D.NamespaceName);
            using (var zip = File.OpenRead(zipPad))
            {
                int n;
                while ((n = zip.Read(buffer)) > 0)
                {
                    uit.WriteBase64(buffer, 0, n);
                }
            }

            uit.WriteEndElement();
            uit.WriteEndElement();
            if (kleineErachter)
            {
                Document("klein.pdf", Zip(("klein.pdf", Pdf("klein")))).WriteTo(uit);
            }

            uit.WriteEndDocument();
        }

        File.Delete(inhoudPad);
        File.Delete(zipPad);
        return (xmlPad, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static bool IsZip(byte[] bytes)
    {
        try
        {
            using var archief = new ZipArchive(new MemoryStream(bytes));
            return archief.Entries.Count > 0;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static int CentraleKop(byte[] zip) => Zoek(zip, 0x02014b50);

    private static int Zoek(byte[] zip, uint handtekening)
    {
        for (var i = zip.Length - 4; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) == handtekening)
            {
                return i;
            }
        }

        throw new InvalidOperationException("Signature not found.");
    }
}

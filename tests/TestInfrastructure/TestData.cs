using System.Security.Cryptography;
using System.Text;
using Hulpvraag.Core.Intake;
using Hulpvraag.Core.Model;

namespace Hulpvraag.Gateway.Tests.Infrastructure;

/// <summary>Staged attachment content held in memory: stands in for the edge's staging file, not for our store.</summary>
public sealed class BytesInhoud(byte[] bytes) : IBijlageInhoud
{
    public byte[] Bytes { get; } = bytes;

    public Stream OpenRead() => new MemoryStream(Bytes, writable: false);
}

public static class TestData
{
    public static byte[] Pdf(string tekst = "hallo", int opvulling = 0)
    {
        var builder = new StringBuilder("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ").Append(tekst).Append('\n');
        var kop = Encoding.ASCII.GetBytes(builder.ToString());
        var staart = "\n%%EOF\n"u8.ToArray();
        var bytes = new byte[kop.Length + opvulling + staart.Length];
        kop.CopyTo(bytes, 0);
        bytes.AsSpan(kop.Length, opvulling).Fill((byte)' ');
        staart.CopyTo(bytes, kop.Length + opvulling);
        return bytes;
    }

    public static OntvangenBijlage Bijlage(byte[] inhoud, string naam = "Toetsoverzicht groep 5.pdf", string categorie = "toetsgegevens") =>
        new(naam, "Toetsoverzicht", categorie, "application/pdf", inhoud.Length, Convert.ToHexStringLower(SHA256.HashData(inhoud)), new BytesInhoud(inhoud));

    public static AanvraagInvoer Aanvraag(string referentie = "E-2026-0042", string brin = "12AB", IReadOnlyList<OntvangenBijlage>? bijlagen = null) => new()
    {
        Systeem = BronSystemen.Esis,
        Referentie = referentie,
        Brin = brin,
        Vestiging = "00",
        Koppelsleutel = "registratie-1",
        Samenwerkingsverband = "PO2806",
        Titel = "Ambulante Begeleiding",
        Omschrijving = "Op het gebied van gedrag",
        Niveau = "leerling",
        Leerling = new LeerlingInvoer("E-778", "Daan", "Daan Pieter", "van de", "Berg", "2017-03-17", "man", "5"),
        Aanvrager = new AanvragerInvoer("J. de Vries", "ib@regenboog.nl", "0101234567", "IB"),
        Bijlagen = bijlagen ?? [],
    };
}

using System.Text;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security.Fuzz;

/// <summary>Random, well-formed XML for the c14n differential test, with the namespace scoping done right.</summary>
internal static class RandomDocument
{
    private static readonly string[] Prefixes = ["a", "b", "c", "soapenv", ""];
    private static readonly string[] Uris = ["urn:a", "urn:b", "http://example.org/c", "urn:a:other", "http://schemas.xmlsoap.org/soap/envelope/"];
    private static readonly string[] ListTokens = ["a", "b", "c", "soapenv", "#default", "xml", "zz"];
    private static readonly string[] Texts = ["tekst", " ", "\n  ", "a & b", "<tag>", "\"quoted\" 'single'", "x\ty", "\u00E9\u00E8", "😀 non-BMP", "]]>", "\u00A0nbsp"];

    public static (string Xml, string PrefixList) Create(Random random)
    {
        var builder = new StringBuilder();
        if (random.Next(4) == 0)
        {
            builder.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        }

        var deep = random.Next(40) == 0;
        Element(builder, random, new Dictionary<string, string>(StringComparer.Ordinal), depth: 0, maxDepth: deep ? 200 : 6, deep);
        return (builder.ToString(), PrefixList(random));
    }

    private static string PrefixList(Random random)
    {
        var count = random.Next(5);
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(random.Next(12) switch { 0 => "\t", 1 => "\n", 2 => "\u00A0", 3 => "  ", _ => " " });
            }

            builder.Append(ListTokens[random.Next(ListTokens.Length)]);
        }

        return builder.ToString();
    }

    private static void Element(StringBuilder builder, Random random, Dictionary<string, string> scope, int depth, int maxDepth, bool chain)
    {
        var inner = new Dictionary<string, string>(scope, StringComparer.Ordinal);
        var prefix = Prefixes[random.Next(Prefixes.Length)];
        var declarations = new List<(string Prefix, string Uri)>();
        if (!inner.ContainsKey(prefix) || random.Next(4) == 0)
        {
            // Declare (or redeclare); the default namespace is sometimes undeclared instead.
            var uri = prefix.Length == 0 && random.Next(3) == 0 ? string.Empty : Uris[random.Next(Uris.Length)];
            declarations.Add((prefix, uri));
            inner[prefix] = uri;
        }

        for (var extra = random.Next(3); extra > 0; extra--)
        {
            var other = Prefixes[random.Next(Prefixes.Length - 1)];
            if (other != prefix && declarations.TrueForAll(d => d.Prefix != other))
            {
                declarations.Add((other, Uris[random.Next(Uris.Length)]));
                inner[other] = declarations[^1].Uri;
            }
        }

        var name = prefix.Length == 0 ? "e" + random.Next(3) : $"{prefix}:e{random.Next(3)}";
        builder.Append('<').Append(name);
        foreach (var (p, uri) in declarations)
        {
            builder.Append(p.Length == 0 ? " xmlns" : " xmlns:" + p).Append("=\"").Append(Escape(uri, attribute: true)).Append('"');
        }

        if (random.Next(25) == 0)
        {
            builder.Append(" xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"");
        }

        var written = new HashSet<string>(StringComparer.Ordinal);
        for (var i = random.Next(4); i > 0; i--)
        {
            var attributePrefix = inner.Where(kv => kv.Key.Length > 0 && kv.Value.Length > 0).Select(kv => kv.Key).ToList();
            var kind = random.Next(5);
            var local = "t" + i;
            var qualified = kind switch
            {
                0 when attributePrefix.Count > 0 => attributePrefix[random.Next(attributePrefix.Count)] + ":" + local,
                1 => "xml:" + (random.Next(2) == 0 ? "lang" : "space"),
                _ => local,
            };
            if (!written.Add(qualified))
            {
                continue;
            }

            var value = qualified == "xml:space" ? (random.Next(2) == 0 ? "preserve" : "default") : Texts[random.Next(Texts.Length)] + (random.Next(5) == 0 ? "\r" : string.Empty);
            builder.Append(' ').Append(qualified).Append("=\"").Append(Escape(value, attribute: true)).Append('"');
        }

        if (depth >= maxDepth || (!chain && random.Next(5) == 0))
        {
            builder.Append(random.Next(2) == 0 ? "/>" : "></" + name + ">");
            return;
        }

        builder.Append('>');
        var children = chain ? 1 : random.Next(5);
        for (var i = 0; i < children; i++)
        {
            switch (chain ? 0 : random.Next(7))
            {
                case 0:
                case 1:
                    Element(builder, random, inner, depth + 1, maxDepth, chain);
                    break;
                case 2:
                    builder.Append(Escape(random.Next(30) == 0 ? new string('x', random.Next(4000, 34000)) + "&" : Texts[random.Next(Texts.Length)], attribute: false));
                    break;
                case 3:
                    builder.Append("<!--").Append(random.Next(2) == 0 ? " opmerking " : "x-y").Append("-->");
                    break;
                case 4:
                    builder.Append("<?pi ").Append(random.Next(2) == 0 ? "data" : string.Empty).Append("?>");
                    break;
                case 5:
                    builder.Append("<![CDATA[").Append(random.Next(2) == 0 ? "a < b & c" : "\r\n]").Append("]]>");
                    break;
                default:
                    builder.Append(random.Next(2) == 0 ? "&#13;&#x1F600;&#9;" : "&amp;&lt;&gt;&quot;");
                    break;
            }
        }

        builder.Append("</").Append(name).Append('>');
    }

    private static string Escape(string value, bool attribute)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' when attribute => "&quot;",
                '\r' => "&#13;",
                '\t' when attribute => "&#9;",
                '\n' when attribute => "&#10;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}

using System.Globalization;
using System.Xml;
using static Hulpvraag.Adapters.ParnasSys.Security.ProfileXml;
using NS = Hulpvraag.Adapters.ParnasSys.Security.WsNamespaces;
using R = Hulpvraag.Adapters.ParnasSys.Security.VerificationReasons;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>wsu:Created (required, UTC) and wsu:Expires (optional, after Created).</summary>
internal sealed record TimestampValues(DateTimeOffset Created, DateTimeOffset? Expires);

/// <summary>wsu:Timestamp: its values, and the window the clock allows (Oso:MessageTtl, Oso:ClockSkew).</summary>
internal static class TimestampReader
{
    public static ReadResult<TimestampValues> Read(XmlElement timestamp)
    {
        if (ChildElements(timestamp, out var children) is not null
            || children.Count is < 1 or > 2
            || !Is(children[0], "Created", NS.Wsu)
            || (children.Count == 2 && !Is(children[1], "Expires", NS.Wsu)))
        {
            return FailureCatalog.Fail(R.TimestampInvalid, "wsu:Timestamp moet precies wsu:Created en hooguit wsu:Expires bevatten");
        }

        if (!TryParseUtc(TextValue(children[0]), out var created))
        {
            return FailureCatalog.Fail(R.TimestampInvalid, "wsu:Created moet een xsd:dateTime in UTC zijn (eindigend op Z)");
        }

        if (children.Count == 2)
        {
            if (!TryParseUtc(TextValue(children[1]), out var expires))
            {
                return FailureCatalog.Fail(R.TimestampInvalid, "wsu:Expires moet een xsd:dateTime in UTC zijn (eindigend op Z)");
            }

            if (expires <= created)
            {
                return FailureCatalog.Fail(R.TimestampInvalid, "wsu:Expires ligt niet na wsu:Created");
            }

            return new TimestampValues(created, expires);
        }

        return new TimestampValues(created, null);
    }

    public static VerificationResult? CheckWindow(TimestampValues timestamp, DateTimeOffset now, TimeSpan skew, TimeSpan messageTtl)
    {
        if (timestamp.Created > now + skew)
        {
            return FailureCatalog.Fail(R.TimestampInFuture, $"toegestaan is {skew.TotalSeconds:0} s klokafwijking");
        }

        if (now > timestamp.Created + messageTtl + skew)
        {
            return FailureCatalog.Fail(R.TimestampExpired, $"maximaal {messageTtl.TotalSeconds:0} s plus {skew.TotalSeconds:0} s klokafwijking");
        }

        return timestamp.Expires is { } expires && now > expires + skew ? FailureCatalog.Fail(R.TimestampExpiresPassed) : null;
    }

    /// <summary>xsd:dateTime restricted to UTC with 'Z' (WS-I BSP R3217); up to 9 fraction digits, truncated to ticks.</summary>
    internal static bool TryParseUtc(string? text, out DateTimeOffset value)
    {
        value = default;
        var s = text.AsSpan().Trim();
        if (s.Length < 20 || s[^1] != 'Z'
            || !DateTime.TryParseExact(s[..19], "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var wholeSeconds))
        {
            return false;
        }

        var fraction = s[19..^1];
        long ticks = 0;
        if (!fraction.IsEmpty)
        {
            if (fraction[0] != '.' || fraction.Length is < 2 or > 10)
            {
                return false;
            }

            var digits = fraction[1..];
            long scale = TimeSpan.TicksPerSecond;
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                scale /= 10;
                ticks += (c - '0') * scale;
            }
        }

        value = new DateTimeOffset(wholeSeconds.Ticks + ticks, TimeSpan.Zero);
        return true;
    }
}

using System.Text;
using Hulpvraag.Adapters.ParnasSys.Security;
using Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure;
using Hulpvraag.Core.Fouten;
using static Hulpvraag.Adapters.ParnasSys.Tests.Security.Infrastructure.VerifierFactory;

namespace Hulpvraag.Adapters.ParnasSys.Tests.Security;

public sealed class ParsingHardeningTests
{
    private const string EnvelopeStart = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header/><soapenv:Body>";
    private const string EnvelopeEnd = "</soapenv:Body></soapenv:Envelope>";

    private static Task<VerificationResult> VerifyTextAsync(string xml) => VerifyAsync(Encoding.UTF8.GetBytes(xml));

    [Fact]
    public async Task VerifyAsync_BillionLaughsDoctype_RefusedAsDoctype()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            """ + EnvelopeStart + "&lol9;" + EnvelopeEnd;

        var result = await VerifyTextAsync(xml);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.DoctypeProhibited, "0001");
    }

    [Fact]
    public async Task VerifyAsync_ExternalEntityToEtcPasswd_RefusedAsDoctypeWithoutLeakingContent()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + EnvelopeStart + "<x>&xxe;</x>" + EnvelopeEnd;

        var result = await VerifyTextAsync(xml);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.DoctypeProhibited, "0001");
        Assert.DoesNotContain("root:", result.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_DoctypeInSignedMessage_RefusedAsDoctype()
    {
        var signed = Encoding.UTF8.GetString(TestMessages.Sign());
        var declarationEnd = signed.IndexOf("?>", StringComparison.Ordinal) + 2;
        var xml = signed[..declarationEnd] + "<!DOCTYPE soapenv:Envelope>" + signed[declarationEnd..];

        var result = await VerifyTextAsync(xml);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.DoctypeProhibited);
    }

    [Fact]
    public async Task VerifyAsync_TenThousandNestedElements_RefusedAsTooDeep()
    {
        var xml = EnvelopeStart + string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000)) + EnvelopeEnd;

        var result = await VerifyTextAsync(xml);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TooDeep, "0001");
    }

    [Fact]
    public async Task VerifyAsync_TooManyElements_RefusedAsTooManyElements()
    {
        var xml = EnvelopeStart + string.Concat(Enumerable.Repeat("<a/>", 60_000)) + EnvelopeEnd;

        var result = await VerifyTextAsync(xml);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TooManyElements, "0001");
    }

    [Fact]
    public async Task VerifyAsync_TooManyAttributes_RefusedAsTooManyAttributes()
    {
        var attributes = string.Concat(Enumerable.Range(0, 100).Select(i => $" a{i}=\"x\""));
        var xml = EnvelopeStart + "<a" + attributes + "/>" + EnvelopeEnd;

        var result = await VerifyTextAsync(xml);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.TooManyAttributes, "0001");
    }

    [Fact]
    public async Task VerifyAsync_MessageOverOneMebibyte_RefusedBeforeParsing()
    {
        // Deliberately not even XML: the size check must come before any parser sees the bytes.
        var message = new byte[WsSecurityVerifierOptions.DefaultMaxMessageBytes + 1];
        Array.Fill(message, (byte)'<');

        var result = await VerifyAsync(message);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.MessageTooLarge, "0001");
    }

    [Fact]
    public async Task VerifyAsync_StreamOverLimit_RefusedWithoutReadingEverything()
    {
        var stream = new CountingStream(WsSecurityVerifierOptions.DefaultMaxMessageBytes * 4L);

        var result = await Create().VerifyAsync(stream, CancellationToken.None);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.MessageTooLarge);
        Assert.True(stream.Position <= WsSecurityVerifierOptions.DefaultMaxMessageBytes + 81920);
    }

    [Fact]
    public async Task VerifyAsync_LargerConfiguredLimit_AcceptsSignedMessageOverOneMebibyte()
    {
        var body = TestMessages.NotificatieBody();
        var filler = body.OwnerDocument.CreateElement("oso", "opmerking", TestMessages.OsoNamespace);
        filler.InnerText = new string('x', 1_200_000);
        body.AppendChild(filler);
        var message = TestMessages.Sign(body: body);
        Assert.True(message.Length > WsSecurityVerifierOptions.DefaultMaxMessageBytes);

        var refused = await VerifyAsync(message);
        var accepted = await VerifyAsync(message, options: Options() with { MaxMessageBytes = 4 * 1024 * 1024 });

        AssertRefused(refused, FoutCodes.HandtekeningOngeldig, VerificationReasons.MessageTooLarge);
        AssertAccepted(accepted);
    }

    [Fact]
    public async Task VerifyAsync_EmptyMessage_RefusedAsEmpty()
    {
        var result = await VerifyAsync([]);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.MessageEmpty, "0001");
    }

    [Theory]
    [InlineData("ISO-8859-1")]
    [InlineData("windows-1252")]
    [InlineData("UTF-16")]
    [InlineData("us-ascii")]
    public async Task VerifyAsync_NonUtf8EncodingDeclaration_RefusedWith0009(string encoding)
    {
        var signed = Encoding.UTF8.GetString(TestMessages.Sign());
        var xml = $"<?xml version=\"1.0\" encoding=\"{encoding}\"?>" + signed[(signed.IndexOf("?>", StringComparison.Ordinal) + 2)..];

        var result = await VerifyTextAsync(xml);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.EncodingNotUtf8, "0009");
    }

    [Fact]
    public async Task VerifyAsync_Utf16Bytes_RefusedAsNotUtf8()
    {
        var signed = Encoding.UTF8.GetString(TestMessages.Sign());
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(signed)).ToArray();

        var result = await VerifyAsync(utf16);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.NotUtf8, "0009");
    }

    [Fact]
    public async Task VerifyAsync_InvalidUtf8Sequence_RefusedAsNotUtf8()
    {
        var message = TestMessages.Sign();
        var index = Encoding.UTF8.GetString(message).IndexOf("12AB", StringComparison.Ordinal);
        message[index] = 0xC3;
        message[index + 1] = 0x28;

        var result = await VerifyAsync(message);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.NotUtf8, "0009");
    }

    [Fact]
    public async Task VerifyAsync_Utf8Bom_IsAccepted()
    {
        var message = Encoding.UTF8.GetPreamble().Concat(TestMessages.Sign()).ToArray();

        var result = await VerifyAsync(message);

        AssertAccepted(result);
    }

    [Fact]
    public async Task VerifyAsync_MalformedXml_RefusedAsMalformed()
    {
        var result = await VerifyTextAsync(EnvelopeStart + "<a></b>" + EnvelopeEnd);

        AssertRefused(result, FoutCodes.HandtekeningOngeldig, VerificationReasons.MalformedXml, "0001");
    }

    private sealed class CountingStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Fill(buffer, (byte)' ', offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

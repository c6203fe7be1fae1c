using System.Text;
using System.Text.Unicode;

namespace Tidings.Core.Aggregation;

/// <summary>
/// Turns a feed's bytes into text. Chinese partner feeds are often GBK or GB2312, declared in the XML, in the HTTP
/// header, or nowhere; some declare UTF-8 and are not. Order: byte-order mark, the XML declaration, the HTTP charset,
/// then UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GB2312 and GBK). Names of the GB family
/// all read as GB18030, since feeds declared GB2312 routinely carry GBK characters; a legacy name over bytes that are
/// valid UTF-8 beyond ASCII reads as UTF-8 (a template's stale label).
/// </summary>
public static class FeedEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static FeedEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The text of a feed body; <paramref name="httpCharset"/> is the Content-Type charset, if any.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? httpCharset)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Utf8OrGb(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        var declared = Named(DeclaredInXml(bytes)) ?? Named(httpCharset);
        if (declared is null || declared.CodePage == Encoding.UTF8.CodePage)
        {
            // Declared UTF-8 (or nothing): trust it only when the bytes agree.
            return Utf8OrGb(bytes);
        }

        // A label left over from a legacy template over UTF-8 text is common; the reverse cannot pass: text in GBK (or
        // any legacy encoding) beyond ASCII is practically never valid UTF-8 as a whole.
        return !Ascii.IsValid(bytes) && Utf8.IsValid(bytes) ? StrictUtf8.GetString(bytes) : declared.GetString(bytes);
    }

    private static string Utf8OrGb(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    private static Encoding? Named(string? name)
    {
        name = name?.Trim().Trim('"', '\'').ToUpperInvariant();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (name is "GB2312" or "GBK" or "GB18030" or "CP936" or "X-GBK" or "EUC-CN" or "WINDOWS-936")
        {
            return Encoding.GetEncoding("GB18030");
        }

        try
        {
            var encoding = Encoding.GetEncoding(name);

            // A feed declaring UTF-16 in an ASCII declaration was already decoded by its bytes; treat as unknown.
            return encoding is UnicodeEncoding or UTF32Encoding ? null : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The encoding named by an XML declaration at the start (ASCII-compatible encodings only).</summary>
    private static string? DeclaredInXml(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.IndexOfAnyExcept((ReadOnlySpan<byte>)" \t\r\n"u8);
        if (start < 0 || !bytes[start..].StartsWith("<?xml"u8))
        {
            return null;
        }

        var head = bytes[start..];
        var end = head.IndexOf("?>"u8);
        if (end < 0 || end > 300)
        {
            return null;
        }

        var declaration = Encoding.ASCII.GetString(head[..end]);
        var at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = declaration[(at + "encoding".Length)..].TrimStart(' ', '=', '\t');
        if (rest.Length < 2 || rest[0] is not ('"' or '\''))
        {
            return null;
        }

        var close = rest.IndexOf(rest[0], 1);
        return close < 0 ? null : rest[1..close];
    }
}

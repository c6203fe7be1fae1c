using System.Text;
using System.Xml;

namespace Tidings.Web.Shared;

/// <summary>Text made safe for XML 1.0, which has no escape for most control characters (an XmlWriter throws on them).</summary>
internal static class XmlSafe
{
    public static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
    };

    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var valid = true;
        for (var i = 0; i < text.Length && valid; i++)
        {
            valid = XmlConvert.IsXmlChar(text[i]) || (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]) && ++i > 0);
        }

        if (valid)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i, 2);
                i++;
            }
        }

        return clean.ToString();
    }
}

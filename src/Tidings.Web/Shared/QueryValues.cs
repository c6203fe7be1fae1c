using System.Globalization;
using Tidings.Core.Text;

namespace Tidings.Web.Shared;

/// <summary>Query-string values of the JSON API, parsed with one rule and one message.</summary>
internal static class QueryValues
{
    /// <summary>An optional integer in [min, max]; records a message under <paramref name="name"/> and returns the fallback when it is not.</summary>
    public static int ParseInt(string? value, int fallback, int min, int max, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        errors[name] = [$"{name} must be an integer from {min} to {max}; got '{Excerpt.Clip(value)}'."];
        return fallback;
    }
}

namespace Tidings.Web.Shared;

/// <summary>Request bodies read by hand (JSON the endpoints validate themselves), never more than a stated size.</summary>
internal static class RequestBodies
{
    /// <summary>
    /// The whole body as JSON text, or an error saying what to send: when it is (or claims to be) larger than
    /// <paramref name="maxBytes"/>, or is not UTF-8. JSON is UTF-8 by definition (RFC 8259), and checking here means no
    /// endpoint meets a string it cannot decode halfway through its own checks.
    /// </summary>
    public static async Task<(ReadOnlyMemory<byte> Body, string? Error)> ReadJsonAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (await ReadAsync(request, maxBytes, ct) is not { } body)
        {
            return (default, TooLarge(maxBytes));
        }

        return System.Text.Unicode.Utf8.IsValid(body.Span) ? (body, null) : (default, "The body is not valid UTF-8 text.");
    }

    /// <summary>The whole body, or null when it is (or claims to be) larger than <paramref name="maxBytes"/>.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
            if (length > maxBytes)
            {
                return null;
            }
        }

        return buffer.AsMemory(0, length);
    }

    private static string TooLarge(int maxBytes) => $"The body is larger than {maxBytes} bytes.";
}

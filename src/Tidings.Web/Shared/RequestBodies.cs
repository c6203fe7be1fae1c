namespace Tidings.Web.Shared;

/// <summary>Request bodies read by hand (JSON the endpoints validate themselves), never more than a stated size.</summary>
internal static class RequestBodies
{
    /// <summary>The whole body, or null when it is (or claims to be) larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
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

    public static string TooLarge(int maxBytes) => $"The body is larger than {maxBytes} bytes.";
}

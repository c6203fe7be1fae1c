namespace Tidings.Web.Shared;

/// <summary>Where a form may send the reader back to: reader-supplied, so only a plain path on this site.</summary>
internal static class LocalPaths
{
    /// <summary>
    /// A rooted path ("/…", not "//host" or "/\host", which browsers read as another site) in printable ASCII, the
    /// only characters a Location header carries.
    /// </summary>
    public static bool IsSafeReturn(string? path) =>
        !string.IsNullOrEmpty(path)
        && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && path.All(c => c is > ' ' and < '\u007f');
}

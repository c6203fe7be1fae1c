using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Tidings.Core.Comments;

/// <summary>
/// IP属地: the operator's table of address ranges and the region to show for each, looked up locally (no network
/// calls). One range a line, "203.0.113.0/24 山东" or "203.0.113.0-203.0.113.255 山东", # for comments; IPv4 and
/// IPv6; ranges must not overlap. Lookups are a binary search.
/// </summary>
public sealed class IpRegionTable
{
    private readonly UInt128[] _starts;
    private readonly UInt128[] _ends;
    private readonly string[] _labels;

    private IpRegionTable(UInt128[] starts, UInt128[] ends, string[] labels)
    {
        _starts = starts;
        _ends = ends;
        _labels = labels;
    }

    public static IpRegionTable Empty { get; } = new([], [], []);

    public int Count => _labels.Length;

    public static IpRegionTable Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var ranges = new List<(UInt128 Start, UInt128 End, string Label, int Line)>();
        foreach (var (number, line) in Text.OperatorLists.Entries(lines))
        {
            var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !TryParseRange(parts[0], out var start, out var end))
            {
                throw new FormatException($"IP region line {number} ('{Text.Excerpt.Clip(line)}') must be \"CIDR or start-end, then the region\".");
            }

            var label = parts[1].Trim();
            if (label.Length > Comment.RegionMaxLength)
            {
                throw new FormatException($"IP region line {number}: the region name is longer than {Comment.RegionMaxLength} characters.");
            }

            ranges.Add((start, end, label, number));
        }

        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Start <= ranges[i - 1].End)
            {
                throw new FormatException($"IP region lines {ranges[i - 1].Line} and {ranges[i].Line} overlap.");
            }
        }

        return new IpRegionTable([.. ranges.Select(r => r.Start)], [.. ranges.Select(r => r.End)], [.. ranges.Select(r => r.Label)]);
    }

    public string? Lookup(IPAddress? address)
    {
        if (address is null || _starts.Length == 0)
        {
            return null;
        }

        var key = ToNumber(address);
        var index = Array.BinarySearch(_starts, key);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return index >= 0 && key <= _ends[index] ? _labels[index] : null;
    }

    /// <summary>IPv4 as its IPv4-mapped IPv6 form, so one number line holds both families.</summary>
    public static UInt128 ToNumber(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var v6 = address.AddressFamily == AddressFamily.InterNetwork ? address.MapToIPv6() : address;
        Span<byte> bytes = stackalloc byte[16];
        v6.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static bool TryParseRange(string text, out UInt128 start, out UInt128 end)
    {
        start = end = 0;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            if (IPAddress.TryParse(text[..dash], out var a) && IPAddress.TryParse(text[(dash + 1)..], out var b)
                && a.AddressFamily == b.AddressFamily)
            {
                start = ToNumber(a);
                end = ToNumber(b);
                return start <= end;
            }

            return false;
        }

        if (!IPNetwork.TryParse(text, out var network))
        {
            return false;
        }

        var hostBits = (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128) - network.PrefixLength;
        start = ToNumber(network.BaseAddress);
        end = start | (hostBits == 0 ? UInt128.Zero : (hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1));
        return true;
    }
}

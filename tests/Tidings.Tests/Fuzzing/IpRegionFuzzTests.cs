using System.Buffers.Binary;
using System.Net;
using CsCheck;
using Tidings.Core.Comments;

namespace Tidings.Tests.Fuzzing;

/// <summary>
/// The operator's IP属地 table: any text loads or is refused with a FormatException naming the line; any address can
/// be looked up; and an address inside a range gets that range's region (and one outside every range gets none),
/// whichever way the ranges were written (CIDR or start-end, IPv4 or IPv6, IPv4 as its mapped IPv6 form).
/// </summary>
public sealed class IpRegionFuzzTests
{
    private static readonly UInt128 MappedPrefix = (UInt128)0xFFFF << 32;
    private static readonly UInt128 MappedMask = ~(UInt128)uint.MaxValue;

    // A few crowded neighbourhoods, so ranges touch, nest and overlap often enough to matter.
    private static readonly UInt128[] Anchors =
    [
        UInt128.Zero, MappedPrefix, MappedPrefix | 0x0A00_0000, MappedPrefix | 0xCB00_7100, MappedPrefix | uint.MaxValue,
        (UInt128)0x2001_0db8 << 96, (UInt128)0xfe80 << 112, UInt128.MaxValue - 0xFFFF,
    ];

    private static readonly Gen<UInt128> Number = Gen.Frequency(
        (6, Gen.Select(Gen.OneOf(Anchors), Gen.UInt128[0, 0x1_0000], (anchor, offset) => anchor > UInt128.MaxValue - offset ? anchor : anchor + offset)),
        (2, Gen.UInt.Select(v4 => MappedPrefix | v4)),
        (1, Gen.UInt128));

    /// <summary>A range as (start, end, CIDR prefix or -1 for start-end).</summary>
    private static readonly Gen<(UInt128 Start, UInt128 End, int Prefix)> Range = Gen.Frequency(
        (1, Gen.Select(Number, Gen.UInt128[0, 5000]).Select((start, length) =>
            (start, start > UInt128.MaxValue - length ? UInt128.MaxValue : start + length, -1))),
        (1, Gen.Select(Number, Gen.Int[0, 24]).Select((value, hostBits) =>
        {
            var mask = hostBits == 0 ? UInt128.Zero : (UInt128.One << hostBits) - 1;
            return (value & ~mask, value | mask, 128 - hostBits);
        })));

    private static readonly Gen<string> Label = Hostile.Join(
        Gen.Frequency((6, Hostile.Range('\u4E00', '\u9FA5')), (2, Hostile.Range('a', 'z')), (1, Gen.Const(" "))), 12)
        .Select(l => l.Trim())
        .Where(l => l.Length > 0);

    private static readonly Gen<string> Padding = Gen.OneOf("", " ", "\t", "  ", " \t ");

    private static readonly Gen<string> TableText = Hostile.Join(
        Gen.Frequency(
            (6, Hostile.Piece),
            (4, Gen.OneOf(".", ":", "::", "/", "-", " ", "#", "\n", "%eth0", "ffff", "0", "1", "255", "256", "4294967296", "/33",
                "/129", "/-1", "10.0.0.0/8 ", "::ffff:10.0.0.1", "203.0.113.0-203.0.113.255", "2001:db8::1", "0x7f.1", "山东"))),
        80);

    [Fact]
    public void Parse_AnyText_GivesATableOrAFormatException()
    {
        Gen.Select(TableText, Number).Sample(
            (text, probe) =>
            {
                IpRegionTable table;
                try
                {
                    table = IpRegionTable.Parse(text.Split('\n'));
                }
                catch (FormatException e)
                {
                    Assert.Contains("line", e.Message, StringComparison.Ordinal);
                    return;
                }

                _ = table.Lookup(Address(probe, asV4: false, scope: 0));
                _ = table.Lookup(null);
            },
            iter: 3000);
    }

    [Fact]
    public void Lookup_AddressInOrOutOfRanges_GivesThatRangesRegion()
    {
        var lines = Gen.Select(Range, Label, Padding, Padding, Gen.Bool).Array[0, 12];
        var probes = Gen.Select(Number, Gen.Bool, Gen.UInt[0, 3]).Array[0, 10];
        Gen.Select(lines, probes).Sample(
            (candidates, randomProbes) =>
            {
                // Keep the ranges that do not overlap one kept before; those are the table.
                var kept = new List<(UInt128 Start, UInt128 End, string Label)>();
                var text = new List<string> { "# IP属地", "" };
                foreach (var ((start, end, prefix), label, before, after, dashed) in candidates)
                {
                    if (kept.Any(k => start <= k.End && k.Start <= end))
                    {
                        continue;
                    }

                    kept.Add((start, end, label));
                    text.Add(before + Written(start, end, prefix, dashed) + " " + after + label + before);
                }

                var table = IpRegionTable.Parse(text);
                Assert.Equal(kept.Count, table.Count);

                var probeNumbers = kept.SelectMany(k => new[] { k.Start, k.End, k.Start + ((k.End - k.Start) / 2), k.Start - 1, k.End + 1 })
                    .Select(n => (n, false, 0u))
                    .Concat(randomProbes);
                foreach (var (number, asV4, scope) in probeNumbers)
                {
                    var expected = kept.Where(k => k.Start <= number && number <= k.End).Select(k => k.Label).SingleOrDefault();
                    var address = Address(number, asV4, scope);
                    Assert.True(expected == table.Lookup(address), $"{address} should be {expected ?? "nowhere"}; table:\n{string.Join('\n', text)}");
                }
            },
            iter: 2000);
    }

    /// <summary>The range as a line would write it: CIDR where it is one (and randomly start-end anyway), IPv4 where
    /// both ends are IPv4-mapped.</summary>
    private static string Written(UInt128 start, UInt128 end, int prefix, bool dashed)
    {
        var v4 = (start & MappedMask) == MappedPrefix && (end & MappedMask) == MappedPrefix;
        if (prefix >= 0 && !dashed)
        {
            // An IPv4 CIDR counts only the 32 bits of the address.
            return v4 && prefix >= 96 ? $"{Address(start, asV4: true, 0)}/{prefix - 96}" : $"{Address(start, asV4: false, 0)}/{prefix}";
        }

        return $"{Address(start, v4, 0)}-{Address(end, v4, 0)}";
    }

    private static IPAddress Address(UInt128 number, bool asV4, uint scope)
    {
        if (asV4 && (number & MappedMask) == MappedPrefix)
        {
            var v4 = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)(number & uint.MaxValue));
            return new IPAddress(v4);
        }

        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, number);
        return scope == 0 ? new IPAddress(bytes) : new IPAddress(bytes, scope);
    }
}

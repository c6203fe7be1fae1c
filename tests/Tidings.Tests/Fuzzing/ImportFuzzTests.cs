using System.Globalization;
using System.Text;
using CsCheck;
using Tidings.Core.Articles;
using Tidings.Core.Importing;
using Tidings.Core.Text;

namespace Tidings.Tests.Fuzzing;

/// <summary>
/// JSONL import: any line, and any bytes read the way the importer reads a file, give a cleaned record or an error
/// message for the operator, never an exception; what is accepted keeps every limit the database relies on.
/// </summary>
public sealed class ImportFuzzTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Keys =
    [
        "externalId", "title", "body", "channel", "region", "source", "author", "publishedAt", "tags", "EXTERNALID", "Title",
        "unknown", "", "\u0000",
    ];

    /// <summary>A JSON string literal of hostile text, with some characters written as \u escapes (lone surrogates
    /// among them, which only an escape can put into a UTF-8 file).</summary>
    private static readonly Gen<string> JsonString = Gen.Select(Hostile.Text(40), Gen.Int[0, 3], Gen.Int[0, 0xFFFF].Array[0, 3]).Select(
        (text, escapeEvery, extra) => Quote(text, escapeEvery)[..^1] + string.Concat(extra.Select(c => $"\\u{c:X4}")) + "\"");

    private static readonly Gen<string> JsonValue = Gen.Frequency(
        (8, JsonString),
        (1, Gen.OneOf("null", "true", "0", "-1.5e400", "{}", "[]", "[null]", "[1]", "{\"a\":\"b\"}", "\"2026-11-20T08:30:00+08:00\"",
            "\"1989-12-31T23:59:59Z\"", "\"9999-12-31T23:59:59-14:00\"", "\"0001-01-01T00:00:00+14:00\"")),
        (2, JsonString.Array[0, 14].Select(items => "[" + string.Join(',', items) + "]")),
        (1, Gen.Int[1, 200].Select(n => new string('[', n) + new string(']', n))));

    private static readonly Gen<string> JsonObject = Gen.Select(Gen.OneOf(Keys), JsonValue).Array[0, 12].Select(
        fields => "{" + string.Join(',', fields.Select(f => Quote(f.Item1, 0) + ":" + f.Item2)) + "}");

    /// <summary>A nearly valid record, so the checks after JSON parsing are reached too.</summary>
    private static readonly Gen<string> Record = Gen.Select(JsonString, JsonString, JsonString, JsonValue, JsonValue, JsonValue).Select(
        (id, title, body, tags, channel, publishedAt) =>
            $"{{\"externalId\":{id},\"title\":{title},\"body\":{body},\"tags\":{tags},\"channel\":{channel},\"publishedAt\":{publishedAt}}}");

    private static readonly Gen<string> Line = Gen.OneOf(Record, JsonObject, Hostile.Text(80));

    [Fact]
    public void Parse_AnyLine_GivesARecordOrAnError()
    {
        Line.Sample(line => CheckParse(line), iter: 3000);
    }

    [Fact]
    public async Task ReadAndParse_AnyBytes_GiveRecordsOrErrors()
    {
        // The importer's own reading: UTF-8 unless a byte order mark says otherwise, then bounded lines.
        await Gen.Byte.Array[0, 600].SampleAsync(
            async bytes =>
            {
                using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                var lines = new BoundedLineReader(reader, 300);
                while (await lines.ReadLineAsync(CancellationToken.None) is var (line, tooLong) && (line is not null || tooLong))
                {
                    if (line is not null)
                    {
                        CheckParse(line);
                    }
                }
            },
            iter: 1000);
    }

    [Fact]
    public async Task ReadLineAsync_AnyTextInAnyChunks_SplitsLikeTheModel()
    {
        var text = Hostile.Join(Gen.Frequency((6, Hostile.Piece), (2, Gen.OneOf("\n", "\r\n", "\r", "\n\n"))), 200);
        await Gen.Select(text, Gen.Int[0, 40], Gen.Int[1, 50].Array[1, 8]).SampleAsync(
            async (input, max, chunks) =>
            {
                var expected = new List<(string?, bool)>();
                if (input.Length > 0)
                {
                    var parts = input.Split('\n');
                    foreach (var part in input.EndsWith('\n') ? parts[..^1] : parts)
                    {
                        expected.Add(part.Length > max ? (null, true) : (part.EndsWith('\r') ? part[..^1] : part, false));
                    }
                }

                var reader = new BoundedLineReader(new ChunkedReader(input, chunks), max);
                var actual = new List<(string?, bool)>();
                while (await reader.ReadLineAsync(CancellationToken.None) is var (line, tooLong) && (line is not null || tooLong))
                {
                    actual.Add((line, tooLong));
                }

                Assert.Equal(expected, actual);
            },
            iter: 2000);
    }

    [Fact]
    public void SlugsNormalize_AnyText_IsBoundedWellFormedAndStable()
    {
        Gen.Select(Hostile.Text(120), Gen.Int[1, 80]).Sample(
            (text, max) =>
            {
                var slug = Slugs.Normalize(text, max);
                Assert.True(slug.Length <= max, $"{slug.Length} > {max}");
                Assert.True(Hostile.IsWellFormed(slug));
                Assert.False(slug.StartsWith('-') || slug.EndsWith('-'));
                Assert.Equal(slug, Slugs.Normalize(slug, max));
            },
            iter: 3000);
    }

    /// <summary>Writes <paramref name="text"/> as a JSON string, escaping what JSON requires and, with
    /// <paramref name="escapeEvery"/> above 0, every so many characters besides.</summary>
    private static string Quote(string text, int escapeEvery)
    {
        var sb = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\\' or < ' ' || char.IsSurrogate(c) || (escapeEvery > 0 && i % (escapeEvery + 1) == 0))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    private static void CheckParse(string line)
    {
        var record = ImportRecordParser.Parse(line, Now, out var error);
        if (record is null)
        {
            Assert.False(string.IsNullOrWhiteSpace(error), $"no record and no reason for: {line}");
            // The message quotes the line, and is printed and logged: it must be text an encoder accepts.
            Assert.True(Hostile.IsWellFormed(error), error);
            return;
        }

        Assert.Null(error);
        Assert.InRange(record.ExternalId.Length, 1, Article.ExternalIdMaxLength);
        Assert.DoesNotContain(record.ExternalId, char.IsControl);
        Assert.InRange(record.Title.Length, 1, Article.TitleMaxLength);
        Assert.NotEmpty(record.Summary);
        Assert.True(record.Tags.Count <= Article.MaxTags);
        SafeHtml.Check(record.BodyHtml);
        // PostgreSQL's driver encodes strictly: a lone surrogate in any field would fail the whole batch.
        string?[] fields = [record.ExternalId, record.Title, record.Summary, record.BodyHtml, record.Channel, record.Region, record.Source, record.Author, .. record.Tags];
        Assert.All(fields, f => Assert.True(f is null || Hostile.IsWellFormed(f), f));
        if (record.PublishedAt is { } published)
        {
            Assert.Equal(DateTimeKind.Utc, published.Kind);
            Assert.InRange(published, new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc), Now.AddYears(1));
        }
    }

    /// <summary>Hands out the text in chunks of the given sizes (cycling), as a network stream or a slow disk would.</summary>
    private sealed class ChunkedReader(string text, int[] chunks) : TextReader
    {
        private int _position;
        private int _turn;

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            var size = Math.Min(Math.Min(chunks[_turn++ % chunks.Length], buffer.Length), text.Length - _position);
            text.AsSpan(_position, size).CopyTo(buffer.Span);
            _position += size;
            return ValueTask.FromResult(size);
        }
    }
}

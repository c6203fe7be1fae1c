using Tidings.Core.Importing;

namespace Tidings.Tests.Importing;

public sealed class ImportRecordParserTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    private static ValidRecord? Parse(string json, out string? error) => ImportRecordParser.Parse(json, Now, out error);

    [Fact]
    public void Parse_CompleteLine_CleansAndKeepsEverything()
    {
        var record = Parse("""
            {"externalId":"x-1","title":"  济南  地铁 开通 ","body":"第一段。\n第二段。","channel":"local","region":"shandong",
             "source":"潮讯山东","author":"李明","publishedAt":"2026-11-20T08:30:00+08:00","tags":["地铁"," 交通 "],"extra":1}
            """, out var error);
        Assert.Null(error);
        Assert.NotNull(record);
        Assert.Equal("济南 地铁 开通", record.Title);
        Assert.Equal("<p>第一段。</p>\n<p>第二段。</p>", record.BodyHtml);
        Assert.Equal(new DateTime(2026, 11, 20, 0, 30, 0, DateTimeKind.Utc), record.PublishedAt);
        Assert.Equal(["地铁", "交通"], record.Tags);
        Assert.Equal("第一段。 第二段。", record.Summary);
    }

    [Fact]
    public void Parse_NoSource_UsesUnknownSource()
    {
        var record = Parse("""{"externalId":"x","title":"标题","body":"正文"}""", out _);
        Assert.Equal(Catalog.UnknownSourceName, record!.Source);
        Assert.Null(record.Channel);
    }

    [Theory]
    [InlineData("not json", "invalid JSON")]
    [InlineData("[1,2]", "invalid JSON")]
    [InlineData("null", "expected a JSON object")]
    [InlineData("""{"title":"t","body":"b"}""", "externalId is required")]
    [InlineData("""{"externalId":"x","body":"b"}""", "title is required")]
    [InlineData("""{"externalId":"x","title":"   ","body":"b"}""", "title is required")]
    [InlineData("""{"externalId":"x","title":"t"}""", "body is required")]
    [InlineData("""{"externalId":"x","title":"t","body":"<script>alert(1)</script>"}""", "no text left")]
    [InlineData("""{"externalId":"x","title":123,"body":"b"}""", "invalid JSON at $.title")]
    [InlineData("""{"externalId":"x","title":"t","body":"b","tags":"a,b"}""", "invalid JSON at $.tags")]
    [InlineData("""{"externalId":"x","title":"t","body":"b","publishedAt":"yesterday"}""", "not an ISO 8601")]
    [InlineData("""{"externalId":"x","title":"t","body":"b","publishedAt":"1900-01-01T00:00:00Z"}""", "outside 1990")]
    [InlineData("""{"externalId":"x","title":"t","body":"b","channel":"!!!"}""", "channel '!!!' has no letters")]
    public void Parse_BadLine_SaysWhatIsWrong(string json, string expectedReason)
    {
        var record = Parse(json, out var error);
        Assert.Null(record);
        Assert.Contains(expectedReason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TitleTooLong_GivesLengthAndLimit()
    {
        Parse($$"""{"externalId":"x","title":"{{new string('长', 201)}}","body":"b"}""", out var error);
        Assert.Equal("title is 201 characters; the limit is 200", error);
    }

    [Fact]
    public void Parse_TooManyTags_Rejected()
    {
        var tags = string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"标签{i}\""));
        Parse($$"""{"externalId":"x","title":"t","body":"b","tags":[{{tags}}]}""", out var error);
        Assert.Equal("21 tags given; the limit is 20", error);
    }

    [Theory]
    [InlineData("""{"externalId":"x","title":"标题","body":"正文","tags":["\ufffe"]}""", "has no letters or digits")]
    [InlineData("""{"externalId":"x","title":"标题","body":"正文","channel":"\ufffe"}""", "has no letters or digits")]
    public void Parse_Noncharacter_IsAnErrorNotAnException(string line, string expected)
    {
        // Found by fuzzing: U+FFFE (valid UTF-8, here escaped) made slug folding throw and stopped the whole import.
        Assert.Null(Parse(line, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LoneSurrogateInTheLine_IsAnErrorNotAnException()
    {
        // Found by fuzzing: System.Text.Json throws ArgumentException, not JsonException, on a lone surrogate.
        Assert.Null(Parse("{\"externalId\":\"x\uD800\"}", out var error));
        Assert.Equal("title is required", error);
        Assert.Equal("x\uFFFD", Parse("{\"externalId\":\"x\uD800\",\"title\":\"t\",\"body\":\"b\"}", out _)!.ExternalId);
    }
}

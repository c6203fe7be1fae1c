using BenchmarkDotNet.Attributes;
using Tidings.Core.Importing;
using Tidings.Core.Text;

namespace Tidings.Benchmarks;

/// <summary>The per-line CPU cost of an import (parse, validate, sanitize, summarize), without the database.</summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private static readonly DateTime Now = new(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private const string PlainLine = """
        {"externalId":"b-1","title":"济南新开通一条有轨电车线路 沿线居民出行更方便","body":"第一段：有轨电车今日开通试运营，全线设站十二座。\n第二段：市民李女士说，以前换乘两次，现在一趟就到。\n第三段：运营方表示将根据客流调整发车间隔。","channel":"local","region":"shandong","source":"潮讯山东","author":"王明","publishedAt":"2026-11-20T08:30:00+08:00","tags":["有轨电车","交通"]}
        """;

    private const string HtmlLine = """
        {"externalId":"b-2","title":"一篇带格式的导入文章","body":"<p>第一段<strong>加粗</strong>文字。</p><p onclick=\"x()\">第二段<a href=\"https://example.org\">链接</a>。</p><script>alert(1)</script><p>第三段。</p>","channel":"tech"}
        """;

    [Benchmark(Baseline = true)]
    public bool ParsePlainTextLine() => ImportRecordParser.Parse(PlainLine, Now, out _) is not null;

    [Benchmark]
    public bool ParseHtmlLine() => ImportRecordParser.Parse(HtmlLine, Now, out _) is not null;

    [Benchmark]
    public string RelativeTime() => ChineseTime.Relative(Now.AddHours(-30), Now, Zone);
}

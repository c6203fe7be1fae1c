using Microsoft.Extensions.Configuration;
using Tidings.Web.Infrastructure;

namespace Tidings.Tests.Settings;

public sealed class UnknownSettingsTests
{
    private sealed class Nested
    {
        public int Seconds { get; set; }

        public string[] Hosts { get; set; } = [];

        public Dictionary<string, int> Weights { get; set; } = [];
    }

    private sealed class Section
    {
        public int? Limit { get; set; }

        public Nested Inner { get; set; } = new();
    }

    private static readonly KnownSetting[] Known =
    [
        new(TidingsOptions.Section, typeof(TidingsOptions)),
        new("Tidings:Thing", typeof(Section)),
        new("Tidings:Redis", typeof(string)),
    ];

    private static IReadOnlyList<string> Unknown(params (string Key, string Value)[] values) =>
        Web.Infrastructure.Settings.Unknown(
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(),
            Known);

    [Fact]
    public void Declared_Keys_AnyCase_AndTheirNestedProperties_AreKnown()
    {
        Assert.Empty(Unknown(
            ("Tidings:SeedDemoOnEmptyDatabase", "false"),
            ("tidings:sitename", "东岸晨报"),
            ("Tidings:Thing:Limit", "5"),
            ("Tidings:Thing:Inner:Seconds", "3"),
            ("Tidings:Thing:Inner:Hosts:0", "https://img.example.cn"),
            ("Tidings:Thing:Inner:Weights:sports", "2"),
            ("Tidings:Redis", "localhost:6379"),
            ("Logging:LogLevel:Default", "Warning")));
    }

    [Fact]
    public void Typos_AndKeysBelowAPlainValue_AreNamed()
    {
        var unknown = Unknown(
            ("Tidings:SeedDemo", "false"),
            ("Tidings:Thing:Inner:Second", "3"),
            ("Tidings:Redis:Host", "x"),
            ("Tidings:Thingy:Limit", "1"),
            ("Tidings:Thing:Limit:Max", "1"),
            ("Tidings:SiteName", "ok"));
        Assert.Equal(
            ["Tidings:Redis:Host", "Tidings:SeedDemo", "Tidings:Thing:Inner:Second", "Tidings:Thing:Limit:Max", "Tidings:Thingy:Limit"],
            unknown.Order(StringComparer.Ordinal));
    }
}

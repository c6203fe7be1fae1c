using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Tidings.Tests.Observability;

public sealed class LogEventTests
{
    /// <summary>An operator filters and alerts on event ids: each names one message of one class, and says which.</summary>
    [Fact]
    public void EveryLogMessage_HasItsOwnIdAndAName()
    {
        var messages = typeof(Web.Infrastructure.TidingsOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();
        Assert.True(messages.Count >= 29, $"only {messages.Count} log messages found");
        Assert.All(messages, m => Assert.False(string.IsNullOrEmpty(m.Attribute!.EventName), m.Method.Name));
        var repeated = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, "event ids used twice: " + string.Join(", ", repeated));
    }
}

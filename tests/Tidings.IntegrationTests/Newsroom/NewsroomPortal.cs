using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Web.Features.Accounts;

namespace Tidings.IntegrationTests.Newsroom;

/// <summary>
/// One portal for the newsroom tests, with an account per role. Each client comes from its own address (the app
/// sees loopback and believes X-Forwarded-For), so sign-in limits per address only bite where a test wants them.
/// </summary>
public class NewsroomPortal : IDisposable
{
    public const string Password = "a-long-test-password";

    private static readonly HtmlParser Parser = new();
    private static int _nextAddress;

    public NewsroomPortal()
        : this(onPostgres: false)
    {
    }

    protected NewsroomPortal(bool onPostgres, IReadOnlyDictionary<string, string>? settings = null)
    {
        Base = onPostgres ? new PostgresPortalFactory() : new PortalFactory();
        App = Base.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                b.UseSetting(key, value);
            }

            b.UseSetting("Tidings:Newsroom:SchedulerSeconds", "1");
            // Many tests write as the same editor; the limit itself has its own test.
            b.UseSetting("Tidings:Newsroom:WriteBurst", "1000");
            // A long shared page cache: a publish, an unpublish or a pin must still show at once, because it evicts.
            b.UseSetting("Tidings:Cache:PageSeconds", "60");
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, LoopbackConnection>());
        });
        Task.Run(CreateAccountsAsync).GetAwaiter().GetResult();
    }

    public PortalFactory Base { get; }

    public WebApplicationFactory<Program> App { get; }

    /// <summary>A browser with its own cookies and address, not signed in.</summary>
    public HttpClient Anonymous(string? address = null)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var n = Interlocked.Increment(ref _nextAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address ?? $"198.19.{n / 250}.{(n % 250) + 1}");
        return client;
    }

    /// <summary>A browser signed in as <paramref name="userName"/>.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = Password)
    {
        var client = Anonymous();
        using var response = await PostFormAsync(client, "/account/login", "/account/login", new() { ["UserName"] = userName, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {userName}: {(int)response.StatusCode}");
        return client;
    }

    public static async Task<IHtmlDocument> PageAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode}, expected {(int)expected}");
        return Parser.ParseDocument(html);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Refused for lack of a permission: 403, or the redirect to the 403 page that a refused page view gets.</summary>
    public static void AssertDenied(HttpResponseMessage response)
    {
        var denied = response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal));
        Assert.True(denied, $"expected a refusal, got {(int)response.StatusCode} {response.Headers.Location}");
    }

    /// <summary>Reads the form's antiforgery token from <paramref name="formPage"/>, then posts the fields to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields, (string Name, byte[] Content, string FileName)? file = null)
    {
        var page = await PageAsync(client, formPage);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("no antiforgery token on " + formPage);
        if (file is { } f)
        {
            var multipart = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            foreach (var (key, value) in fields)
            {
                multipart.Add(new StringContent(value), key);
            }

            multipart.Add(new ByteArrayContent(f.Content), f.Name, f.FileName);
            return await client.PostAsync(action, multipart);
        }

        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>The editor's fields for a new article, overridable.</summary>
    public async Task<Dictionary<string, string>> ArticleFieldsAsync(string title, string body, string? channelSlug = "finance", string sourceSlug = "chaoxun")
    {
        var (channelId, sourceId) = await WithDbAsync(async db => (
            channelSlug is null ? null : (int?)await db.Channels.Where(c => c.Slug == channelSlug).Select(c => c.Id).FirstAsync(),
            await db.Sources.Where(s => s.Slug == sourceSlug).Select(s => s.Id).FirstAsync()));
        return new()
        {
            ["Form.Title"] = title,
            ["Form.Body"] = body,
            ["Form.ChannelId"] = channelId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            ["Form.SourceId"] = sourceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Tags"] = "测试，编辑部",
            ["Form.BaseRevision"] = "0",
        };
    }

    /// <summary>Creates a draft through the editor and returns its id.</summary>
    public async Task<int> CreateDraftAsync(HttpClient client, string title, string body = "第一段正文。\n\n第二段正文。", string? channelSlug = "finance", string sourceSlug = "chaoxun")
    {
        using var response = await PostFormAsync(client, "/newsroom/articles/new", "/newsroom/articles/new?handler=Save", await ArticleFieldsAsync(title, body, channelSlug, sourceSlug));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"create draft: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Opens the article's page and presses one of its workflow buttons, with the revision the page showed.</summary>
    public static async Task<HttpResponseMessage> ActAsync(HttpClient client, int id, string action, Dictionary<string, string>? extra = null)
    {
        var page = await PageAsync(client, $"/newsroom/articles/{id}");
        return await PressAsync(client, page, id, action, extra);
    }

    /// <summary>
    /// Presses a workflow button on a page loaded earlier: the revision it carries is the one that page showed. An
    /// action the page does not offer is posted with the page's save form revision, as a hand-made request would be.
    /// </summary>
    public static async Task<HttpResponseMessage> PressAsync(HttpClient client, IHtmlDocument page, int id, string action, Dictionary<string, string>? extra = null)
    {
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("no antiforgery token");
        var revision = page.QuerySelector("input[name=revision]")?.GetAttribute("value") ?? page.QuerySelector("input[name='Form.BaseRevision']")?.GetAttribute("value") ?? "0";
        var fields = new Dictionary<string, string>(extra ?? []) { ["action"] = action, ["revision"] = revision, ["__RequestVerificationToken"] = token };
        return await client.PostAsync($"/newsroom/articles/{id}?handler=Act", new FormUrlEncodedContent(fields));
    }

    public async Task<T> WithDbAsync<T>(Func<TidingsDbContext, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TidingsDbContext>());
    }

    /// <summary>The demo seed leaves training the channel model to the background maintenance.</summary>
    public async Task WaitForTopicModelAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!await WithDbAsync(db => db.TopicModels.AnyAsync(timeout.Token)))
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            App.Dispose();
            Base.Dispose();
        }
    }

    private async Task CreateAccountsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var admin = ActivatorUtilities.CreateInstance<AccountAdmin>(scope.ServiceProvider);
        (string User, string Name, string[] Roles, string? Source)[] accounts =
        [
            ("admin", "总编", [Roles.Admin], null),
            ("editor", "陈编辑", [Roles.Editor], null),
            ("editor2", "林编辑", [Roles.Editor], null),
            ("writer", "李记者", [Roles.Writer], null),
            ("writer2", "张记者", [Roles.Writer], null),
            ("moderator", "赵审核", [Roles.Moderator], null),
            ("creator", "老周", [Roles.Creator], "laozhou-finance"),
            ("reader", "热心读者", [], null),
            ("lockme", "会被锁的人", [Roles.Writer], null),
        ];
        foreach (var (user, name, roles, source) in accounts)
        {
            var (created, errors) = await admin.CreateAsync(user, name, Password, roles, source, CancellationToken.None);
            Assert.True(created is not null, string.Join("; ", errors));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class NewsroomGroup : ICollectionFixture<NewsroomPortal>
{
    public const string Name = "newsroom";
}

public sealed class PostgresNewsroomPortal : NewsroomPortal
{
    public PostgresNewsroomPortal()
        : base(onPostgres: true)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresNewsroomGroup : ICollectionFixture<PostgresNewsroomPortal>
{
    public const string Name = "newsroom-postgres";
}

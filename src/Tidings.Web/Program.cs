using Tidings.Web.Features.Accessibility;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Features.Alerts;
using Tidings.Web.Features.Articles;
using Tidings.Web.Features.Channels;
using Tidings.Web.Features.Cli;
using Tidings.Web.Features.Cluster;
using Tidings.Web.Features.Comments;
using Tidings.Web.Features.Corrections;
using Tidings.Web.Features.Creators;
using Tidings.Web.Features.Feeds;
using Tidings.Web.Features.Following;
using Tidings.Web.Features.Languages;
using Tidings.Web.Features.Live;
using Tidings.Web.Features.Newsroom;
using Tidings.Web.Features.Observability;
using Tidings.Web.Features.Partners;
using Tidings.Web.Features.Related;
using Tidings.Web.Features.Search;
using Tidings.Web.Features.Sharing;
using Tidings.Web.Features.Sitemaps;
using Tidings.Web.Features.Specials;
using Tidings.Web.Features.Spike;
using Tidings.Web.Features.Trending;
using Tidings.Web.Infrastructure;

if (CliApp.IsCliInvocation(args))
{
    return await CliApp.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, CliApp.ServerSwitches);
builder.CheckSettingsOnStart();
builder.AddTrustedProxies();
builder.AddHardening();
builder.AddSecurityHeaders();
builder.AddRateLimiting();
builder.AddTidingsData();
builder.InitializeDatabaseOnStart();
builder.AddRelatedMaintenance();
// Before trending, which feeds its read receipts: hosted services stop in reverse order, so trending's last drain on
// shutdown still reaches them.
builder.AddCorrections();
builder.AddTrending();
builder.AddComments();
builder.AddCluster();
builder.AddContentCache();
builder.AddSpikeMode();
builder.AddSiteAlerts();
builder.AddFeeds();
builder.AddPartnerFeeds();
builder.AddSitemaps();
builder.AddSharing();
builder.AddLanguages();
builder.AddReaderSite();
builder.AddAccounts();
builder.AddFollowing();
builder.AddCreators();
builder.AddNewsroom();
builder.AddSpecials();
builder.AddLive();
builder.AddApi();
builder.AddObservability();

var app = builder.Build();
app.UseTrustedProxies();
app.UseHardening();
app.UseObservability();
// Before the error pages and both page caches: each speaks, and keys its copies by, the reader's language.
app.UseLanguages();
app.UseRateLimiting();
app.UseErrorPages();
app.UseSecurityHeaders();
app.UseMedia();
app.UseArticlePageCache();
app.UseAccounts();
app.UseContentCache();
app.MapReaderSite();
app.MapReaderMode();
app.MapLanguageSwitch();
app.MapApiDescription();
app.MapChannelApi();
app.MapArticleApi();
app.MapRelatedApi();
app.MapSearchApi();
app.MapAccountApi();
app.MapFollowing();
app.MapTrending();
app.MapComments();
app.MapCorrections();
app.MapLive();
app.MapFeeds();
app.MapSitemaps();
app.MapSharing();
app.MapHealth();

await app.RunAsync();
return 0;

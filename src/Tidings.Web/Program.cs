using Tidings.Web.Features.Cli;
using Tidings.Web.Features.Comments;
using Tidings.Web.Features.Related;
using Tidings.Web.Features.Trending;
using Tidings.Web.Infrastructure;

if (CliApp.IsCliInvocation(args))
{
    return await CliApp.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddTidingsData();
builder.InitializeDatabaseOnStart();
builder.AddRelatedMaintenance();
builder.AddTrending();
builder.AddComments();
builder.AddReaderSite();
builder.AddApi();

var app = builder.Build();
app.UseTrending();
app.UseErrorPages();
app.UseSecurityHeaders();
app.MapReaderSite();
app.MapApi();
app.MapTrending();
app.MapComments();
app.MapHealth();

await app.RunAsync();
return 0;

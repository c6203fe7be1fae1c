using Tidings.Web.Features.Cli;
using Tidings.Web.Features.Related;
using Tidings.Web.Infrastructure;

if (CliApp.IsCliInvocation(args))
{
    return await CliApp.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddTidingsData();
builder.InitializeDatabaseOnStart();
builder.AddRelatedMaintenance();
builder.AddReaderSite();
builder.AddApi();

var app = builder.Build();
app.UseErrorPages();
app.UseSecurityHeaders();
app.MapReaderSite();
app.MapApi();
app.MapHealth();

await app.RunAsync();
return 0;

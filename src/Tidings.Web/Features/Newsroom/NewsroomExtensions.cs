using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Tidings.Core.Accounts;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Infrastructure;
using Tidings.Web.Shared;

namespace Tidings.Web.Features.Newsroom;

internal static class NewsroomExtensions
{
    public static WebApplicationBuilder AddNewsroom(this WebApplicationBuilder builder)
    {
        builder.AddSettings<NewsroomOptions>("Tidings:Newsroom")
            .Validate(o => o.SchedulerSeconds is >= 1 and <= 300, "Tidings:Newsroom:SchedulerSeconds must be 1-300.")
            .Validate(o => o.WriteBurst is >= 1 and <= 100_000 && o.WritesPerMinute is >= 1 and <= 600_000, "Tidings:Newsroom:WriteBurst must be 1-100000 and Tidings:Newsroom:WritesPerMinute 1-600000.")
            .Validate(o => o.ReadBurst is >= 1 and <= 100_000 && o.ReadsPerMinute is >= 1 and <= 600_000, "Tidings:Newsroom:ReadBurst must be 1-100000 and Tidings:Newsroom:ReadsPerMinute 1-600000.")
            .ValidateOnStart();
        builder.Services.AddKeyedSingleton(Throttle.Newsroom, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<NewsroomOptions>>().Value;
            return new Throttle(sp.GetRequiredService<ITokenBuckets>(), Throttle.Newsroom, o.WriteBurst, TimeSpan.FromMinutes(1) / o.WritesPerMinute);
        });
        builder.Services.AddKeyedSingleton(Throttle.NewsroomReads, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<NewsroomOptions>>().Value;
            return new Throttle(sp.GetRequiredService<ITokenBuckets>(), Throttle.NewsroomReads, o.ReadBurst, TimeSpan.FromMinutes(1) / o.ReadsPerMinute);
        });
        builder.Services.AddScoped<ArticleDesk>();
        builder.Services.AddSingleton<MiswrittenList>();
        builder.Services.AddSingleton<ScheduledPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
        // Every newsroom page needs a signed-in account with the newsroom permission; pages ask for more.
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Newsroom", AccountsExtensions.Policy(Permission.Newsroom));
            o.Conventions.AddPageRoute("/Newsroom/Edit", "newsroom/articles/new");
        });
        return builder;
    }
}

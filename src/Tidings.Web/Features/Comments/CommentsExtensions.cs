using Microsoft.Extensions.Options;

using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Comments;

internal static class CommentsExtensions
{
    public static IHostApplicationBuilder AddComments(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<CommentsOptions>("Tidings:Comments")
            .Validate(o => o.PageSize is >= 5 and <= 100, "Tidings:Comments:PageSize must be 5-100.")
            .Validate(o => o.HotCount is >= 0 and <= 20, "Tidings:Comments:HotCount must be 0-20.")
            .Validate(o => o.HotMinimumUp >= 0, "Tidings:Comments:HotMinimumUp must not be negative.")
            .Validate(o => o.HotHalfLifeHours > 0, "Tidings:Comments:HotHalfLifeHours must be positive.")
            .Validate(o => o.DuplicateWindowMinutes >= 0, "Tidings:Comments:DuplicateWindowMinutes must not be negative.")
            .Validate(o => o.ReportsToHold >= 1, "Tidings:Comments:ReportsToHold must be at least 1.")
            .Validate(o => o.MinBodyLength is >= 1 and <= 100, "Tidings:Comments:MinBodyLength must be 1-100.")
            .Validate(o => o.PosterBurst > 0 && o.PosterPerMinute > 0, "Tidings:Comments:PosterBurst and Tidings:Comments:PosterPerMinute must be positive.")
            .Validate(o => o.AddressBurst > 0 && o.AddressPerMinute > 0, "Tidings:Comments:AddressBurst and Tidings:Comments:AddressPerMinute must be positive.")
            .Validate(o => o.VoteBurst > 0 && o.VotePerMinute > 0, "Tidings:Comments:VoteBurst and Tidings:Comments:VotePerMinute must be positive.")
            .Validate(o => o.ListCheckSeconds is >= 0 and <= 300, "Tidings:Comments:ListCheckSeconds must be 0-300.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.AnonymousName) && o.AnonymousName.Length <= Core.Comments.Comment.NicknameMaxLength, "Tidings:Comments:AnonymousName must be 1-20 characters.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<CommentsOptions>>().Value);
        builder.Services.AddSingleton<ModerationLists>();
        builder.Services.AddSingleton<CommentLimits>();
        builder.Services.AddSingleton<ReservedNameList>();
        builder.Services.AddScoped<CommentService>();
        builder.Services.AddScoped<CommentModeration>();
        // The API's token travels in this header; Razor forms carry it as a hidden field.
        builder.Services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        return builder;
    }

    public static WebApplication MapComments(this WebApplication app)
    {
        app.MapCommentsApi();
        app.MapModerationApi();
        return app;
    }
}

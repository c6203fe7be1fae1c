namespace Tidings.Web.Features.Creators;

/// <summary>The self-media platform (自媒体号): 入驻 applications and the admins' queue.</summary>
internal static class CreatorsExtensions
{
    public static WebApplicationBuilder AddCreators(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CreatorApplications>();
        return builder;
    }
}

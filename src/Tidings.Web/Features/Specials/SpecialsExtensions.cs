namespace Tidings.Web.Features.Specials;

/// <summary>专题: the topic pages (/topic/{slug}, Razor), their editor (/newsroom/topics) and the desk that saves them.</summary>
internal static class SpecialsExtensions
{
    public static WebApplicationBuilder AddSpecials(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SpecialDesk>();
        return builder;
    }
}

namespace Tidings.Web.Features.Following;

/// <summary>
/// The 关注 / 已关注 button: a form posting to /source/{slug}/follow, so it works without JavaScript; follow.js sends
/// the same change to the API and updates the button and count in place.
/// </summary>
public sealed record FollowButton(string Slug, string Name, bool Following, int FollowerCount, string ReturnPath);

using System.Net;
using System.Net.Sockets;
using Tidings.Core.Text;

namespace Tidings.Core.Comments;

/// <summary>Why a comment is not taken; the doors (API, form, newsroom) word it.</summary>
public enum CommentRefusal
{
    BodyEmpty,
    BodyTooShort,
    BodyTooLong,
    NicknameTooLong,
    NicknameRequired,
    NicknameBanned,
    BodyBanned,
}

/// <summary>Published at once, or held for a moderator with the note they see (and the suspect term, if that is why).</summary>
public readonly record struct CommentVerdict(CommentStatus Status, string? Note, string? Term = null);

/// <summary>
/// The rules of 跟贴, apart from the database and the web: what a comment's text must be, what the word lists decide,
/// when it waits for a moderator, which earlier comments make it a repeat, and what a ban covers. The comment service
/// gathers the facts (the lists' matches, the article's channel, the spike switch) and applies these.
/// </summary>
public static class CommentPolicy
{
    /// <summary>Folded length from which the same text from another reader at the same address is a repeat.</summary>
    public const int RepeatByAddressLength = 10;

    /// <summary>The longest ban, in hours (ten years); none given is a permanent ban.</summary>
    public const double MaxBanHours = 24 * 3650;

    public const string NoteSpike = "突发新闻模式：先审后发";
    public const string NotePreModerated = "先审后发";
    public const string NoteSuspectPrefix = "可疑词：";

    /// <summary>The text's form, after <see cref="CommentText"/> cleaning: null when it may be posted.</summary>
    public static CommentRefusal? CheckText(string body, string nickname, int minBodyLength, bool allowAnonymous)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(nickname);
        if (body.Length == 0)
        {
            return CommentRefusal.BodyEmpty;
        }

        if (body.Length < minBodyLength)
        {
            return CommentRefusal.BodyTooShort;
        }

        if (body.Length > Comment.BodyMaxLength)
        {
            return CommentRefusal.BodyTooLong;
        }

        if (nickname.Length > Comment.NicknameMaxLength)
        {
            return CommentRefusal.NicknameTooLong;
        }

        return nickname.Length == 0 && !allowAnonymous ? CommentRefusal.NicknameRequired : null;
    }

    /// <summary>A banned term refuses, the nickname's first (it shows on every comment of the poster).</summary>
    public static CommentRefusal? Screen(SensitiveMatch body, SensitiveMatch nickname) =>
        nickname.Tier == SensitiveTier.Banned ? CommentRefusal.NicknameBanned
        : body.Tier == SensitiveTier.Banned ? CommentRefusal.BodyBanned
        : null;

    /// <summary>
    /// Held when a suspect term is found (the body's first, the note names it), in spike mode's pre-moderation, or
    /// under 先审后发 for the site or the article's channel; published otherwise.
    /// </summary>
    public static CommentVerdict Decide(SensitiveMatch body, SensitiveMatch nickname, bool spikeHeld, bool siteWide, string? channelSlug, IEnumerable<string> preModeratedChannels)
    {
        ArgumentNullException.ThrowIfNull(preModeratedChannels);
        var suspect = body.Tier == SensitiveTier.Suspect ? body : nickname.Tier == SensitiveTier.Suspect ? nickname : SensitiveMatch.None;
        if (suspect.Tier != SensitiveTier.None)
        {
            return new(CommentStatus.Pending, NoteSuspectPrefix + suspect.Term, suspect.Term);
        }

        if (spikeHeld)
        {
            return new(CommentStatus.Pending, NoteSpike);
        }

        var channel = channelSlug is not null && preModeratedChannels.Contains(channelSlug, StringComparer.OrdinalIgnoreCase);
        return siteWide || channel ? new(CommentStatus.Pending, NotePreModerated) : new(CommentStatus.Published, null);
    }

    /// <summary>
    /// Whether the same text from another poster at the same address counts as a repeat: only for longer texts, since
    /// a campus or carrier NAT has many readers who all may write "支持". The same poster may never repeat themself.
    /// </summary>
    public static bool RepeatsAcrossTheAddress(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        return folded.Length >= RepeatByAddressLength;
    }

    /// <summary>The network a ban from one comment covers: one address is easily changed, its /24 or /64 is not.</summary>
    public static IPNetwork BanNetwork(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? 24 : 64;
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), prefix);
    }

    /// <summary>A ban's length: none (permanent), or more than zero and at most ten years.</summary>
    public static bool IsValidBanLength(double? hours) => hours is null or (> 0 and <= MaxBanHours);
}

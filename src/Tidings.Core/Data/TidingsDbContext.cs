using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tidings.Core.Accounts;
using Tidings.Core.Aggregation;
using Tidings.Core.Articles;
using Tidings.Core.Channels;
using Tidings.Core.Comments;
using Tidings.Core.Creators;
using Tidings.Core.Media;
using Tidings.Core.Newsroom;
using Tidings.Core.Related;
using Tidings.Core.Search;
using Tidings.Core.Sources;
using Tidings.Core.Topics;
using Tidings.Core.Trending;

namespace Tidings.Core.Data;

/// <summary>
/// The one context of the portal, accounts included (Identity's tables live beside the articles, so a publish and
/// its audit line commit together). The model avoids provider-specific types so PostgreSQL can share it.
/// </summary>
public sealed class TidingsDbContext(DbContextOptions<TidingsDbContext> options) : IdentityDbContext<TidingsUser, IdentityRole<int>, int>(options), IDataProtectionKeyContext
{
    /// <summary>Used on PostgreSQL, where several nodes must share keys; a SQLite site keeps them as files in its data directory.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<ArticleSearchText> SearchTexts => Set<ArticleSearchText>();
    public DbSet<ArticleKeyTerm> KeyTerms => Set<ArticleKeyTerm>();
    public DbSet<RelatedList> RelatedLists => Set<RelatedList>();
    public DbSet<TopicModelRecord> TopicModels => Set<TopicModelRecord>();
    public DbSet<TrendingBucket> TrendingBuckets => Set<TrendingBucket>();
    public DbSet<TrendingOverride> TrendingOverrides => Set<TrendingOverride>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<CommentVote> CommentVotes => Set<CommentVote>();
    public DbSet<CommentReport> CommentReports => Set<CommentReport>();
    public DbSet<CommentBan> CommentBans => Set<CommentBan>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<ArticleCorrection> ArticleCorrections => Set<ArticleCorrection>();
    public DbSet<Corrections.ArticleRead> ArticleReads => Set<Corrections.ArticleRead>();
    public DbSet<Live.LiveEntry> LiveEntries => Set<Live.LiveEntry>();
    public DbSet<Tidings.Core.Specials.Special> Specials => Set<Tidings.Core.Specials.Special>();
    public DbSet<Tidings.Core.Specials.SpecialSection> SpecialSections => Set<Tidings.Core.Specials.SpecialSection>();
    public DbSet<Tidings.Core.Specials.SpecialArticle> SpecialArticles => Set<Tidings.Core.Specials.SpecialArticle>();
    public DbSet<CuratedSlot> CuratedSlots => Set<CuratedSlot>();
    public DbSet<MediaFile> MediaFiles => Set<MediaFile>();
    public DbSet<SiteSetting> SiteSettings => Set<SiteSetting>();
    public DbSet<PartnerFeed> PartnerFeeds => Set<PartnerFeed>();
    public DbSet<SourceFollow> SourceFollows => Set<SourceFollow>();
    public DbSet<ArticleDay> ArticleDays => Set<ArticleDay>();
    public DbSet<SourceFollowerDay> SourceFollowerDays => Set<SourceFollowerDay>();
    public DbSet<CreatorApplication> CreatorApplications => Set<CreatorApplication>();
    public DbSet<ArticleFingerprint> ArticleFingerprints => Set<ArticleFingerprint>();
    public DbSet<ArticleFingerprintSet> ArticleFingerprintSets => Set<ArticleFingerprintSet>();
    public DbSet<OriginalityMatch> OriginalityMatches => Set<OriginalityMatch>();
    public DbSet<StandingEvent> StandingEvents => Set<StandingEvent>();
    public DbSet<ArticleReport> ArticleReports => Set<ArticleReport>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite hands DateTime back as Unspecified, which would shift times on display.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    // No savepoints around SaveChanges inside our transactions: every transaction here is all or nothing, so they only
    // cost two round trips each, and EF logs and swallows a savepoint release that fails when the server goes away,
    // so the SaveChanges that lost its connection returned as if it had saved and the next statement failed with a
    // driver error ("Transaction is already completed") instead of the outage. Set on every call because a pooled
    // context is reset to EF's default between requests.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Database.AutoSavepointsEnabled = false;
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Database.AutoSavepointsEnabled = false;
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Channel>(e =>
        {
            e.Property(c => c.Slug).HasMaxLength(Channel.SlugMaxLength);
            e.Property(c => c.Name).HasMaxLength(Channel.NameMaxLength);
            e.Property(c => c.NameEn).HasMaxLength(Channel.NameMaxLength * 2);
            e.Property(c => c.ListTitle).HasMaxLength(Channel.NameMaxLength);
            e.HasIndex(c => c.Slug).IsUnique();
        });

        builder.Entity<Region>(e =>
        {
            e.Property(r => r.Slug).HasMaxLength(Region.SlugMaxLength);
            e.Property(r => r.Name).HasMaxLength(Region.NameMaxLength);
            e.Property(r => r.SiteName).HasMaxLength(Region.NameMaxLength * 2);
            e.Property(r => r.Description).HasMaxLength(500);
            e.HasIndex(r => r.Slug).IsUnique();
        });

        builder.Entity<Source>(e =>
        {
            e.Property(s => s.Slug).HasMaxLength(Source.SlugMaxLength);
            e.Property(s => s.Name).HasMaxLength(Source.NameMaxLength);
            e.Property(s => s.Bio).HasMaxLength(Source.BioMaxLength);
            e.Property(s => s.AvatarUrl).HasMaxLength(500);
            e.HasIndex(s => s.Slug).IsUnique();
            e.HasIndex(s => s.Name).IsUnique();
            // No foreign keys to the channel and region: on SQLite adding one rebuilds the table outside a transaction.
            // Channels and regions are renamed, not deleted; a missing one only means the account shows no field.
        });

        builder.Entity<SourceFollow>(e =>
        {
            // The key answers "does this reader follow this account" and "who follows it"; the second index is the
            // reader's own list (/following), newest first.
            e.HasKey(f => new { f.SourceId, f.FollowerKey });
            e.Property(f => f.FollowerKey).HasMaxLength(SourceFollow.FollowerKeyMaxLength);
            e.HasIndex(f => new { f.FollowerKey, f.CreatedAt });
            e.HasOne<Source>().WithMany().HasForeignKey(f => f.SourceId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SourceFollowerDay>(e =>
        {
            e.HasKey(d => new { d.SourceId, d.Day });
            e.HasOne<Source>().WithMany().HasForeignKey(d => d.SourceId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ArticleFingerprint>(e =>
        {
            // The posting list of the originality index: by hash, then article. No foreign key and no index by article:
            // rows are replaced by their full keys (kept in ArticleFingerprintSets), and readers join Articles.
            e.HasKey(f => new { f.Hash, f.ArticleId });
            e.Property(f => f.Hash).ValueGeneratedNever();
        });

        builder.Entity<ArticleFingerprintSet>(e =>
        {
            e.HasKey(s => s.ArticleId);
            e.Property(s => s.ArticleId).ValueGeneratedNever();
            e.HasOne<Article>().WithOne().HasForeignKey<ArticleFingerprintSet>(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OriginalityMatch>(e =>
        {
            // Unique, so the maintenance of two nodes recording the same article upserts one row per overlap.
            e.HasIndex(m => new { m.ArticleId, m.Kind, m.EarlierId }).IsUnique();
            e.HasIndex(m => m.EarlierId);
            e.HasIndex(m => m.DetectedAt);
            e.HasOne<Article>().WithMany().HasForeignKey(m => m.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Article>().WithMany().HasForeignKey(m => m.EarlierId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<StandingEvent>(e =>
        {
            e.Property(x => x.Note).HasMaxLength(StandingEvent.NoteMaxLength);
            e.HasIndex(x => new { x.SourceId, x.At });
            e.HasIndex(x => x.At);
            e.HasOne<Source>().WithMany().HasForeignKey(x => x.SourceId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ArticleReport>(e =>
        {
            e.Property(r => r.ReporterKey).HasMaxLength(ArticleReport.ReporterKeyMaxLength);
            e.Property(r => r.Note).HasMaxLength(ArticleReport.NoteMaxLength);
            e.HasIndex(r => new { r.ArticleId, r.ReporterKey }).IsUnique();
            e.HasIndex(r => r.CreatedAt);
            e.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CreatorApplication>(e =>
        {
            e.Property(a => a.Name).HasMaxLength(Source.NameMaxLength);
            e.Property(a => a.Slug).HasMaxLength(Source.SlugMaxLength);
            e.Property(a => a.Bio).HasMaxLength(Source.BioMaxLength);
            e.Property(a => a.AvatarUrl).HasMaxLength(500);
            e.Property(a => a.Contact).HasMaxLength(CreatorApplication.ContactMaxLength);
            e.Property(a => a.Credential).HasMaxLength(CreatorApplication.CredentialMaxLength);
            e.Property(a => a.Reason).HasMaxLength(CreatorApplication.ReasonMaxLength);
            e.Property(a => a.DecidedBy).HasMaxLength(TidingsUser.DisplayNameMaxLength);
            e.Ignore(a => a.IsOpen);
            e.HasIndex(a => new { a.ApplicantId, a.Id });
            e.HasIndex(a => new { a.Status, a.UpdatedAt });
            e.HasOne<TidingsUser>().WithMany().HasForeignKey(a => a.ApplicantId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Author>(e =>
        {
            e.Property(a => a.Name).HasMaxLength(Author.NameMaxLength);
            e.HasIndex(a => a.Name).IsUnique();
        });

        builder.Entity<Tag>(e =>
        {
            e.Property(t => t.Slug).HasMaxLength(Tag.NameMaxLength);
            e.Property(t => t.Name).HasMaxLength(Tag.NameMaxLength);
            e.HasIndex(t => t.Slug).IsUnique();
        });

        builder.Entity<ArticleTag>(e =>
        {
            e.HasKey(at => new { at.ArticleId, at.TagId });
            e.HasIndex(at => new { at.TagId, at.ArticleId });
            e.HasOne<Tag>().WithMany().HasForeignKey(at => at.TagId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Article>(e =>
        {
            e.Property(a => a.Title).HasMaxLength(Article.TitleMaxLength);
            e.Property(a => a.Summary).HasMaxLength(Article.SummaryMaxLength);
            e.Property(a => a.Slug).HasMaxLength(Article.SlugMaxLength);
            e.Property(a => a.ExternalId).HasMaxLength(Article.ExternalIdMaxLength);
            e.Property(a => a.EditorName).HasMaxLength(Author.NameMaxLength);
            e.Property(a => a.CoverUrl).HasMaxLength(500);
            e.Property(a => a.CoverAlt).HasMaxLength(200);
            // Everything written before articles had a language was Chinese.
            e.Property(a => a.Language).HasMaxLength(ContentLanguage.MaxLength).HasDefaultValue(ContentLanguage.Chinese);
            e.Property(a => a.OriginalUrl).HasMaxLength(PartnerFeed.UrlMaxLength);
            e.HasIndex(a => a.ExternalId).IsUnique();
            // No foreign key to the feed, for the reason given for OwnerId below; a removed feed leaves its articles.
            e.HasIndex(a => a.PartnerFeedId).HasFilter("\"PartnerFeedId\" IS NOT NULL");
            // Every reader list is "published, newest first", optionally within one channel, region or source;
            // these indexes keep those pages independent of corpus size.
            e.HasIndex(a => new { a.Status, a.PublishedAt });
            e.HasIndex(a => new { a.ChannelId, a.Status, a.PublishedAt });
            e.HasIndex(a => new { a.RegionId, a.Status, a.PublishedAt });
            e.HasIndex(a => new { a.SourceId, a.Status, a.PublishedAt });
            e.HasIndex(a => new { a.IsOriginal, a.Status, a.PublishedAt });
            // Nodes poll MAX(UpdatedAt) to notice edits made by other processes; the desk lists by last change, and its
            // title search (a substring, which no word index answers) reads titles from this index in list order
            // instead of every row of the table: a quarter of the time at 100k articles (bench/RESULTS.md).
            e.HasIndex(a => new { a.UpdatedAt, a.Id, a.Title });
            e.HasOne(a => a.Channel).WithMany().HasForeignKey(a => a.ChannelId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(a => a.Region).WithMany().HasForeignKey(a => a.RegionId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(a => a.Source).WithMany().HasForeignKey(a => a.SourceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(a => a.Author).WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.SetNull);
            // No foreign key to the account on purpose: on SQLite adding one rebuilds the whole article table outside a
            // transaction; accounts are locked, never deleted, and a missing owner only means "no one's own".
            // Partial: most articles are imported without an owner; a full index's statistics would call it useless.
            e.HasIndex(a => a.OwnerId).HasFilter("\"OwnerId\" IS NOT NULL");
            // The newsroom's working lists (drafts, review, schedule ...): by state, newest change first. Partial, over the
            // few articles not published: with nearly all rows published, the planner's statistics would otherwise rate
            // any status index useless and scan the table. Queries name the filter's term (Articles.NotPublished) so
            // SQLite can prove the index applies.
            e.HasIndex(a => new { a.Status, a.UpdatedAt }, "IX_Articles_Desk").HasFilter("\"Status\" <> 3");
            // And the whole archive by last change, per state (the desk's "published" list pages through it in order).
            e.HasIndex(a => new { a.Status, a.UpdatedAt }, "IX_Articles_Status_UpdatedAt");
            e.HasMany(a => a.Tags).WithOne().HasForeignKey(at => at.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(a => a.SearchText).WithOne().HasForeignKey<ArticleSearchText>(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ArticleSearchText>(e =>
        {
            e.ToTable("ArticleSearchDocs");
            e.HasKey(t => t.ArticleId);
            e.Property(t => t.ArticleId).ValueGeneratedNever();
            // One index per band: a near-duplicate shares at least one band exactly.
            e.HasIndex(t => t.Band0);
            e.HasIndex(t => t.Band1);
            e.HasIndex(t => t.Band2);
            e.HasIndex(t => t.Band3);
            e.HasIndex(t => t.ClusterId);
        });

        builder.Entity<ArticleKeyTerm>(e =>
        {
            // The key is the posting list: per term, by impact. No foreign key on purpose: a cascade from Articles
            // would need a second index on ArticleId; rows are deleted by their full key, kept in
            // RelatedList.KeyTerms, and readers join Articles, so a leftover row can never surface.
            e.ToTable("ArticleKeyTerms");
            e.HasKey(k => new { k.Term, k.Impact, k.ArticleId });
            e.Property(k => k.Term).HasMaxLength(ArticleKeyTerm.TermMaxLength);
        });

        builder.Entity<RelatedList>(e =>
        {
            e.HasKey(r => r.ArticleId);
            e.Property(r => r.ArticleId).ValueGeneratedNever();
            e.HasOne<Article>().WithOne().HasForeignKey<RelatedList>(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => r.Stale);
        });

        builder.Entity<TopicModelRecord>(e => e.ToTable("TopicModels"));

        builder.Entity<TrendingBucket>(e =>
        {
            e.HasKey(b => new { b.ArticleId, b.Hour, b.Signal });
            // Restoring reads the last week; pruning deletes older hours.
            e.HasIndex(b => b.Hour);
        });

        builder.Entity<ArticleDay>(e =>
        {
            e.HasKey(d => new { d.ArticleId, d.Day });
            e.HasOne<Article>().WithMany().HasForeignKey(d => d.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TrendingOverride>(e =>
        {
            e.Ignore(o => o.Scope);
            e.HasIndex(o => new { o.ScopeKind, o.ScopeId, o.ArticleId }).IsUnique();
            e.HasOne<Article>().WithMany().HasForeignKey(o => o.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        ConfigureComments(builder);
        ConfigureNewsroom(builder);
        ConfigureAggregation(builder);
    }

    private static void ConfigureComments(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Comment>(e =>
        {
            e.Property(c => c.Nickname).HasMaxLength(Comment.NicknameMaxLength);
            e.Property(c => c.Body).HasMaxLength(Comment.BodyMaxLength);
            e.Property(c => c.Chain).HasMaxLength(Comment.MaxFloors * 20);
            e.Property(c => c.PosterKey).HasMaxLength(Comment.KeyMaxLength);
            e.Property(c => c.Address).HasMaxLength(Comment.AddressMaxLength);
            e.Property(c => c.RegionLabel).HasMaxLength(Comment.RegionMaxLength);
            e.Property(c => c.MatchedTerm).HasMaxLength(Comment.NoteMaxLength);
            e.Property(c => c.ModerationNote).HasMaxLength(Comment.NoteMaxLength);
            e.Property(c => c.ModeratedBy).HasMaxLength(AuditEntry.ActorMaxLength);
            e.HasOne<Article>().WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
            // The two orders of a thread (latest, hot), each a range scan however long the thread is.
            e.HasIndex(c => new { c.ArticleId, c.Status, c.Id });
            e.HasIndex(c => new { c.ArticleId, c.Status, c.HotKey });
            // The moderation queues: pending by age, reported by count.
            e.HasIndex(c => new { c.Status, c.ReportCount });
            e.HasIndex(c => new { c.ContentHash, c.CreatedAt });
            e.HasIndex(c => c.PosterKey);
        });

        modelBuilder.Entity<CommentVote>(e =>
        {
            e.HasKey(v => new { v.CommentId, v.VoterKey });
            e.Property(v => v.VoterKey).HasMaxLength(Comment.KeyMaxLength);
            e.Property(v => v.Address).HasMaxLength(Comment.AddressMaxLength);
            e.HasIndex(v => new { v.CommentId, v.Address });
            e.HasOne<Comment>().WithMany().HasForeignKey(v => v.CommentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CommentReport>(e =>
        {
            e.Property(r => r.ReporterKey).HasMaxLength(Comment.KeyMaxLength);
            e.Property(r => r.Reason).HasMaxLength(CommentReport.ReasonMaxLength);
            e.Property(r => r.Address).HasMaxLength(Comment.AddressMaxLength);
            e.HasIndex(r => new { r.CommentId, r.ReporterKey }).IsUnique();
            e.HasIndex(r => new { r.CommentId, r.Address });
            e.HasOne<Comment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CommentBan>(e =>
        {
            e.Property(b => b.Value).HasMaxLength(CommentBan.ValueMaxLength);
            e.Property(b => b.Reason).HasMaxLength(Comment.NoteMaxLength);
            e.Property(b => b.CreatedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        });

    }

    private static void ConfigureAggregation(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<PartnerFeed>(e =>
        {
            e.Property(f => f.Url).HasMaxLength(PartnerFeed.UrlMaxLength);
            e.Property(f => f.Title).HasMaxLength(PartnerFeed.TitleMaxLength);
            e.Property(f => f.LastError).HasMaxLength(PartnerFeed.ErrorMaxLength);
            e.Property(f => f.ETag).HasMaxLength(PartnerFeed.ETagMaxLength);
            e.Ignore(f => f.Unhealthy);
            e.HasIndex(f => new { f.SourceId, f.Url }).IsUnique();
            e.HasIndex(f => f.NextPollAt);
            e.HasOne(f => f.Source).WithMany().HasForeignKey(f => f.SourceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Channel>().WithMany().HasForeignKey(f => f.ChannelId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Region>().WithMany().HasForeignKey(f => f.RegionId).OnDelete(DeleteBehavior.SetNull);
        });

    private static void ConfigureNewsroom(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TidingsUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(TidingsUser.DisplayNameMaxLength);
            e.HasOne<Source>().WithMany().HasForeignKey(u => u.SourceId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditLog");
            e.Property(m => m.Actor).HasMaxLength(AuditEntry.ActorMaxLength);
            e.Property(m => m.Action).HasMaxLength(AuditEntry.ActionMaxLength);
            e.Property(m => m.Detail).HasMaxLength(AuditEntry.DetailMaxLength);
            e.HasIndex(m => m.CommentId);
            e.HasIndex(m => m.ArticleId);
            e.HasIndex(m => new { m.Actor, m.Id });
        });

        modelBuilder.Entity<ArticleRevision>(e =>
        {
            e.Property(r => r.UserName).HasMaxLength(TidingsUser.DisplayNameMaxLength);
            e.Property(r => r.Title).HasMaxLength(Article.TitleMaxLength);
            e.Property(r => r.Summary).HasMaxLength(Article.SummaryMaxLength);
            e.Property(r => r.Note).HasMaxLength(ArticleRevision.NoteMaxLength);
            e.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
            e.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ArticleCorrection>(e =>
        {
            e.Property(c => c.Text).HasMaxLength(ArticleCorrection.TextMaxLength);
            e.Property(c => c.EditorName).HasMaxLength(TidingsUser.DisplayNameMaxLength);
            e.HasIndex(c => c.ArticleId);
            // /corrections, its feed and the notices read corrections newest first.
            e.HasIndex(c => c.At);
            e.HasOne<Article>().WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Live.LiveEntry>(e =>
        {
            e.Property(x => x.BodyMarkdown).HasMaxLength(Live.LiveEntry.BodyMaxLength);
            e.Property(x => x.Attribution).HasMaxLength(Live.LiveEntry.AttributionMaxLength);
            e.Property(x => x.ImageUrl).HasMaxLength(500);
            e.Property(x => x.ImageAlt).HasMaxLength(Live.LiveEntry.ImageAltMaxLength);
            e.Property(x => x.AuthorName).HasMaxLength(TidingsUser.DisplayNameMaxLength);
            // A page reads an article's entries newest first; the stream and the polling fallback read those after an id.
            e.HasIndex(x => new { x.ArticleId, x.Id });
            e.HasOne<Article>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Tidings.Core.Specials.Special>(e =>
        {
            e.Property(s => s.Slug).HasMaxLength(Tidings.Core.Specials.Special.SlugMaxLength);
            e.Property(s => s.Title).HasMaxLength(Tidings.Core.Specials.Special.TitleMaxLength);
            e.Property(s => s.Lead).HasMaxLength(Tidings.Core.Specials.Special.LeadMaxLength);
            e.Property(s => s.CoverUrl).HasMaxLength(500);
            e.Property(s => s.CoverAlt).HasMaxLength(200);
            e.Property(s => s.UpdatedBy).HasMaxLength(TidingsUser.DisplayNameMaxLength);
            e.HasIndex(s => s.Slug).IsUnique();
        });

        modelBuilder.Entity<Tidings.Core.Specials.SpecialSection>(e =>
        {
            e.Property(s => s.Title).HasMaxLength(Tidings.Core.Specials.SpecialSection.TitleMaxLength);
            e.HasIndex(s => new { s.SpecialId, s.Position });
            e.HasOne<Tidings.Core.Specials.Special>().WithMany().HasForeignKey(s => s.SpecialId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Tidings.Core.Specials.SpecialArticle>(e =>
        {
            e.HasKey(a => new { a.SectionId, a.ArticleId });
            // The article page's link back to its 专题.
            e.HasIndex(a => a.ArticleId);
            e.HasOne<Tidings.Core.Specials.SpecialSection>().WithMany().HasForeignKey(a => a.SectionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Article>().WithMany().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Corrections.ArticleRead>(e =>
        {
            // No foreign key: reads are written in bulk from the events pipeline and purged by age; a read of a
            // deleted article only never matches a correction.
            e.HasKey(r => new { r.Visitor, r.ArticleId });
            e.Property(r => r.Visitor).ValueGeneratedNever();
            e.HasIndex(r => r.At);
        });

        modelBuilder.Entity<MediaFile>(e =>
        {
            e.HasKey(m => m.Path);
            e.Property(m => m.Path).HasMaxLength(MediaFile.PathMaxLength);
            e.Property(m => m.ContentType).HasMaxLength(64);
        });

        modelBuilder.Entity<SiteSetting>(e =>
        {
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(SiteSetting.KeyMaxLength);
            e.Property(s => s.Value).HasMaxLength(SiteSetting.ValueMaxLength);
            e.Property(s => s.UpdatedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        });

        modelBuilder.Entity<CuratedSlot>(e =>
        {
            e.Property(c => c.CreatedBy).HasMaxLength(AuditEntry.ActorMaxLength);
            e.HasIndex(c => new { c.ChannelId, c.ExpiresAt });
            e.HasIndex(c => new { c.ChannelId, c.ArticleId }).IsUnique();
            e.HasOne<Article>().WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Channel>().WithMany().HasForeignKey(c => c.ChannelId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Meps;
using MepCms.Web.Features.Committees;
using MepCms.Web.Features.Topics;
using MepCms.Web.Infrastructure.Markdown;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Support;

/// <summary>Small builders for the data a test needs, saved through the app's own DbContext.</summary>
public static class TestData
{
    private static int _counter;

    public static string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _counter)}";

    public static Author Author(string? name = null)
    {
        var slug = Unique("mep");
        return new Author { FullName = name ?? $"Test MEP {slug}", Slug = slug, CountryCode = "BE", PoliticalGroup = "EPP", NationalParty = "Test Party" };
    }

    public static Committee Committee(string? code = null)
    {
        var slug = Unique("committee");
        return new Committee { Code = code ?? slug.ToUpperInvariant()[..Math.Min(16, slug.Length)], Slug = slug, Name = $"Committee {slug}" };
    }

    public static Topic Topic() { var slug = Unique("topic"); return new Topic { Slug = slug, Name = $"Topic {slug}" }; }

    /// <summary>A statement published at <paramref name="publishAt"/> (or a draft when status says so).</summary>
    public static Article Article(MepCmsFactory app, string? title = null, string body = "Some **body** text.",
        ArticleStatus status = ArticleStatus.Published, DateTimeOffset? publishAt = null, params Author[] authors)
    {
        var slug = Unique("statement");
        var markdown = app.Services.GetRequiredService<IMarkdownRenderer>();
        var at = (publishAt ?? app.Clock.GetUtcNow().AddHours(-1)).UtcDateTime;
        var article = new Article
        {
            Statement = new Statement(),
            Title = title ?? $"Statement {slug}", Slug = slug, Lead = $"Lead of {slug}.", BodyMarkdown = body, BodyHtml = markdown.Render(body),
            Status = status, PublishAt = status == ArticleStatus.Draft ? null : at, Place = "Brussels", CreatedAt = at, UpdatedAt = at,
        };
        var position = 0;
        foreach (var author in authors.Length > 0 ? authors : [Author()])
        {
            article.Authors.Add(new ArticleAuthor { Author = author, Position = position++ });
        }
        return article;
    }

    private static bool IsStored(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey()!.Properties.All(p => !entry.Property(p.Name).IsTemporary && entry.Property(p.Name).CurrentValue is int and > 0);

    public static async Task<T> SaveAsync<T>(this MepCmsFactory app, T entity) where T : class
    {
        await app.WithDbAsync(async db =>
        {
            db.Add(entity);
            // Entities saved by an earlier call (an MEP shared by two statements) are referenced, not inserted again.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity != entity && IsStored(e)))
            {
                entry.State = EntityState.Unchanged;
            }
            await db.SaveChangesAsync();
        });
        // Like every writer in the app, say that the public site changed.
        await app.Services.PublicSiteChangedAsync();
        return entity;
    }
}

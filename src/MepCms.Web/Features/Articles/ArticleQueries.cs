using System.Linq.Expressions;
using MepCms.Web.Features.Ratings;
using MepCms.Web.Features.Shared;

namespace MepCms.Web.Features.Articles;

/// <summary>Projections shared by every public list of statements.</summary>
public static class ArticleQueries
{
    /// <summary>A statement as a list shows it; one SQL query for the page, bylines included.</summary>
    public static readonly Expression<Func<Article, ArticleSummary>> Summary = a => new ArticleSummary(
        a.Title, a.Slug, a.Lead, a.PublishAt!.Value,
        a.Authors.OrderBy(x => x.Position).Select(x => new NamedLink(x.Author.FullName, x.Author.Slug)).ToList(),
        new RatingSummary(a.Statement.RatingCount, a.Statement.RatingSum))
    {
        Id = a.Id,
        StatementId = a.StatementId,
        Image = a.LeadImage == null ? null : new Media.ResponsiveImage(a.LeadImage.FileName, a.LeadImage.Width, a.LeadImage.Height, a.LeadImage.AltText, null),
    };

    /// <summary>Newest first (ties broken by id, so paging is stable).</summary>
    public static IQueryable<ArticleSummary> ToSummaries(this IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id).Select(Summary);

    /// <summary>The full statement page. Not a visibility rule: callers filter first (public) or are staff (preview, embargo).</summary>
    /// <param name="media">The media library, where the MEPs' photo credits are read.</param>
    /// <param name="documents">The statements' documents.</param>
    /// <param name="language">The statement's language, in which its committees and topics are named where a name is given.</param>
    public static IQueryable<ArticlePageViewModel> ToPage(this IQueryable<Article> articles, IQueryable<Media.MediaItem> media, IQueryable<Attachments.ArticleAttachment> documents,
        string language) =>
        articles.Select(a => new ArticlePageViewModel
        {
            Id = a.Id, Title = a.Title, Slug = a.Slug, Lead = a.Lead, BodyHtml = a.BodyHtml, Language = a.Language, Place = a.Place,
            ProcedureReference = a.ProcedureReference, PublishAt = a.PublishAt ?? a.UpdatedAt, UpdatedAt = a.UpdatedAt,
            LeadImage = a.LeadImage == null ? null : new Media.ResponsiveImage(a.LeadImage.FileName, a.LeadImage.Width, a.LeadImage.Height, a.LeadImage.AltText,
                a.LeadImage.Licence == null ? a.LeadImage.Credit : a.LeadImage.Credit == null ? a.LeadImage.Licence : a.LeadImage.Credit + " (" + a.LeadImage.Licence + ")"),
            Meps = a.Authors.OrderBy(x => x.Position).Select(x => new StatementMep(
                new Meps.AuthorCard(x.Author.FullName, x.Author.Slug, x.Author.CountryCode, x.Author.PoliticalGroup, x.Author.NationalParty, x.Author.PhotoPath, x.Author.IsActive)
                {
                    PhotoCredit = media.Where(m => m.FileName == x.Author.PhotoPath!.Substring(Media.MediaFiles.UrlPrefix.Length) && Media.MediaFiles.UrlPrefix + m.FileName == x.Author.PhotoPath)
                        .Select(m => m.Licence == null ? m.Credit : m.Credit == null ? m.Licence : m.Credit + " (" + m.Licence + ")").FirstOrDefault(),
                    PhotoAlt = media.Where(m => m.FileName == x.Author.PhotoPath!.Substring(Media.MediaFiles.UrlPrefix.Length) && Media.MediaFiles.UrlPrefix + m.FileName == x.Author.PhotoPath).Select(m => m.AltText).FirstOrDefault(),
                },
                x.Author.PressEmail, x.Author.PressPhone)).ToList(),
            Committees = a.Committees.OrderBy(c => c.Code)
                .Select(c => new NamedLink(c.Names.Where(n => n.Language == language).Select(n => n.Name).FirstOrDefault() ?? c.Name, c.Slug)).ToList(),
            Topics = a.Topics.Select(t => new { Name = t.Names.Where(n => n.Language == language).Select(n => n.Name).FirstOrDefault() ?? t.Name, t.Slug })
                .OrderBy(t => t.Name).Select(t => new NamedLink(t.Name, t.Slug)).ToList(),
            StatementId = a.StatementId,
            Rating = new RatingSummary(a.Statement.RatingCount, a.Statement.RatingSum),
            Documents = documents.Where(d => d.ArticleId == a.Id).OrderBy(d => d.Position).ThenBy(d => d.Id)
                .Select(d => new Attachments.AttachmentLink(d.Id, d.Title, d.DownloadName, d.Bytes) { PageCount = d.PageCount }).ToList(),
            Corrections = a.Corrections.OrderBy(c => c.CreatedAt).Select(c => new CorrectionNote(c.Kind, c.CreatedAt, c.Note)).ToList(),
        });
}

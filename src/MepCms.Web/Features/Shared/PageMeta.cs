using MepCms.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Shared;

/// <summary>What the layout needs for the head of a page: title, description, canonical path, sharing tags.</summary>
public sealed record PageMeta(string Title, string Description, string CanonicalPath, string OpenGraphType = "website")
{
    public bool NoIndex { get; init; }

    /// <summary>The page's sharing image (a site path), with its text alternative; none: a plain summary card.</summary>
    public string? Image { get; init; }
    public string? ImageAlt { get; init; }
    /// <summary>The sharing image's type and size: the drawn share card's unless a photo says otherwise.</summary>
    public string ImageType { get; init; } = "image/png";
    public int ImageWidth { get; init; } = 1200;
    public int ImageHeight { get; init; } = 630;
}

/// <summary>A view model whose page has its own title, description and canonical URL.</summary>
public interface IHasPageMeta
{
    PageMeta Meta { get; }
}

/// <summary>Absolute URLs for canonical links, sharing tags and feeds.</summary>
public sealed class SiteUrls(IOptions<SiteOptions> options)
{
    public string Base(HttpRequest request) =>
        options.Value.PublicUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";

    public string Absolute(HttpRequest request, string path) => Base(request) + (path.StartsWith('/') ? path : "/" + path);
}

namespace MepCms.Web.Features.Settings;

/// <summary>The office's profiles, one https address per line, each named after the service it is on.</summary>
public static class SocialLinks
{
    private static readonly (string Host, string Name)[] Services =
    [
        ("bsky.app", "Bluesky"), ("x.com", "X"), ("twitter.com", "X"), ("facebook.com", "Facebook"), ("instagram.com", "Instagram"),
        ("linkedin.com", "LinkedIn"), ("youtube.com", "YouTube"), ("threads.net", "Threads"), ("tiktok.com", "TikTok"),
        ("flickr.com", "Flickr"), ("europarl.europa.eu", "European Parliament"), ("mastodon.social", "Mastodon"), ("eupolicy.social", "Mastodon"),
    ];

    /// <summary>The links, and the lines that are not an https address (for the form's message).</summary>
    public static (IReadOnlyList<SocialLink> Links, IReadOnlyList<string> Refused) Parse(string? text)
    {
        var links = new List<SocialLink>();
        var refused = new List<string>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Uri.TryCreate(line, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0 && line.Length <= Limits.Url)
            {
                links.Add(new SocialLink(NameOf(uri), uri.AbsoluteUri));
            }
            else
            {
                refused.Add(line);
            }
        }
        return (links, refused);
    }

    private static string NameOf(Uri uri)
    {
        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        foreach (var (known, name) in Services)
        {
            if (host.Equals(known, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + known, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }
        return host;
    }
}

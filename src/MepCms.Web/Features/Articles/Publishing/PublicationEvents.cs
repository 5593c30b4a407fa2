namespace MepCms.Web.Features.Articles.Publishing;

/// <summary>What happened to a statement's public life.</summary>
public enum PublicationChange
{
    /// <summary>Its text, slug, MEPs or tags were saved (or an older revision restored).</summary>
    Edited,
    Published,
    Scheduled,
    Unpublished,
    Deleted,
    /// <summary>Its publish time passed and its go-live was claimed, once across all instances.</summary>
    WentLive,
    /// <summary>
    /// A scheduled publish time passed while public pages were cached; which statement is not
    /// known here (<see cref="PublicationChanged.ArticleId"/> is null), and its own
    /// <see cref="WentLive"/> follows within a go-live period.
    /// </summary>
    ScheduledTimeReached,
}

/// <summary>Raised after the change is committed, when the public site may show something different.</summary>
public sealed record PublicationChanged(int? ArticleId, PublicationChange Change);

/// <summary>Something that reacts to a statement's publication changing (the public cache; later e-mail alerts).</summary>
public interface IPublicationListener
{
    Task OnPublicationChangedAsync(PublicationChanged change, CancellationToken cancellationToken);
}

/// <summary>
/// Hands a committed publication change to every listener, in the order they were registered.
/// Listeners are looked up when a change is raised, as an event dispatcher does, so a listener may
/// depend on what raises (the schedule raises, and listens to forget its known time).
/// </summary>
public sealed class PublicationEvents(IServiceProvider services, ILogger<PublicationEvents> logger)
{
    public async Task RaiseAsync(PublicationChanged change, CancellationToken cancellationToken)
    {
        foreach (var listener in services.GetServices<IPublicationListener>())
        {
            try
            {
                await listener.OnPublicationChangedAsync(change, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The change itself is committed; a listener that fails (the cache does not answer)
                // must not turn it into an error. Cached pages expire on their own (MaxLifetime).
                logger.LogWarning(exception, "{Listener} failed on {Change} of statement {ArticleId}",
                    listener.GetType().Name, change.Change, change.ArticleId);
            }
        }
    }
}

namespace MepCms.Web.Features.EpImport;

/// <summary>A photo as a source gave it: the bytes, or "not modified" when the known validator still holds.</summary>
public sealed record EpPhoto(byte[]? Bytes, string? ETag, bool NotModified)
{
    public static readonly EpPhoto Unchanged = new(null, null, true);
}

/// <summary>The EP could not be reached or kept failing past the retries: the import writes nothing and says why.</summary>
public sealed class EpUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Where the import reads the European Parliament's data: the open data API (<c>EpApiClient</c>) or
/// its answers saved as files (<see cref="EpDirectory"/>). Both go through the same parser, <see cref="EpJsonLd"/>.
/// An answer that cannot be read throws <see cref="EpFormatException"/> (an error for that MEP only);
/// a source that cannot be reached throws <see cref="EpUnavailableException"/> (the whole import stops).
/// </summary>
public interface IEpSource
{
    /// <summary>Human-readable origin for the audit log and the summary ("data.europarl.europa.eu", "files").</summary>
    string Name { get; }

    /// <summary><c>meps/show-current</c>: every MEP currently in office.</summary>
    Task<IReadOnlyList<EpRosterEntry>> RosterAsync(CancellationToken cancellationToken);

    /// <summary><c>meps/{id}</c>. Unknown roles are added to <paramref name="warnings"/>.</summary>
    Task<EpMep> MepAsync(string id, ICollection<string> warnings, CancellationToken cancellationToken);

    /// <summary><c>corporate-bodies/{id}</c>.</summary>
    Task<EpBody> BodyAsync(string id, CancellationToken cancellationToken);

    /// <summary>The MEP's official photo, or null when there is none; <see cref="EpPhoto.Unchanged"/> when <paramref name="knownETag"/> still holds.</summary>
    Task<EpPhoto?> PhotoAsync(EpMep mep, string? knownETag, CancellationToken cancellationToken);
}

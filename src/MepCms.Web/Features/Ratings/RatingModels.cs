using Microsoft.Net.Http.Headers;

namespace MepCms.Web.Features.Ratings;

/// <summary>
/// The JSON of both rating endpoints: {"average":4.2,"count":37,"yourScore":5,"summary":"The average
/// score is 4.2 / 5 (37 ratings)"}. The widget's script shows the server's own sentence.
/// </summary>
public sealed record RatingViewModel(double? Average, int Count, int? YourScore)
{
    public string Summary => RatingSummary.Sentence(Average, Count);

    public static RatingViewModel From(RatingState state) => new(state.Summary.Average, state.Summary.Count, state.YourScore);
}

/// <summary>The widget under a statement. The page is the same for every reader; only the redirect after a rating adds ?rated=1.</summary>
public sealed record RatingWidgetViewModel(string Slug, RatingSummary Rating, bool JustRated)
{
    public const string RatedQueryKey = "rated";

    public string Action => $"/articles/{Slug}/rating";

    public static RatingWidgetViewModel For(string slug, RatingSummary rating, HttpRequest request) =>
        new(slug, rating, request.Query[RatedQueryKey] == "1");
}

/// <summary>
/// The rating POST: a urlencoded or multipart form with exactly one field `score`, one digit from
/// 1 to 5. Anything else ("3.5", " 3", "03", "abc", "", two `score` fields) is a 400; other fields
/// are ignored. The body is small (1 KB); a larger one is a 413.
/// </summary>
public sealed record RatingForm(int Score)
{
    public const int MaxBodyBytes = 1024;

    /// <summary>The form, or the status code that refuses the request.</summary>
    public static async Task<(RatingForm? Form, int Status)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge);
        }
        if (!request.HasFormContentType)
        {
            return (null, StatusCodes.Status415UnsupportedMediaType);
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.StatusCode);
        }
        catch (InvalidDataException)
        {
            return (null, StatusCodes.Status400BadRequest);
        }
        return form["score"] is [{ Length: 1 } value] && value[0] is >= '1' and <= '5'
            ? (new RatingForm(value[0] - '0'), StatusCodes.Status200OK)
            : (null, StatusCodes.Status400BadRequest);
    }

    public static bool WantsJson(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
}

namespace MepCms.Web;

/// <summary>Column lengths shared by the model, the forms and the validators.</summary>
public static class Limits
{
    public const int Slug = 120;
    public const int Name = 200;
    /// <summary>An identifier of the European Parliament's open data (an MEP, a body).</summary>
    public const int EpId = 40;
    public const int Title = 200;
    public const int Lead = 600;
    public const int Email = 256;
    public const int Url = 400;
    public const int ShortText = 4_000;
    public const int Body = 100_000;
    public const int BodyHtml = 250_000;
    public const int UserId = 450;
}

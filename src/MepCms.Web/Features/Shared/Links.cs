namespace MepCms.Web.Features.Shared;

/// <summary>A named link to an MEP, committee or topic page.</summary>
public sealed record NamedLink(string Name, string Slug);

using MepCms.Web.Infrastructure.Web;
using System.ComponentModel.DataAnnotations;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web.Localization;

namespace MepCms.Web.Features.Alerts;

/// <summary>The sign-up form and the preferences form: an address (sign-up only) and what to follow.</summary>
public sealed class SubscribeForm
{
    [Display(Name = "E-mail address")]
    public string? Email { get; set; }
    public List<string> Languages { get; set; } = [];
    public List<int> Meps { get; set; } = [];
    public List<int> Committees { get; set; } = [];
    public List<int> Topics { get; set; } = [];
    public bool Consent { get; set; }
    /// <summary>The manage token, on the preferences form.</summary>
    public string? Token { get; set; }
}

public sealed record Choice(string Value, string Label);

/// <summary>What a subscriber can choose from: the active MEPs, committees and topics, the 24 languages.</summary>
public sealed record ChoiceLists(IReadOnlyList<Choice> Meps, IReadOnlyList<Choice> Committees, IReadOnlyList<Choice> Topics)
{
    public static IReadOnlyList<Choice> Languages { get; } = [.. EuLanguages.All.Select(l => new Choice(l.Code, l.Name))];
}

public sealed record SubscribeViewModel(SubscribeForm Form, ChoiceLists Choices, string ConsentText, bool IsManage) : IHasPageMeta
{
    public PageMeta Meta => IsManage
        ? new PageMeta(SiteText.Get("ManageEmailAlerts"), SiteText.Get("AlertsManageDescription"), "/subscribe/manage") { NoIndex = true }
        : new PageMeta(SiteText.Get("EmailAlerts"), SiteText.Get("AlertsDescription"), "/subscribe");
}

/// <summary>A short page of the sign-up flow, with at most one button (a POST: links in e-mails are followed by scanners).</summary>
public sealed record SubscriptionMessageViewModel(string Title, string Text, string? Action = null, string? ActionLabel = null, string? Token = null) : IHasPageMeta
{
    public PageMeta Meta => new(Title, Text, "/subscribe") { NoIndex = true };
}

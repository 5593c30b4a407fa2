using MepCms.Web.Data;

namespace MepCms.Web.Features.Admin.PressLists;

public sealed class PressListForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
}

public sealed class ContactForm
{
    public string? Name { get; set; }
    public string? Outlet { get; set; }
    public string? Email { get; set; }
    public string? Languages { get; set; }
    public string? Notes { get; set; }

    public ContactRow Check() => ContactCsv.Check(0, Name ?? "", Outlet ?? "", Email ?? "", Languages ?? "", Notes ?? "");
}

public sealed record PressListSummary(int Id, string Name, string Description, int Contacts, int OptedOut);

public sealed record PressListsViewModel(IReadOnlyList<PressListSummary> Lists, PressListForm Form, string? Flash);

public sealed record ContactLine(int Id, string Name, string Outlet, string Email, string Languages, string Notes, bool OptedOut);

public sealed record PressListViewModel(int Id, PressListForm List, IReadOnlyList<ContactLine> Contacts, ContactForm NewContact, string? Flash)
{
    public static int MaxUploadBytes => ContactCsv.MaxBytes;
}

public sealed record ContactEditViewModel(int ListId, string ListName, int Id, ContactForm Form, bool OptedOut);

public enum ImportOutcome { New, Changed, Unchanged, Error }

public sealed record ImportLine(ContactRow Row, ImportOutcome Outcome, string Detail, bool OptedOut);

public sealed record ImportPreviewViewModel(int ListId, string ListName, string Csv, IReadOnlyList<ImportLine> Lines, string? FileError)
{
    public int Count(ImportOutcome outcome) => Lines.Count(l => l.Outcome == outcome);
}

internal static class PressListLimits
{
    public const int Description = 1_000;
    public static string? Problem(PressListForm form) =>
        string.IsNullOrWhiteSpace(form.Name) ? "Give the list a name."
        : form.Name.Trim().Length > Limits.Name ? $"The name may have {Limits.Name} characters at most."
        : (form.Description ?? "").Length > Description ? $"The description may have {Description:N0} characters at most."
        : null;
}

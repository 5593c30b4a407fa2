using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MepCms.Web.Data;
using MepCms.Web.Features.PressLists;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Infrastructure.Web;

namespace MepCms.Web.Features.Admin.PressLists;

/// <summary>A journalist as a CSV row or a form gives it, checked.</summary>
public sealed record ContactRow(int Line, string Name, string Outlet, string Email, string Languages, string Notes, string? Error)
{
    public string EmailKey => Email.ToLowerInvariant();
}

/// <summary>
/// Press contacts in and out of CSV: a header row naming the columns (name, outlet, email,
/// languages, notes; any order, comma or semicolon), one journalist per row. On the way out every
/// cell that a spreadsheet would run as a formula is defused with a leading apostrophe, which the
/// import takes off again.
/// </summary>
public static class ContactCsv
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 5_000;
    public static readonly string[] Columns = ["name", "outlet", "email", "languages", "notes"];

    /// <summary>Every data row, each with its error if it has one; or a single error for the file as a whole.</summary>
    public static (IReadOnlyList<ContactRow> Rows, string? FileError) Read(string text)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true, DetectDelimiterValues = [",", ";", "\t"], BadDataFound = null, MissingFieldFound = null,
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(), TrimOptions = TrimOptions.Trim,
        };
        using var csv = new CsvReader(new StringReader(text), config);
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
            {
                return ([], "The file is empty. The first row must name the columns: " + string.Join(", ", Columns) + ".");
            }
            var names = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
            if (!names.Contains("email") || !names.Contains("name"))
            {
                return ([], "The first row must name the columns, with at least \"name\" and \"email\" (found: " + string.Join(", ", names.Take(10)) + ").");
            }
            var rows = new List<ContactRow>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (csv.Read())
            {
                if (rows.Count == MaxRows)
                {
                    return ([], $"The file has more than {MaxRows:N0} rows: split it in several files.");
                }
                string Cell(string column) => names.Contains(column) ? SpreadsheetCells.Undefuse(csv.GetField(column) ?? "") : "";
                if (csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                var row = Check(csv.Parser.RawRow, Cell("name"), Cell("outlet"), Cell("email"), Cell("languages"), Cell("notes"));
                if (row.Error is null && !seen.Add(row.EmailKey))
                {
                    row = row with { Error = "This address is already on an earlier row." };
                }
                rows.Add(row);
            }
            return (rows, null);
        }
        catch (CsvHelperException)
        {
            return ([], "This file cannot be read as CSV. Save it from the spreadsheet as \"CSV UTF-8\" and try again.");
        }
    }

    /// <summary>One contact checked: a name, one plain mailbox, official language codes, lengths within the columns'.</summary>
    public static ContactRow Check(int line, string name, string outlet, string email, string languages, string notes)
    {
        name = name.Trim();
        outlet = outlet.Trim();
        var codes = languages.ToLowerInvariant().Split([' ', ',', ';', '/', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var normalised = MailAddresses.Normalise(email);
        var error = name.Length == 0 ? "The name is missing."
            : name.Length > Limits.Name || outlet.Length > Limits.Name ? $"The name and the outlet may have {Limits.Name} characters at most."
            : normalised is null ? $"\"{Shorten(email)}\" is not one plain e-mail address (name@example.org)."
            : codes.FirstOrDefault(c => !EuLanguages.IsOfficial(c)) is { } unknown ? $"\"{Shorten(unknown)}\" is not the code of an official EU language (en, fr, de…)."
            : notes.Length > PressListConfiguration.NotesLength ? $"The notes may have {PressListConfiguration.NotesLength:N0} characters at most."
            : null;
        return new ContactRow(line, name, outlet, normalised ?? email.Trim(), string.Join(' ', codes), notes.Trim(), error);
    }

    public static byte[] Write(IEnumerable<PressContact> contacts)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }
            csv.NextRecord();
            foreach (var c in contacts)
            {
                foreach (var value in new[] { c.Name, c.Outlet, c.Email, c.Languages, c.Notes })
                {
                    csv.WriteField(SpreadsheetCells.Defuse(value));
                }
                csv.NextRecord();
            }
        }
        // With a byte order mark, so spreadsheets read it as UTF-8.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}

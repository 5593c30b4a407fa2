namespace MepCms.Web.Features.Shared;

/// <summary>
/// What committees and topics have in common: the entries statements are tagged with, which the
/// back office creates, edits, retires and merges, and whose public page lists their statements.
/// </summary>
public interface IDirectoryEntry
{
    int Id { get; }
    string Slug { get; set; }
    string Name { get; set; }
    string Description { get; set; }
    bool IsActive { get; set; }
    /// <summary>Set when the entry was merged into another: its pages answer 301 to that one.</summary>
    int? MergedIntoId { get; set; }
}

/// <summary>An entry's name in one language other than the default one.</summary>
public interface ILocalizedName
{
    string Language { get; set; }
    string Name { get; set; }
}

/// <summary>A committee's or topic's names in other languages (its navigation property is `Names`).</summary>
public interface IHasLocalizedNames
{
    public const string Navigation = "Names";

    /// <summary>Every other-language name, by language code.</summary>
    IReadOnlyDictionary<string, string> NamesByLanguage { get; }

    /// <summary>Keeps exactly these names: changed ones updated, new ones added, missing ones removed.</summary>
    void ReplaceNames(IReadOnlyDictionary<string, string> names);
}

public static class LocalizedNames
{
    /// <summary>Brings a list of names to exactly <paramref name="names"/>.</summary>
    public static void Replace<TName>(List<TName> list, IReadOnlyDictionary<string, string> names) where TName : ILocalizedName, new()
    {
        list.RemoveAll(n => !names.ContainsKey(n.Language));
        foreach (var (language, name) in names)
        {
            if (list.FirstOrDefault(n => n.Language == language) is { } known)
            {
                known.Name = name;
            }
            else
            {
                list.Add(new TName { Language = language, Name = name });
            }
        }
    }
}

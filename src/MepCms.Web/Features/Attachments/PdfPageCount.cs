namespace MepCms.Web.Features.Attachments;

/// <summary>
/// A document's page count, read cheaply while it is checked: the /Count of the page tree the
/// catalogue names. Objects defined again later in the file (an incremental update) replace the
/// earlier ones, as readers take them. Null when the tree cannot be found this way.
/// </summary>
internal sealed class PdfPageCount
{
    private const int MaxPages = 1_000_000;
    private readonly List<(int Order, long Number, PdfDictionary Dictionary)> _objects = [];
    private bool _exhausted;

    /// <summary>The objects written directly in the file's checked ranges.</summary>
    public void ReadTopLevel(byte[] content, List<(int Start, int Length)> ranges)
    {
        var work = PdfWork.For(content.Length);
        foreach (var (start, length) in ranges)
        {
            for (var from = start; from < start + length;)
            {
                var found = content.AsSpan(from, start + length - from).IndexOf("obj"u8);
                if (found < 0)
                {
                    break;
                }
                var obj = from + found;
                from = obj + 3;
                if (PdfLayout.ObjectNumberAt(content, obj) is not { } number)
                {
                    continue;
                }
                var syntax = new PdfSyntax(content, obj + 3, content.Length);
                var value = syntax.ReadValue();
                if (!work.Spend(syntax.Position - obj))
                {
                    _exhausted = true; // a count read from part of the file could be wrong
                    return;
                }
                if (value is PdfDictionary dictionary)
                {
                    _objects.Add((obj, number, dictionary));
                }
            }
        }
    }

    /// <summary>The objects of a decoded object stream: N pairs of number and offset, then the objects from /First.</summary>
    public void ReadObjectStream(byte[] objects, PdfStream stream)
    {
        if (stream.Dictionary.IntegerOf("First") is not { } first || first < 0 || first > objects.Length || stream.Dictionary.IntegerOf("N") is not { } count)
        {
            return;
        }
        var header = new PdfSyntax(objects, 0, (int)first);
        var work = PdfWork.For(objects.Length);
        for (var i = 0; i < Math.Min(count, MaxPages); i++)
        {
            if (header.ReadValue() is not PdfNumber { Integer: { } number } || header.ReadValue() is not PdfNumber { Integer: { } offset })
            {
                return;
            }
            if (offset < 0 || first + offset >= objects.Length)
            {
                continue;
            }
            var syntax = new PdfSyntax(objects, (int)(first + offset), objects.Length);
            var value = syntax.ReadValue();
            if (!work.Spend(syntax.Position - first - offset))
            {
                _exhausted = true;
                return;
            }
            if (value is PdfDictionary dictionary)
            {
                _objects.Add((stream.DataStart, number, dictionary));
            }
        }
    }

    public int? Count
    {
        get
        {
            if (_exhausted)
            {
                return null;
            }
            var latest = new Dictionary<long, PdfDictionary>();
            PdfDictionary? catalog = null;
            foreach (var (_, number, dictionary) in _objects.OrderBy(o => o.Order))
            {
                latest[number] = dictionary;
                catalog = dictionary.NameOf("Type") == "Catalog" ? dictionary : catalog;
            }
            var tree = catalog?["Pages"] is PdfReference pages ? latest.GetValueOrDefault(pages.Number) : null;
            if (tree is null)
            {
                var roots = latest.Values.Where(d => d.NameOf("Type") == "Pages" && d["Parent"] is null).ToList();
                tree = roots.Count == 1 ? roots[0] : null;
            }
            return tree?.IntegerOf("Count") is { } pagesCount and >= 0 and <= MaxPages ? (int)pagesCount : null;
        }
    }
}

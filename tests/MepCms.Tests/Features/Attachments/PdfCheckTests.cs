using System.Text;
using MepCms.Tests.Support;
using MepCms.Web.Features.Attachments;
using static MepCms.Tests.Support.TestPdfs;

namespace MepCms.Tests.Features.Attachments;

/// <summary>The content check of a statement's PDF documents, on files written by hand.</summary>
public sealed class PdfCheckTests
{
    private static string? ProblemOf(byte[] pdf) => PdfCheck.Inspect(pdf).Problem;

    private static string Acting(string what) => string.Format(System.Globalization.CultureInfo.InvariantCulture, PdfCheck.Active, what);

    [Fact]
    public void A_plain_pdf_with_an_xref_table_passes_and_its_pages_are_counted()
    {
        var report = PdfCheck.Inspect(Build(pages: 3));

        Assert.Null(report.Problem);
        Assert.Equal(3, report.Pages);
    }

    [Fact]
    public void A_pdf_2_0_with_an_object_stream_and_an_xref_stream_passes_and_its_pages_are_counted()
    {
        var report = PdfCheck.Inspect(Modern(pages: 12));

        Assert.Null(report.Problem);
        Assert.Equal(12, report.Pages);
    }

    [Fact]
    public void Bytes_before_the_header_are_allowed_as_readers_allow_them()
    {
        Assert.Null(ProblemOf(Build(before: "garbage from a mail client\n")));
    }

    [Theory]
    [InlineData("1.8")]
    [InlineData("2.1")]
    [InlineData("3.0")]
    [InlineData("1.77")]
    public void An_unknown_pdf_version_is_not_a_pdf(string version)
    {
        Assert.Equal(PdfCheck.NotAPdf, ProblemOf(Build(version: version)));
    }

    public static TheoryData<string, byte[]> Fakes => new()
    {
        { "a png renamed .pdf", TestImages.Png(10, 10) },
        { "text that mentions a header later", Encoding.ASCII.GetBytes(new string('x', 1100) + "%PDF-1.7\nstartxref\n0\n%%EOF") },
        { "a header and nothing else", Ascii("%PDF-1.7\n") },
        { "a pdf cut short", Build()[..^20] },
        { "an empty file", [] },
    };

    [Theory]
    [MemberData(nameof(Fakes))]
    public void A_file_that_is_not_a_pdf_is_refused(string what, byte[] file)
    {
        Assert.True(PdfCheck.NotAPdf == ProblemOf(file), what);
    }

    [Fact]
    public void A_pdf_whose_startxref_points_nowhere_is_damaged()
    {
        var pdf = Encoding.Latin1.GetString(Build());
        var at = pdf.LastIndexOf("startxref\n", StringComparison.Ordinal) + "startxref\n".Length;
        var broken = pdf[..at] + "12" + pdf[pdf.IndexOf('\n', at)..];

        Assert.Equal(PdfCheck.Damaged, ProblemOf(Ascii(broken)));
        Assert.Equal(PdfCheck.Damaged, ProblemOf(Ascii("%PDF-1.4\n1 0 obj\n<< >>\nendobj\nstartxref\n9\n%%EOF\n")));
    }

    [Theory]
    [InlineData("/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ", "JavaScript")]
    [InlineData("/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> ", "JavaScript")]
    [InlineData("/OpenAction << /S /#4A#61#76#61#53#63#72#69#70#74 >> ", "JavaScript")]
    [InlineData("/Names << /JavaScript << /Names [(a) 5 0 R] >> >> ", "JavaScript")]
    [InlineData("/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >> ", "embedded files")]
    [InlineData("/OpenAction << /S /Launch /F (cmd.exe) >> ", "an action that launches a program")]
    [InlineData("/AA << /WC 5 0 R >> ", "actions that run by themselves")]
    [InlineData("/#41A << /WC 5 0 R >> ", "actions that run by themselves")]
    [InlineData("/AcroForm << /XFA 5 0 R >> ", "an XFA form")]
    [InlineData("/OpenAction << /S /SubmitForm /F (https://example.org) >> ", "a form that sends data")]
    [InlineData("/OpenAction << /S /GoToE /T << /R /C /N (a) >> >> ", "links into embedded files")]
    public void A_pdf_that_acts_is_refused_with_what_it_contains(string catalog, string what)
    {
        Assert.Equal(Acting(what), ProblemOf(Build(catalogExtra: catalog)));
    }

    [Fact]
    public void A_file_attachment_annotation_is_refused_even_without_an_embedded_files_tree()
    {
        var annotation = Ascii("<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS << /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >> >>");

        Assert.Equal(Acting("embedded files"), ProblemOf(Build(extraObject: annotation)));
    }

    [Fact]
    public void An_open_action_that_only_goes_to_the_first_page_is_allowed()
    {
        Assert.Null(ProblemOf(Build(catalogExtra: "/OpenAction [3 0 R /Fit] /PageMode /UseOutlines ")));
    }

    public static TheoryData<string, string, Func<byte[], byte[]>> ObjectStreams => new()
    {
        { "Flate", "/Filter /FlateDecode", Deflate },
        { "its filter before nested decode parameters", "/Filter /FlateDecode /DecodeParms << /Columns 1 >>", Deflate },
        { "a hex-escaped filter name", "/Filter /Fl#61teDecode", Deflate },
        { "the short filter name", "/Filter /Fl", Deflate },
        { "a filter array", "/Filter [/FlateDecode]", Deflate },
        { "ASCIIHex", "/Filter /ASCIIHexDecode", AsciiHex },
        { "ASCII85 over Flate", "/Filter [/ASCII85Decode /FlateDecode]", plain => Ascii85(Deflate(plain)) },
        { "no filter at all", "", plain => plain },
    };

    [Theory]
    [MemberData(nameof(ObjectStreams))]
    public void What_hides_in_an_object_stream_is_found_whatever_its_filters(string what, string filter, Func<byte[], byte[]> encode)
    {
        var embedded = Modern(["<< /Type /Filespec /F (a.exe) /EF << /F 9 0 R >> >>"], filter, encode);
        var script = Modern(["<< /S /JavaScript /JS (app.alert(1)) >>"], filter, encode);

        Assert.True(Acting("embedded files") == ProblemOf(embedded), what);
        Assert.True(Acting("JavaScript") == ProblemOf(script), what);
    }

    [Fact]
    public void An_object_stream_without_its_type_is_read_by_its_first_and_n()
    {
        Assert.Equal(Acting("JavaScript"), ProblemOf(Modern(["<< /S /JavaScript /JS (x) >>"], streamType: "")));
    }

    [Theory]
    [InlineData("/Filter /LZWDecode")]
    [InlineData("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>")]
    [InlineData("/Filter /Crypt")]
    public void An_object_stream_the_check_cannot_unpack_is_refused(string filter)
    {
        Assert.Equal(PdfCheck.TooComplex, ProblemOf(Modern(filter: filter)));
    }

    [Fact]
    public void An_object_stream_that_unpacks_to_far_more_than_the_budget_is_refused()
    {
        var bomb = Modern(["<< /Padding (" + new string(' ', 16) + ") >>"], encode: _ => Deflate(new byte[80 * 1024 * 1024]));

        Assert.Equal(PdfCheck.TooComplex, ProblemOf(bomb));
    }

    [Fact]
    public void Image_data_is_not_unpacked_nor_read_for_names()
    {
        // A scan: binary data that happens to hold "/JS " and "/AA ", and a Flate image larger than any budget.
        var noise = Ascii("\u00ff\u00d8 /JS \u0001\u0002 /AA \u0000 /EF)\u00ff\u00d9");
        var image = Stream("/Type /XObject /Subtype /Image /Width 10 /Height 10 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /DCTDecode", noise);
        var huge = Stream("/Type /XObject /Subtype /Image /Width 10000 /Height 10000 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode",
            Deflate(new byte[100 * 1000 * 1000]));

        Assert.Null(ProblemOf(Build(extraObject: image)));
        Assert.Null(ProblemOf(Build(extraObject: huge)));
    }

    [Fact]
    public void An_object_hidden_inside_a_streams_data_is_read()
    {
        var hidden = Stream("/Type /XObject /Subtype /Image /Filter /DCTDecode", Ascii("\u00ff\u00d8\n9 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n\u00ff\u00d9"));
        var behindComment = Stream("/Subtype /Image", Ascii("\u00ff\n9 0 %x\nobj << /S /Launch /F (cmd.exe) >>\n"));

        Assert.Equal(Acting("JavaScript"), ProblemOf(Build(extraObject: hidden)));
        Assert.Equal(Acting("an action that launches a program"), ProblemOf(Build(extraObject: behindComment)));
    }

    [Fact]
    public void A_stream_whose_length_lies_does_not_hide_the_objects_after_it()
    {
        // Its /Length reaches the end of the next stream: object 9 in between looks like data.
        const string swallowed = "abc\nendstream\nendobj\n9 0 obj\n<< /S /JavaScript /JS (x) >>\nendobj\n10 0 obj\n<< /Length 3 >>\nstream\nxyz";
        var lying = Ascii($"<< /Length {swallowed.Length} >>\nstream\n{swallowed}\nendstream");

        Assert.Equal(Acting("JavaScript"), ProblemOf(Build(extraObject: lying)));
    }

    [Fact]
    public void A_stream_after_a_dictionary_the_check_cannot_read_is_refused()
    {
        var unreadable = Ascii("<< /Type /ObjStm /N 1 /First 4 /Odd - >>\nstream\nx\nendstream");

        Assert.Equal(PdfCheck.TooComplex, ProblemOf(Build(extraObject: unreadable)));
    }

    [Fact]
    public void An_object_stream_hidden_in_another_streams_data_behind_decoy_headers_is_refused()
    {
        // Object 9 sits in the data of object 5, which a table could point at; its dictionary names
        // twenty decoy headers, so the search back from its "stream" finds no dictionary.
        var packed = Deflate(Ascii("9 0 << /S /JavaScript /JS (app.alert(1)) >>"));
        var hidden = Ascii($"9 0 obj\n<< /Pad ({string.Concat(Enumerable.Repeat("1 0 obj ", 20))}) /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {packed.Length} >>\nstream\n");
        byte[] inner = [.. hidden, .. packed, .. Ascii("\nendstream\nendobj")];

        Assert.Equal(PdfCheck.TooComplex, ProblemOf(Build(extraObject: Stream("/Subtype /Image", inner))));
    }

    [Fact]
    public void The_word_stream_in_a_title_or_in_metadata_is_no_stream()
    {
        var info = Ascii("<< /Title (Live stream\n) /Producer (Office) >>");
        var xmp = Stream("/Type /Metadata /Subtype /XML", Ascii("<x:xmpmeta><rdf:li xml:lang=\"x-default\">Live stream</rdf:li>\nA stream\n</x:xmpmeta>"));

        Assert.Null(ProblemOf(Build(extraObject: info)));
        Assert.Null(ProblemOf(Build(extraObject: xmp)));
    }

    [Fact]
    public void A_file_built_to_make_the_check_slow_is_refused_in_moments()
    {
        // Every "stream" keyword is far from any object header: without a bound, each would search back 256 KB.
        var slow = Ascii("%PDF-1.7\n1 0 obj\n[" + string.Concat(Enumerable.Repeat("0 ", 300_000)) + string.Concat(Enumerable.Repeat(" stream\n", 300_000))
            + "]\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n0\n%%EOF\n");
        // Object headers nested in strings: reading each object would read on to the end of the file.
        var nested = Encoding.Latin1.GetString(Build(extraObject: Ascii(string.Concat(Enumerable.Repeat("[(1 0 obj ", 100_000)) + new string(')', 100_000)
            + string.Concat(Enumerable.Repeat("]", 100_000)))));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var problem = ProblemOf(slow);
        var report = PdfCheck.Inspect(Ascii(nested));

        Assert.Equal(PdfCheck.TooComplex, problem);
        Assert.Null(report.Problem);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void An_encrypted_pdf_is_refused_with_its_own_message()
    {
        var pdf = Encoding.Latin1.GetString(Build());
        var encrypted = pdf.Replace("/Root 1 0 R", "/Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>", StringComparison.Ordinal);

        Assert.Equal(PdfCheck.Encrypted, ProblemOf(Ascii(encrypted)));
    }

    [Fact]
    public void The_page_count_follows_the_latest_page_tree_of_an_incremental_update()
    {
        var original = Build(pages: 2);
        var text = Encoding.Latin1.GetString(original);
        var previousXref = text[(text.LastIndexOf("startxref\n", StringComparison.Ordinal) + 10)..].Split('\n')[0];
        var update = $"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n";
        var updateAt = original.Length;
        var xrefAt = updateAt + update.Length;
        var tail = $"xref\n2 1\n{updateAt:D10} 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev {previousXref} >>\nstartxref\n{xrefAt}\n%%EOF\n";

        var report = PdfCheck.Inspect([.. original, .. Ascii(update + tail)]);

        Assert.Null(report.Problem);
        Assert.Equal(1, report.Pages);
    }
}

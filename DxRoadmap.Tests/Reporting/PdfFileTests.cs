using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Tokens;

namespace DxRoadmap.Tests.Reporting;

/// <summary>The PDF file itself: what checkers, viewers and screen readers read besides the drawn pages.</summary>
public partial class PdfFileTests
{
    private static async Task<byte[]> WriteAsync(string asOf, ReportSections sections = ReportSections.All)
    {
        var report = await Reports.BuildAsync(asOf, since: "2026-06-01");
        using var stream = new MemoryStream();
        PdfReportWriter.Write(report, stream, PaperSize.A3, sections);
        return stream.ToArray();
    }

    [Fact]
    public async Task Qpdf_ChecksTheFileWithoutWarnings()
    {
        if (!File.Exists("/usr/bin/qpdf"))
        {
            Assert.Skip("qpdf is not installed (apt-get install qpdf); the checksum test below still runs.");
        }
        using var folder = new TempFolder();
        var path = folder.File("report.pdf");
        await File.WriteAllBytesAsync(path, await WriteAsync("2026-11-26"), TestContext.Current.CancellationToken);
        using var qpdf = Process.Start(new ProcessStartInfo("/usr/bin/qpdf", ["--check", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await qpdf.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)
            + await qpdf.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await qpdf.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, qpdf.ExitCode);
        Assert.DoesNotContain("WARNING", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("No syntax or stream encoding errors", output);
    }

    [Fact]
    public void Adler32_MatchesTheKnownValue() =>
        Assert.Equal([0x11, 0xE6, 0x03, 0x98], PdfFileFinish.Adler32("Wikipedia"u8));

    [Fact]
    public async Task EveryFlateStream_EndsWithTheZlibChecksumOfItsContent()
    {
        var pdf = await WriteAsync("2026-11-26");
        var latin = Encoding.Latin1.GetString(pdf);
        var streams = StreamHead().Matches(latin);
        Assert.True(streams.Count > 10);
        foreach (Match stream in streams)
        {
            var length = int.Parse(stream.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var data = pdf.AsSpan(stream.Index + stream.Length, length);
            using var inflate = new DeflateStream(new MemoryStream(data[2..].ToArray()), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            inflate.CopyTo(plain);
            Assert.Equal(PdfFileFinish.Adler32(plain.ToArray()), data[^4..].ToArray());
            Assert.Equal("\nendstream", latin.Substring(stream.Index + stream.Length + length, 10));
        }
    }

    [Fact]
    public async Task Outline_HasEverySectionAndEachInitiativeOfTheList_AndTheFileNamesItsLanguageAndTitle()
    {
        using var pdf = PdfDocument.Open(await WriteAsync("2026-11-26"));
        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        var top = bookmarks.Roots.Select(b => b.Title).ToList();
        Assert.Contains("1. 重点取組の進捗状況", top);
        Assert.Contains("2. 工程表", top);
        Assert.Contains(top, t => t.StartsWith("3. 遅延している工程", StringComparison.Ordinal));
        var list = Assert.Single(bookmarks.Roots, b => b.Title.StartsWith("付録 工程一覧", StringComparison.Ordinal));
        Assert.Equal(["5.1", "5.2", "5.3", "5.4", "5.5"], list.Children.Select(b => b.Title[..3]));
        // Each initiative's bookmark opens the page where its rows start.
        foreach (var node in list.Children.OfType<DocumentBookmarkNode>())
        {
            Assert.Contains(node.Title.Split(' ')[0] + "-", pdf.GetPage(node.PageNumber).Text);
        }
        var gantt = Assert.Single(bookmarks.Roots, b => b.Title == "2. 工程表");
        Assert.NotEmpty(gantt.Children);

        var catalog = pdf.Structure.Catalog.CatalogDictionary;
        Assert.True(catalog.TryGet(NameToken.Create("Lang"), out var language));
        Assert.Equal("ja-JP", Assert.IsType<StringToken>(language).Data);
        Assert.Contains("進捗状況報告", pdf.Information.Title ?? "");
    }

    [Fact]
    public async Task SummarySections_LeaveOutTheChartAndTheList()
    {
        using var all = PdfDocument.Open(await WriteAsync("2026-11-26"));
        using var summary = PdfDocument.Open(await WriteAsync("2026-11-26", ReportSections.Summary | ReportSections.Late));
        Assert.True(summary.TryGetBookmarks(out var bookmarks));
        var sections = bookmarks.Roots.Select(b => b.Title).ToList();
        Assert.Contains("1. 重点取組の進捗状況", sections);
        Assert.Contains(sections, t => t.StartsWith("3. 遅延している工程", StringComparison.Ordinal));
        Assert.DoesNotContain("2. 工程表", sections);
        Assert.DoesNotContain(sections, t => t.StartsWith("付録", StringComparison.Ordinal));
        Assert.DoesNotContain(summary.GetPages(), p => p.Text.Contains("工程(主管課)", StringComparison.Ordinal)
            || p.Text.Replace(" ", "", StringComparison.Ordinal).Contains("工程(主管課)", StringComparison.Ordinal));
        Assert.True(summary.NumberOfPages < all.NumberOfPages);
    }

    [GeneratedRegex(@"/Length (\d+)/Filter/FlateDecode>>\nstream\n|/Filter/FlateDecode/Length (?<1>\d+)>>\nstream\n")]
    private static partial Regex StreamHead();
}

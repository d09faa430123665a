using DxRoadmap.Domain.Reporting;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.Tokens;

namespace DxRoadmap.Tests.Reporting;

public class PdfReportWriterTests
{
    private static byte[] Write(CommitteeReport report, PaperSize paper = PaperSize.A3)
    {
        using var stream = new MemoryStream();
        PdfReportWriter.Write(report, stream, paper);
        return stream.ToArray();
    }

    private static string Text(PdfDocument pdf) =>
        // PdfPig returns the glyphs of a line in order; spaces between CJK glyphs are not meaningful.
        string.Join("\n", pdf.GetPages().Select(p => p.Text));

    [Fact]
    public async Task Pdf_CarriesTheAsOfDateInWarekiAndALateItemsTitle()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        using var pdf = PdfDocument.Open(Write(report));
        var text = Text(pdf);
        Assert.Contains("令和8年11月26日", text);
        Assert.Contains("移行・テスト", text);
        Assert.Contains("期限超過", text);
        var count = pdf.NumberOfPages;
        Assert.Contains($"{count} / {count}", pdf.GetPage(count).Text);
        Assert.Contains("1 / " + count, pdf.GetPage(1).Text);
    }

    [Fact]
    public async Task Pdf_IsA3Landscape_OrA4WhenAsked()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        using var a3 = PdfDocument.Open(Write(report));
        using var a4 = PdfDocument.Open(Write(report, PaperSize.A4));
        Assert.Equal(1191, Math.Round(a3.GetPage(1).Width));
        Assert.Equal(842, Math.Round(a3.GetPage(1).Height));
        Assert.Equal(842, Math.Round(a4.GetPage(1).Width));
        Assert.Equal(595, Math.Round(a4.GetPage(1).Height));
    }

    [Fact]
    public async Task EveryFont_IsEmbeddedAsASubset()
    {
        using var pdf = PdfDocument.Open(Write(await Reports.BuildAsync("2022-04-01")));
        var embedded = 0;
        var fonts = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").Distinct().ToList();
        Assert.Contains(fonts, f => f.Contains("BIZ UDPGothic", StringComparison.Ordinal) && !f.Contains("Bold", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.Contains("Bold", StringComparison.Ordinal));
        // A subset font's name carries a six-letter tag: ABCDEF+BIZ UDPGothic.
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+", f));
        foreach (var page in pdf.GetPages())
        {
            var resources = page.Dictionary.Get<DictionaryToken>(NameToken.Resources, pdf.Structure.TokenScanner);
            var fontDictionary = resources.Get<DictionaryToken>(NameToken.Font, pdf.Structure.TokenScanner);
            foreach (var reference in fontDictionary.Data.Values)
            {
                var font = DirectObjectFinder.Get<DictionaryToken>(reference, pdf.Structure.TokenScanner)!;
                var descendants = font.Get<ArrayToken>(NameToken.DescendantFonts, pdf.Structure.TokenScanner);
                var cidFont = DirectObjectFinder.Get<DictionaryToken>(descendants.Data[0], pdf.Structure.TokenScanner)!;
                var descriptor = cidFont.Get<DictionaryToken>(NameToken.FontDescriptor, pdf.Structure.TokenScanner);
                Assert.True(descriptor.ContainsKey(NameToken.FontFile2), "font program embedded");
                embedded++;
            }
        }
        Assert.True(embedded > 0);
    }

    [Fact]
    public async Task Metadata_NamesTheReportAndTheIssuingDivision()
    {
        using var pdf = PdfDocument.Open(Write(await Reports.BuildAsync("2026-11-26")));
        Assert.Contains("進捗状況報告", pdf.Information.Title ?? "");
        Assert.Contains("令和8年11月26日", pdf.Information.Subject ?? "");
        Assert.Equal("企画部 デジタル行政推進課", pdf.Information.Author);
        Assert.Equal("DxRoadmap", pdf.Information.Creator);
    }

    [Fact]
    public async Task GanttPages_RepeatTheFiscalYearHeaderAndRowTitlesOnEachTile()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        using var pdf = PdfDocument.Open(Write(report));
        // The chart's pages are headed 「2. 工程表」; an initiative's aim may name a 工程表 too.
        var ganttPages = pdf.GetPages().Where(p => p.Text.Replace(" ", "", StringComparison.Ordinal).Contains("2.工程表", StringComparison.Ordinal)).ToList();
        Assert.True(ganttPages.Count >= 2);
        Assert.All(ganttPages, p => Assert.Contains("工程(主管課)", p.Text.Replace(" ", "", StringComparison.Ordinal)));
        Assert.All(ganttPages, p => Assert.Contains("年度", p.Text));
        var firstTitle = report.Gantt.Rows[0].Title;
        Assert.True(ganttPages.Count(p => p.Text.Contains(firstTitle, StringComparison.Ordinal)) >= 2,
            "the first row's title is repeated on each time tile");
    }
}

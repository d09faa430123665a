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

    [Fact]
    public async Task GanttPages_ContinueTheLongestOverdueStretchUpToTheAsOfDate_OnTheLastTileToo()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        var chart = report.Gantt;
        // The item whose missed end lies furthest back: its stretch crosses every later tile.
        var bar = chart.Bars.Where(b => b.OverdueTo is not null).MinBy(b => b.X1)!;
        var code = chart.Rows[bar.Row].Code;
        using var pdf = PdfDocument.Open(Write(report));
        var tiles = pdf.GetPages().Where(p => p.Text.Replace(" ", "", StringComparison.Ordinal).Contains("2.工程表", StringComparison.Ordinal)
            && p.Text.Contains(code, StringComparison.Ordinal)).ToList();
        var last = tiles.Last();
        Assert.Contains(chart.YearBands[^1].Label, last.Text);
        var endBand = chart.YearBands.Single(b => bar.X1 > b.X0 && bar.X1 <= b.X1);
        Assert.DoesNotContain(endBand.Label, last.Text.Replace(" ", "", StringComparison.Ordinal));   // the bar itself ended on an earlier tile

        // The row's code is drawn in the title column; the hatching is short red strokes on the same row.
        var label = CodeLetters(last, code);
        var red = new[] { 198 / 255.0, 40 / 255.0, 40 / 255.0 };
        var strokes = last.Paths.Where(p => p.IsStroked && p.StrokeColor is { } colour
                && colour.ToRGBValues() is var (r, g, b) && Math.Abs(r - red[0]) < 0.02 && Math.Abs(g - red[1]) < 0.02 && Math.Abs(b - red[2]) < 0.02)
            .Select(p => p.GetBoundingRectangle()).OfType<UglyToad.PdfPig.Core.PdfRectangle>()
            .Where(box => box.Width > 0 && box.Height is > 0 and <= 8 && box.Bottom >= label.Bottom - 6 && box.Top <= label.Top + 8 && box.Left > label.Right)
            .ToList();
        Assert.True(strokes.Count >= 10, $"{strokes.Count} red strokes on row {code} of the last tile");
    }

    private static UglyToad.PdfPig.Core.PdfRectangle CodeLetters(UglyToad.PdfPig.Content.Page page, string code)
    {
        var letters = page.Letters.ToList();
        var text = string.Concat(letters.Select(l => l.Value));
        var at = text.IndexOf(code + " ", StringComparison.Ordinal);
        at = at >= 0 ? at : text.IndexOf(code, StringComparison.Ordinal);
        Assert.True(at >= 0, code);
        var run = letters.Skip(at).Take(code.Length).ToList();
        return new UglyToad.PdfPig.Core.PdfRectangle(run.Min(l => l.BoundingBox.Left), run.Min(l => l.BoundingBox.Bottom),
            run.Max(l => l.BoundingBox.Right), run.Max(l => l.BoundingBox.Top));
    }
}

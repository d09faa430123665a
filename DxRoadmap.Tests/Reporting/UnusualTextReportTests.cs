using ClosedXML.Excel;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;

namespace DxRoadmap.Tests.Reporting;

/// <summary>Text saved through the editor reaches the committee's Excel and PDF unchanged.</summary>
public class UnusualTextReportTests
{
    // 𩸽 (U+29E3D) is in BIZ UDPGothic, 𠮷 only in the fallback font: both must copy as themselves.
    private const string Unusual = "𠮷野家と葛󠄀城市の𩸽";
    private const string Absent = "\U0002A6D6";  // 𪛖: in neither of the PDF's fonts
    private const string Hostile = "<script>alert('x')</script>&amp;";

    private static async Task<byte[]> ReportAsync(SmallRoadmap roadmap, ReportFormat format)
    {
        var editing = roadmap.Editing("2022-04-01");
        var loaded = (await editing.LoadAsync(roadmap.Overdue.Id))!;
        var model = MilestoneEditModel.From(loaded.Milestone);
        model.DelayReason = Unusual + Absent;
        model.Countermeasure = Hostile;
        Assert.True((await editing.SaveAsync(roadmap.Overdue.Id, model, loaded.Token, TestUser.Editor())).Succeeded);
        await roadmap.ChangeAsync(roadmap.Overdue.Id, m => m.Title = Unusual + "の工程");

        var reports = new ReportService(new RoadmapReader(roadmap.Database), Options.Create(DelayThresholds.Default));
        using var output = new MemoryStream();
        Assert.Null(await reports.WriteAsync(format, Build.Day("2022-04-01"), ReportScope.All, null, output));
        return output.ToArray();
    }

    [Fact]
    public async Task Excel_KeepsSurrogatePairsVariationSelectorsAndMarkupAsTyped()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        using var workbook = new XLWorkbook(new MemoryStream(await ReportAsync(roadmap, ReportFormat.Xlsx)));
        var cells = workbook.Worksheet("遅延一覧").CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains(Unusual + "の工程", cells);
        Assert.Contains(Unusual + Absent, cells);
        Assert.Contains(Hostile, cells);
    }

    // The PDF drops the variation selector (its fonts have no glyph variants; 葛 stays). The workbook and the
    // pages keep both exactly; only the PDF is limited by its embedded fonts.
    [Fact]
    public async Task Pdf_KeepsMarkupAsTyped_AndSurrogatePairsWhole()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        using var pdf = PdfDocument.Open(await ReportAsync(roadmap, ReportFormat.Pdf));
        var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
        // 𠮷 is outside BIZ UDPGothic and drawn with MigMix 1P; 𪛖 is in neither, so it prints as 〓, the
        // customary mark, not as an unnamed box.
        Assert.Contains("𠮷野家と葛城市の𩸽の工程", text, StringComparison.Ordinal);
        Assert.Contains("𠮷野家と葛城市の𩸽〓", text, StringComparison.Ordinal);
        Assert.DoesNotContain('⧣', text);
        Assert.DoesNotContain('\0', text);
        Assert.DoesNotContain('₻', text);
        Assert.Contains("<script>alert('x')</script>&amp;", text, StringComparison.Ordinal);

        // Both fonts are embedded as subsets (ABCDEF+name), each drawing its own characters.
        var letters = pdf.GetPages().SelectMany(p => p.Letters).ToList();
        Assert.All(letters.Where(l => l.Value == "𠮷"), l => Assert.Matches("^[A-Z]{6}\\+MigMix 1P", l.FontName));
        Assert.All(letters.Where(l => l.Value is "野" or "〓"), l => Assert.Matches("^[A-Z]{6}\\+BIZ UDPGothic", l.FontName));
        Assert.Contains(letters, l => l.Value == "𠮷");
    }
}

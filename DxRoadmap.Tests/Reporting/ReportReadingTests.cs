using System.Text.RegularExpressions;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace DxRoadmap.Tests.Reporting;

/// <summary>What a committee member reads: labels that mean what they say, on paper, in grey, on A4.</summary>
public partial class ReportReadingTests
{
    private static PdfDocument Pdf(CommitteeReport report, PaperSize paper = PaperSize.A3)
    {
        using var stream = new MemoryStream();
        PdfReportWriter.Write(report, stream, paper);
        return PdfDocument.Open(stream.ToArray());
    }

    [Fact]
    public async Task YearlyStep_PrintsThisYearsOccurrence_WithTheFirstOneAfterIt()
    {
        var report = await Reports.BuildAsync("2026-11-01");
        var training = report.Milestones.Single(m => m.Code == "5.5-08");
        Assert.StartsWith("令和8年", training.Period);
        Assert.Contains("毎年、初回 令和3年", training.Period);
    }

    [Fact]
    public async Task ChangeList_DoesNotCallAYearlyStepThatMovedToANewOccurrenceCaughtUp()
    {
        var report = await Reports.BuildAsync("2026-11-01", since: "2026-06-01");
        var changes = report.Changes!;
        Assert.All(changes.Milestones.Where(m => m.Change.Contains("遅延解消", StringComparison.Ordinal)),
            m => Assert.NotEqual(MilestoneStatus.NotStarted, report.Milestones.Single(r => r.Code == m.Code).Status));
    }

    [Fact]
    public async Task ChangeSheet_NamesWhatItsLateColumnCounts()
    {
        using var workbook = Reports.Workbook(await Reports.BuildAsync("2026-11-01", since: "2026-06-01"));
        var header = Enumerable.Range(1, 10).Select(c => workbook.Worksheet("増減").Cell(2, c).GetString()).ToList();
        Assert.Contains("遅延・着手遅れ(今回)", header);
        Assert.DoesNotContain("遅延(今回)", header);
    }

    [Fact]
    public async Task Signals_ReadWithoutColour_AndTheLegendExplainsARedSignalBesideGradeB()
    {
        var report = await Reports.BuildAsync("2026-11-01");
        using var pdf = Pdf(report);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("■赤", text);
        Assert.Contains("●青", text);
        Assert.Contains(ReportNotes.SignalAndEvaluation.Replace(" ", "", StringComparison.Ordinal), text);
        using var workbook = Reports.Workbook(report);
        var signals = workbook.Worksheet("工程一覧").Column(15).CellsUsed().Skip(1).Select(c => c.GetString()).Distinct().ToList();
        Assert.Subset(new HashSet<string> { "■赤", "▲黄", "●青" }, signals.ToHashSet());
    }

    [Fact]
    public async Task A4_ADateIsNeverBrokenAcrossLines_APeriodBreaksBetweenItsDates()
    {
        var report = await Reports.BuildAsync("2026-11-01");
        var dates = report.Milestones.SelectMany(m => JapaneseMonth().Matches(m.Period).Select(x => x.Value)).ToHashSet();
        using var pdf = Pdf(report, PaperSize.A4);
        var checkedDates = 0;
        foreach (var page in pdf.GetPages())
        {
            var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            var text = string.Concat(letters.Select(l => l.Value));
            if (letters.Count != text.Length)
            {
                continue;   // a letter of two UTF-16 units would shift the index; the plan's dates have none
            }
            foreach (var date in dates)
            {
                for (var at = text.IndexOf(date, StringComparison.Ordinal); at >= 0; at = text.IndexOf(date, at + 1, StringComparison.Ordinal))
                {
                    var baseline = letters[at].StartBaseLine.Y;
                    Assert.True(letters.Skip(at).Take(date.Length).All(l => Math.Abs(l.StartBaseLine.Y - baseline) < 0.1),
                        $"「{date}」 breaks across lines in 「{text.Substring(Math.Max(0, at - 20), Math.Min(50, text.Length - Math.Max(0, at - 20)))}」");
                    checkedDates++;
                }
            }
        }
        Assert.True(checkedDates >= dates.Count, $"{checkedDates} dates found for {dates.Count} distinct ones");
    }

    [GeneratedRegex(@"令和\d+年\d+月")]
    private static partial Regex JapaneseMonth();

    [Theory]
    [InlineData("未着手")]
    [InlineData("100%")]
    [InlineData("5.2-02")]
    public async Task A4Appendix_KeepsShortValuesOnOneLine(string value)
    {
        using var pdf = Pdf(await Reports.BuildAsync("2026-11-01"), PaperSize.A4);
        var found = 0;
        foreach (var page in pdf.GetPages())
        {
            var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            for (var i = 0; i + value.Length <= letters.Count; i++)
            {
                if (!string.Concat(letters.Skip(i).Take(value.Length).Select(l => l.Value)).Equals(value, StringComparison.Ordinal))
                {
                    continue;
                }
                var baseline = letters[i].StartBaseLine.Y;
                Assert.All(letters.Skip(i).Take(value.Length), (Letter l) => Assert.Equal(baseline, l.StartBaseLine.Y, 1));
                found++;
            }
        }
        Assert.True(found > 0);
    }
}

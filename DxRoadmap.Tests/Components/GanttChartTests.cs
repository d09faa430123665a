using Bunit;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule.Gantt;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Components.Shared;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Components;

public class GanttChartTests : MudTestContext
{
    private static readonly DateOnly AsOf = Day("2022-06-01");

    private static GanttGeometry Layout(params Milestone[] milestones) =>
        GanttLayout.Build(GanttData.Assess(AsOf, milestones), AsOf, new GanttWindow(2021, 2023), GanttZoom.Month);

    [Fact]
    public void Chart_DrawsOneBarPerSpanAndOneDiamondPerPoint()
    {
        var chart = Layout(Span("2022-04", "2022-09"), Span("2022-10", "2023-03"), Point("2022-03"),
            Point("2021-12").With(m => m.RecurringYearly = true));
        var cut = Render<GanttChart>(p => p.Add(c => c.Chart, chart));

        Assert.Equal(2, cut.FindAll("[data-kind=bar]").Count);
        // One plain point and the recurring one in each of the three fiscal years.
        Assert.Equal(4, cut.FindAll("[data-kind=diamond]").Count);
        Assert.Equal(4, cut.FindAll("a.label-row.milestone").Count);
        Assert.Single(cut.FindAll("polyline.inazuma"));
    }

    [Fact]
    public void LateItem_IsRedWithABadge_OnTimeItemIsNot()
    {
        var late = Span("2021-10", "2022-03", MilestoneStatus.InProgress, 60).With(m => m.Title = "遅れている工程");
        var onTime = Span("2022-04", "2022-09", MilestoneStatus.InProgress, 30).With(m => m.Title = "順調な工程");
        var cut = Render<GanttChart>(p => p.Add(c => c.Chart, Layout(late, onTime)));

        var bars = cut.FindAll("[data-kind=bar]");
        Assert.Contains("late", bars[0].ClassList);
        Assert.Contains("tone-Late", bars[0].ClassList);
        Assert.DoesNotContain("late", bars[1].ClassList);
        Assert.Single(cut.FindAll("rect.overdue"));

        var lateRow = cut.Find("a.label-row.late");
        Assert.Contains("遅れている工程", lateRow.TextContent);
        Assert.Contains("遅延", lateRow.QuerySelector(".late-badge")!.TextContent);
        Assert.Single(cut.FindAll(".late-badge"));
    }

    [Fact]
    public void MilestoneRow_LinksToItsEditor_AndCarriesItsTooltip()
    {
        var step = Span("2022-04", "2023-03", MilestoneStatus.InProgress, 40).With(m => m.Title = "移行計画の作成");
        var cut = Render<GanttChart>(p => p.Add(c => c.Chart, Layout(step)));

        var row = cut.Find("a.label-row.milestone");
        Assert.Equal($"milestones/{step.Id}", row.GetAttribute("href"));
        var tooltip = cut.Find("g.row-marks > title").TextContent;
        Assert.Contains("移行計画の作成", tooltip);
        Assert.Contains("主管課: デジタル行政推進課", tooltip);
        Assert.Contains("令和4年4月 (2022/04) ～ 令和5年3月 (2023/03)", tooltip);
        Assert.Contains("状態: 進行中  進捗: 40%", tooltip);
    }

    [Fact]
    public void UserText_IsEncoded()
    {
        var step = Point("2022-05").With(m => m.Title = "<script>alert(1)</script>");
        var cut = Render<GanttChart>(p => p.Add(c => c.Chart, Layout(step)));
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("&lt;script&gt;", cut.Markup);
    }

    [Fact]
    public void Numbers_AreWrittenWithTheInvariantCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var cut = Render<GanttChart>(p => p.Add(c => c.Chart, Layout(Span("2022-04-03", "2022-04-20"))));
            var x = cut.Find("[data-kind=bar] rect.base").GetAttribute("x")!;
            Assert.Equal("1321.2", x); // 367 days from 2021-04-01 at 3.6 px per day
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void GroupToggle_ReportsItsKey()
    {
        string? toggled = null;
        var chart = Layout(Span("2022-04", "2022-09"));
        var cut = Render<GanttChart>(p => p
            .Add(c => c.Chart, chart)
            .Add(c => c.OnToggle, key => toggled = key));
        cut.FindAll("[data-testid=toggle]")[1].Click();
        Assert.Equal(chart.Rows[1].Key, toggled);
    }
}

using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Components.Shared;
using DxRoadmap.Web.Services;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

/// <summary>
/// Pages asking for the same chart share one layout and one drawing; any difference in what is shown, and any
/// save, gives a chart of its own.
/// </summary>
public class GanttServiceTests
{
    private static readonly DateOnly AsOf = Build.Day("2022-04-15");
    private static readonly GanttWindow Window = new(2021, 2022);

    private static GanttService Service(SmallRoadmap roadmap) =>
        new(new RoadmapReader(roadmap.Database), new ProgressQueries(new RoadmapReader(roadmap.Database), Options.Create(DelayThresholds.Default)));

    private static GanttOptions Folded(params string[] keys) => new() { Collapsed = new HashSet<string>(keys) };

    [Fact]
    public async Task TheSameView_IsOneLayoutAndOneDrawing_WhateverOrderItsSetsWereFilledIn()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var gantt = Service(roadmap);
        var assessed = await gantt.AssessAsync(AsOf);
        var track = "t" + roadmap.FirstTrack.Id;
        var initiatives = (await gantt.LoadAsync()).Initiatives.Select(i => i.Id).ToArray();

        var first = gantt.Layout(assessed, AsOf, Window, GanttZoom.Quarter, Folded(track, "t999") with
        {
            Filter = new GanttFilter { InitiativeIds = new HashSet<int>(initiatives) },
        });
        var second = gantt.Layout(await gantt.AssessAsync(AsOf), AsOf, new GanttWindow(2021, 2022), GanttZoom.Quarter, Folded("t999", track) with
        {
            Filter = new GanttFilter { InitiativeIds = new HashSet<int>(initiatives.Reverse()) },
        });

        Assert.Same(first, second);
        Assert.Same(GanttDrawing.For(first.Chart), GanttDrawing.For(second.Chart));
        Assert.Equal(first.Chart.Rows.Count(r => r.Kind == GanttRowKind.Milestone), first.Shown - 3);  // 項目A folded
    }

    [Fact]
    public async Task AnyDifferenceInTheView_GivesItsOwnLayout_WithItsOwnCounts()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var gantt = Service(roadmap);
        var assessed = await gantt.AssessAsync(AsOf);
        var all = gantt.Layout(assessed, AsOf, Window, GanttZoom.Quarter, GanttOptions.Default);

        var month = gantt.Layout(assessed, AsOf, Window, GanttZoom.Month, GanttOptions.Default);
        var longer = gantt.Layout(assessed, AsOf, new GanttWindow(2021, 2023), GanttZoom.Quarter, GanttOptions.Default);
        var later = gantt.Layout(await gantt.AssessAsync(AsOf.AddDays(1)), AsOf.AddDays(1), Window, GanttZoom.Quarter, GanttOptions.Default);
        var folded = gantt.Layout(assessed, AsOf, Window, GanttZoom.Quarter, Folded("t" + roadmap.FirstTrack.Id));
        var lateOnly = gantt.Layout(assessed, AsOf, Window, GanttZoom.Quarter,
            new GanttOptions { Filter = new GanttFilter { LateOnly = true } });
        var citizens = gantt.Layout(assessed, AsOf, Window, GanttZoom.Quarter,
            new GanttOptions { Filter = new GanttFilter { DepartmentIds = new HashSet<int> { roadmap.CitizensDepartment.Id } } });

        var views = new[] { all, month, longer, later, folded, lateOnly, citizens };
        Assert.Equal(views.Length, views.Select(v => v.Chart).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal((6, 2), (all.Shown, all.Late));                              // 期限超過 and 着手遅れ
        Assert.Equal((2, 2, 0), (lateOnly.Shown, lateOnly.Late, lateOnly.Attention));
        Assert.Equal((2, 1), (citizens.Shown, citizens.Late));                    // 着手遅れ, 順調
        Assert.Equal(all.Chart.RowCount - 3, folded.Chart.RowCount);               // 項目A's three steps hidden
    }

    [Fact]
    public async Task AfterASave_TheChartIsLaidOutAfresh()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var gantt = Service(roadmap);
        var before = gantt.Layout(await gantt.AssessAsync(AsOf), AsOf, Window, GanttZoom.Quarter, GanttOptions.Default);

        await roadmap.ChangeAsync(roadmap.Overdue.Id, m =>
        {
            m.Status = MilestoneStatus.Done;
            m.Progress = 100;
            m.ActualEnd = Build.Day("2022-03-31");
        });
        var after = gantt.Layout(await gantt.AssessAsync(AsOf), AsOf, Window, GanttZoom.Quarter, GanttOptions.Default);

        Assert.NotSame(before, after);
        Assert.Equal((2, 1), (before.Late, after.Late));
        var row = "m" + roadmap.Overdue.Id;
        Assert.True(before.Chart.Rows.Single(r => r.Key == row).IsLate);
        Assert.False(after.Chart.Rows.Single(r => r.Key == row).IsLate);
        Assert.Contains("tone-Done", GanttDrawing.For(after.Chart).Body.Value, StringComparison.Ordinal);
    }
}

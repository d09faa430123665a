using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;

namespace DxRoadmap.Tests.Domain;

public class EvaluationRuleTests
{
    private static readonly DateOnly AsOf = Build.Day("2023-04-01");

    private static Milestone Late() => Build.Span("2022-04", "2023-01", MilestoneStatus.InProgress, 50);

    private static Milestone OnTime() => Build.Span("2022-04", "2023-01", MilestoneStatus.Done, 100);

    [Fact]
    public void LateShareOfExactlyTwentyPercent_IsC()
    {
        var items = GanttData.Assess(AsOf, Late(), OnTime(), OnTime(), OnTime(), OnTime());
        Assert.Equal(Evaluation.C, EvaluationRule.Evaluate(items, AsOf, out _));
    }

    [Fact]
    public void LateShareJustBelowTwentyPercent_IsB()
    {
        var items = GanttData.Assess(AsOf, Late(), OnTime(), OnTime(), OnTime(), OnTime(), OnTime());
        Assert.Equal(Evaluation.B, EvaluationRule.Evaluate(items, AsOf, out _));
    }

    [Fact]
    public void AtRiskWithoutLate_IsB()
    {
        // Ends within 30 days, 10% done against an expected ~90%.
        var atRisk = Build.Span("2022-06", "2023-04", MilestoneStatus.InProgress, 10);
        var items = GanttData.Assess(AsOf, atRisk, OnTime());
        Assert.Equal(Evaluation.B, EvaluationRule.Evaluate(items, AsOf, out _));
    }

    [Fact]
    public void NothingLateAndOnExpectation_IsA()
    {
        var running = Build.Span("2023-01", "2023-06", MilestoneStatus.InProgress, 55);
        var items = GanttData.Assess(AsOf, running, OnTime());
        Assert.Equal(Evaluation.A, EvaluationRule.Evaluate(items, AsOf, out var progress));
        Assert.InRange(progress.Actual - progress.Expected, -AheadMargin, AheadMargin - 1);
    }

    [Fact]
    public void FinishedBeforeItWasDue_IsS()
    {
        var early = Build.Span("2023-01", "2023-12", MilestoneStatus.Done, 100);
        var items = GanttData.Assess(AsOf, early, OnTime());
        Assert.Equal(Evaluation.S, EvaluationRule.Evaluate(items, AsOf, out var progress));
        Assert.True(progress.Actual >= progress.Expected + AheadMargin);
    }

    [Fact]
    public void ExternalAndCancelledItems_AreNotCounted()
    {
        var external = Late().With(m => m.ExternalActor = "総務省");
        var cancelled = Late().With(m => m.Status = MilestoneStatus.Cancelled);
        var items = GanttData.Assess(AsOf, external, cancelled, OnTime());
        Assert.Equal(Evaluation.A, EvaluationRule.Evaluate(items, AsOf, out var progress));
        Assert.Equal(1, progress.Measured);
    }

    [Fact]
    public void NoItems_IsA()
    {
        Assert.Equal(Evaluation.A, EvaluationRule.Evaluate([], AsOf, out _));
    }

    private const int AheadMargin = EvaluationRule.AheadMargin;
}

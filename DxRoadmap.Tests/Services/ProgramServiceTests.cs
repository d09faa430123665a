using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Services;
using DxRoadmap.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

public class ProgramServiceTests
{
    /// <summary>The database the tests run on; the subclass below runs them all again on PostgreSQL.</summary>
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    private static readonly FixedTime Time = new(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));

    private static ProgramService Service(TestDatabase database) =>
        new(database, new RoadmapReader(database), new AppClock(Time), Options.Create(new CityOptions()));

    [Fact]
    public async Task SeededPlan_HasTwentySystemsTwelveStepsAndSampleCompletions()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider, sampleProgress: true);
        var overview = await Service(database).LoadAsync();
        Assert.Equal(20, overview.Standardisation.Systems.Count);
        Assert.Equal(12, overview.Standardisation.Steps.Count);
        Assert.Equal(9, overview.Standardisation.SystemsComplete);
        Assert.Equal(14, overview.Roadmap.Peers.Count);
        Assert.Equal(15, overview.Peers.Count);           // the 14 peers and 姶良市
        Assert.Equal(28, overview.Procedures.Total);
    }

    [Fact]
    public async Task WithoutSample_NothingIsFinishedAndNoCasesExist()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var overview = await Service(database).LoadAsync();
        Assert.Equal(0, overview.Standardisation.Rate);
        Assert.Empty(overview.Roadmap.AutomationCases);
        Assert.Equal(0, overview.Procedures.Progress);
    }

    [Fact]
    public async Task StepDone_IsRecordedOnceEvenWhenClickedTwice_AndCanBeUndone()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var service = Service(database);
        var overview = await service.LoadAsync();
        var system = overview.Standardisation.Systems[0].System;
        var step = overview.Standardisation.Steps[0];

        Assert.True((await service.SetStepDoneAsync(system.Id, step.Id, true, TestUser.Editor("担当者"))).Succeeded);
        Assert.True((await service.SetStepDoneAsync(system.Id, step.Id, true, TestUser.Editor("担当者"))).Succeeded);
        await using (var db = database.CreateDbContext())
        {
            var row = await db.StandardStepCompletions.SingleAsync();
            Assert.Equal(new DateOnly(2026, 11, 26), row.CompletedOn);
        }
        Assert.Equal(1.0 / 12, (await service.LoadAsync()).Standardisation.Systems[0].Rate, 5);

        await service.SetStepDoneAsync(system.Id, step.Id, false, TestUser.Editor("担当者"));
        Assert.Equal(0, (await service.LoadAsync()).Standardisation.Rate);
    }

    [Fact]
    public async Task ProcedureInService_WithoutActualDate_IsRefusedAndNothingChanges()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var service = Service(database);
        var procedure = (await service.LoadAsync()).Roadmap.Procedures[0];

        var result = await service.SetProcedureStageAsync(
            new ProcedureStageChange(procedure.Id, ProcedureStage.InService, null, null), TestUser.Editor("担当者"));

        Assert.False(result.Succeeded);
        Assert.Contains("実際の開始日", result.Message);
        Assert.Equal(ProcedureStage.NotStarted, (await service.LoadAsync()).Roadmap.Procedures[0].Stage);
    }

    [Theory]
    [InlineData("2026-11-27", false)] // tomorrow: refused
    [InlineData("2026-11-26", true)]  // today: accepted
    public async Task ProcedureGoLive_CannotBeInTheFuture(string date, bool accepted)
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var service = Service(database);
        var procedure = (await service.LoadAsync()).Roadmap.Procedures[0];
        var result = await service.SetProcedureStageAsync(new ProcedureStageChange(procedure.Id, ProcedureStage.InService,
            null, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)), TestUser.Editor("担当者"));
        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public async Task ProcedureStage_OutsideTheEnum_IsRefused()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var service = Service(database);
        var procedure = (await service.LoadAsync()).Roadmap.Procedures[0];
        var result = await service.SetProcedureStageAsync(new ProcedureStageChange(procedure.Id, (ProcedureStage)99, null, null), TestUser.Editor("担当者"));
        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData("", "本稼働", 10, "業務名を入力")]
    [InlineData("入力", "そのうち", 10, "段階の値が不正")]
    [InlineData("入力", "本稼働", -1, "0～1,000,000")]
    public async Task AutomationCase_BadInput_IsRefusedWithAMessage(string business, string stage, int hours, string message)
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var service = Service(database);
        var department = (await service.LoadAsync()).Roadmap.Departments[0];
        var result = await service.SaveAutomationCaseAsync(
            new AutomationCaseInput(null, department.Id, business, "RPA", stage, hours, null), TestUser.Editor("担当者"));
        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Message);
        Assert.Empty((await service.LoadAsync()).Roadmap.AutomationCases);
    }

    [Fact]
    public async Task AutomationCase_InProduction_CountsForTheCity()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var service = Service(database);
        var department = (await service.LoadAsync()).Roadmap.Departments[0];
        var saved = await service.SaveAutomationCaseAsync(
            new AutomationCaseInput(null, department.Id, "給与支払報告書の入力", "AI-OCR", AutomationStages.Production, 600, 540), TestUser.Editor("担当者"));
        Assert.True(saved.Succeeded);
        var city = (await service.LoadAsync()).Peers.Single(p => p.IsCity);
        Assert.Equal((1, 540m), (city.Tasks, city.HoursSaved));
    }
}

/// <summary>The same tests on a real PostgreSQL server (skipped when none is configured).</summary>
public sealed class ProgramServiceTestsOnPostgres : ProgramServiceTests
{
    protected override TestProvider Provider => TestProvider.Postgres;
}

public class PastAsOfTests
{
    [Fact]
    public async Task PastAsOf_ShowsTheStatusesRecordedByThatDay()
    {
        using var database = await SqliteDatabase.CreateSeededAsync(sampleProgress: true);
        var reader = new RoadmapReader(database);
        var today = await reader.LoadAsync();
        var done = today.Milestones.First(m => m.Status == MilestoneStatus.Done && m.UpdatedAt is not null);
        var dayBefore = DateOnly.FromDateTime(done.UpdatedAt!.Value.Date).AddDays(-1);

        var then = await reader.LoadAsOfAsync(dayBefore);
        var sameDay = await reader.LoadAsOfAsync(DateOnly.FromDateTime(done.UpdatedAt!.Value.Date));

        Assert.NotEqual(MilestoneStatus.Done, then.Milestones.Single(m => m.Id == done.Id).Status);
        Assert.Equal(MilestoneStatus.Done, sameDay.Milestones.Single(m => m.Id == done.Id).Status);
        Assert.Equal(MilestoneStatus.Done, (await reader.LoadAsync()).Milestones.Single(m => m.Id == done.Id).Status);
    }
}

public class InitiativeIndicatorTests
{
    [Fact]
    public async Task Dashboard_ShowsTheMeasuredFiguresOf51To53()
    {
        using var database = await SqliteDatabase.CreateSeededAsync(sampleProgress: true);
        var queries = new ProgressQueries(new RoadmapReader(database), Options.Create(DxRoadmap.Domain.Schedule.DelayThresholds.Default));
        var view = await queries.GetDashboardAsync(new DateOnly(2026, 11, 26), null);

        Assert.Contains("全手順完了 9/20 業務", view.Indicators["5.1"].Text);
        Assert.Contains("サービス開始 20/28 手続", view.Indicators["5.2"].Text);
        Assert.Contains("本稼働 5 業務", view.Indicators["5.3"].Text);
        Assert.False(view.Indicators.ContainsKey("5.4"));
    }

    [Fact]
    public async Task PastAsOf_CountsOnlyStandardisationStepsFinishedByThen_AsTheReportDoes()
    {
        using var database = await SqliteDatabase.CreateSeededAsync(sampleProgress: true);
        var queries = new ProgressQueries(new RoadmapReader(database), Options.Create(DxRoadmap.Domain.Schedule.DelayThresholds.Default));
        var past = await queries.GetDashboardAsync(new DateOnly(2026, 4, 1), null);

        // In the sample, 固定資産税 alone had finished all 12 steps by 令和8年4月1日 (9 systems by now).
        Assert.Contains("全手順完了 1/20 業務", past.Indicators["5.1"].Text);
        var report = DxRoadmap.Domain.Reporting.ReportBuilder.Build(await new RoadmapReader(database).LoadAsync(),
            await new RoadmapReader(database).LoadHistoryAsync(),
            new DxRoadmap.Domain.Reporting.ReportRequest(new DateOnly(2026, 4, 1), DxRoadmap.Domain.Reporting.ReportScope.All, null,
                DxRoadmap.Domain.Schedule.DelayThresholds.Default));
        Assert.Equal(1, report.Standardisation!.SystemsComplete);
    }

    [Fact]
    public async Task WithoutSample_NoCasesMeansNo53Figure()
    {
        using var database = await SqliteDatabase.CreateSeededAsync();
        var roadmap = await new RoadmapReader(database).LoadAsync();
        var indicators = DxRoadmap.Domain.Schedule.InitiativeIndicators.For(roadmap);
        Assert.Contains("0%", indicators["5.2"].Text);
        Assert.False(indicators.ContainsKey("5.3"));
    }
}

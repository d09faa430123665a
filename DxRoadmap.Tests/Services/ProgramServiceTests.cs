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
    public async Task SeededPlan_HasTwentySystemsTheFortyNationalStepsAndTheSampleHistory()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider, sampleProgress: true);
        var overview = await Service(database).LoadAsync();
        Assert.Equal(20, overview.Standardisation.Systems.Count);
        Assert.Equal(40, overview.Standardisation.Steps.Count);
        Assert.Equal(("①-1", "⑱-1"), (overview.Standardisation.Steps[0].Code, overview.Standardisation.Steps[^1].Code));
        // By 2026-11-26 the sample has 15 業務 live (all 40 steps); the 4 tax 業務 are 特定移行支援 and 就学 is late.
        Assert.Equal((15, 15, 4), (overview.Standardisation.SystemsComplete, overview.Standardisation.Migrated, overview.Standardisation.SpecificSupport));
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
    public async Task StepStatus_EachChangeIsKeptAsHistory_ARepeatIsNotAChange()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var service = Service(database);
        var overview = await service.LoadAsync();
        var system = overview.Standardisation.Systems[0].System;
        var step = overview.Standardisation.Steps[0];
        var editor = TestUser.Editor("担当者");

        Assert.True((await service.SetStepStatusAsync(system.Id, step.Id, StepStatus.InProgress, editor, new DateOnly(2026, 10, 1))).Succeeded);
        Assert.Equal(0, (await service.LoadAsync()).Standardisation.Systems[0].Rate); // 作業中 is not done
        Assert.True((await service.SetStepStatusAsync(system.Id, step.Id, StepStatus.Done, editor)).Succeeded);
        var again = await service.SetStepStatusAsync(system.Id, step.Id, StepStatus.Done, editor);
        Assert.True(again is { Succeeded: true, NothingChanged: true });
        Assert.Equal(1.0 / 40, (await service.LoadAsync()).Standardisation.Systems[0].Rate);
        Assert.Equal(1.0 / 40, (await service.LoadAsync(new DateOnly(2026, 11, 1))).Standardisation.Systems[0].WorkingRate);

        await using (var db = database.CreateDbContext())
        {
            var rows = await db.StandardStepChanges.OrderBy(c => c.Id).ToListAsync();
            Assert.Equal([(StepStatus.InProgress, new DateOnly(2026, 10, 1)), (StepStatus.Done, new DateOnly(2026, 11, 26))],
                rows.Select(r => (r.Status, r.ChangedOn)));
            Assert.All(rows, r => Assert.Equal("担当者", r.ChangedBy));
            var audit = await db.AuditEntries.Where(a => a.Entity == "標準化の手順").ToListAsync();
            Assert.Equal(2, audit.Count);
            Assert.All(audit, a => Assert.Equal($"{system.Name} ①-1", a.EntityId));
        }
    }

    [Fact]
    public async Task StepStatus_InTheFuture_IsRefusedAndNothingSaved()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var service = Service(database);
        var overview = await service.LoadAsync();
        var result = await service.SetStepStatusAsync(overview.Standardisation.Systems[0].System.Id, overview.Standardisation.Steps[0].Id,
            StepStatus.Done, TestUser.Editor(), new DateOnly(2026, 11, 27));
        Assert.Equal((false, "変更日に未来の日付は入力できません。"), (result.Succeeded, result.Message));
        var undefined = await service.SetStepStatusAsync(overview.Standardisation.Systems[0].System.Id, overview.Standardisation.Steps[0].Id,
            (StepStatus)9, TestUser.Editor());
        Assert.False(undefined.Succeeded);
        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.StandardStepChanges.CountAsync());
    }

    [Fact]
    public async Task Migration_SpecificSupportNeedsAReason_AndIsAudited()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var service = Service(database);
        var system = (await service.LoadAsync()).Standardisation.Systems.Single(s => s.System.Name == "固定資産税").System;

        var refused = await service.SaveMigrationAsync(new StandardMigrationInput(system.Id, true, null, null, null, null), TestUser.Editor());
        Assert.Equal((false, "特定移行支援システムの理由を選んでください。"), (refused.Succeeded, refused.Message));
        var future = await service.SaveMigrationAsync(new StandardMigrationInput(system.Id, false, null, null, null, new DateOnly(2026, 12, 1)), TestUser.Editor());
        Assert.False(future.Succeeded);

        var saved = await service.SaveMigrationAsync(new StandardMigrationInput(system.Id, true, SpecificSupportReason.Mainframe,
            PlanDate.Parse("2027-03"), " 汎用機からの移行 ", null), TestUser.Editor("担当者"));
        Assert.True(saved.Succeeded);
        var overview = await service.LoadAsync();
        var row = overview.Standardisation.Systems.Single(s => s.System.Id == system.Id).System;
        Assert.Equal((true, SpecificSupportReason.Mainframe, "2027-03", "汎用機からの移行"),
            (row.SpecificSupport, row.SpecificReason, row.PlannedMigration?.ToIso(), row.MigrationNote));
        Assert.Equal(1, overview.Standardisation.SpecificSupport);
        await using var db = database.CreateDbContext();
        var reason = await db.AuditEntries.SingleAsync(a => a.Entity == "基幹業務 (標準化)" && a.Field == "特定移行支援の理由");
        Assert.Equal(("固定資産税", "メインフレーム", "担当者"), (reason.EntityId, reason.NewValue, reason.Actor));
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

        Assert.Contains("標準化 完了率 97% (移行済み 15 / 20、特定移行支援 4)", view.Indicators["5.1"].Text);
        Assert.Contains("サービス開始 20/28 手続", view.Indicators["5.2"].Text);
        Assert.Contains("本稼働 5 業務", view.Indicators["5.3"].Text);
        Assert.False(view.Indicators.ContainsKey("5.4"));
    }

    [Fact]
    public async Task PastAsOf_RebuildsThatDaysGrid_AsTheReportDoes()
    {
        using var database = await SqliteDatabase.CreateSeededAsync(sampleProgress: true);
        var queries = new ProgressQueries(new RoadmapReader(database), Options.Create(DxRoadmap.Domain.Schedule.DelayThresholds.Default));
        var past = await queries.GetDashboardAsync(new DateOnly(2026, 1, 31), null);

        // The sample reaches 姶良市's published 2026-01 figure: 19 業務 at 34/40 and 生活保護 (live) at 40/40.
        Assert.Contains("標準化 完了率 85.75% (移行済み 1 / 20、特定移行支援 4)", past.Indicators["5.1"].Text);
        var report = DxRoadmap.Domain.Reporting.ReportBuilder.Build(await new RoadmapReader(database).LoadAsync(),
            await new RoadmapReader(database).LoadHistoryAsync(),
            new DxRoadmap.Domain.Reporting.ReportRequest(new DateOnly(2026, 1, 31), DxRoadmap.Domain.Reporting.ReportScope.All, null,
                DxRoadmap.Domain.Schedule.DelayThresholds.Default));
        var section = report.Standardisation!;
        Assert.Equal((0.8575, 1, 1), (section.Rate, section.SystemsComplete, section.Migrated));
        Assert.Equal(["生活保護"], section.Systems.Where(s => s.Finished == 40).Select(s => s.Name));
        Assert.All(section.Systems.Where(s => s.Name != "生活保護"), s => Assert.Equal(34, s.Finished));
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

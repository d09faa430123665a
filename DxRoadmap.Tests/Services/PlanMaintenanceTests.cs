using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Services;

namespace DxRoadmap.Tests.Services;

public class PlanMaintenanceTests
{
    /// <summary>The database the tests run on; the subclass below runs them all again on PostgreSQL.</summary>
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    private static readonly TestUser Actor = TestUser.Editor("山田");
    private static readonly TestUser Admin = TestUser.Admin("山田");

    [Fact]
    public async Task DeleteDepartment_OwningMilestones_IsRefusedWithTheReason()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);

        var result = await roadmap.Maintenance().DeleteDepartmentAsync(roadmap.CitizensDepartment.Id, Admin);

        Assert.False(result.Succeeded);
        Assert.Contains("主管する工程 2 件", result.Message);
        Assert.Contains("オンライン化手続 1 件", result.Message);
        Assert.Contains("削除できません", result.Message);
    }

    [Fact]
    public async Task DeleteDepartment_NamedOnlyAsRelated_IsRefused()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        await roadmap.ChangeAsync(roadmap.OnTrack.Id, m => m.RelatedDepartments = [SmallRoadmap.Unused]);

        var result = await roadmap.Maintenance().DeleteDepartmentAsync(roadmap.UnusedDepartment.Id, Admin);

        Assert.False(result.Succeeded);
        Assert.Contains("関係課としての工程 1 件", result.Message);
    }

    [Fact]
    public async Task DeleteDepartment_Unused_IsDeleted()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var result = await roadmap.Maintenance().DeleteDepartmentAsync(roadmap.UnusedDepartment.Id, Admin);
        Assert.True(result.Succeeded, result.Message);
        Assert.Null(await roadmap.Queries().GetDepartmentAsync(SmallRoadmap.Unused, new DateOnly(2022, 4, 1)));
    }

    [Fact]
    public async Task RenameDepartment_FollowsIntoRelatedLists()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var promotion = (await roadmap.Queries().GetDepartmentAsync(SmallRoadmap.Promotion, new DateOnly(2022, 4, 1)))!.Department;

        var result = await roadmap.Maintenance().SaveDepartmentAsync(promotion.Id, "デジタル推進課", "企画部", Admin);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["デジタル推進課"], (await roadmap.ReloadAsync(roadmap.LateStart.Id)).RelatedDepartments);
    }

    [Fact]
    public async Task AddDepartment_DuplicateName_IsRefusedAtTheField()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var result = await roadmap.Maintenance().SaveDepartmentAsync(null, SmallRoadmap.Citizens, null, Admin);
        Assert.False(result.Succeeded);
        Assert.Equal(["「市民課」は既に登録されています。"], result.FieldErrors["Name"]);
    }

    [Fact]
    public async Task DeleteTrack_WithMilestones_IsRefused_EmptyOneIsDeleted()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var maintenance = roadmap.Maintenance();

        var refused = await maintenance.DeleteTrackAsync(roadmap.FirstTrack.Id, Actor);
        var deleted = await maintenance.DeleteTrackAsync(roadmap.EmptyTrack.Id, Actor);

        Assert.False(refused.Succeeded);
        Assert.Contains("工程が 3 件あるため削除できません", refused.Message);
        Assert.True(deleted.Succeeded, deleted.Message);
    }

    [Fact]
    public async Task ChangePlannedDates_WithoutReason_IsRefused()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var model = MilestonePlanModel.From(roadmap.OnTrack);
        model.PlannedEnd = "2023-09";

        var result = await roadmap.Maintenance().UpdateMilestonePlanAsync(roadmap.OnTrack.Id, model, roadmap.OnTrack.Version, Actor);

        Assert.False(result.Succeeded);
        Assert.Equal(["計画日付を変更するときは計画変更理由を入力してください。"], result.FieldErrors[nameof(MilestonePlanModel.ReplanReason)]);
        Assert.Equal(PlanDate.OfMonth(2023, 3), (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).PlannedEnd);
    }

    [Fact]
    public async Task ChangePlannedDates_KeepsBaselineAndRecordsTheReason()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var model = MilestonePlanModel.From(roadmap.OnTrack);
        model.PlannedEnd = "2023-09";
        model.ReplanReason = "国の仕様改定に伴う延期";

        var result = await roadmap.Maintenance().UpdateMilestonePlanAsync(roadmap.OnTrack.Id, model, roadmap.OnTrack.Version, Actor);

        Assert.True(result.Succeeded, result.Message);
        var saved = await roadmap.ReloadAsync(roadmap.OnTrack.Id);
        Assert.Equal(PlanDate.OfMonth(2023, 9), saved.PlannedEnd);
        Assert.Equal(PlanDate.OfMonth(2023, 3), saved.BaselineEnd);
        Assert.True(saved.IsReplanned);
        var entry = Assert.Single(await roadmap.HistoryAsync(roadmap.OnTrack.Id));
        Assert.Equal("国の仕様改定に伴う延期", entry.ReplanReason);
        Assert.Equal([new FieldChange("計画終了", "2023-03", "2023-09")], entry.Changes);
    }

    [Fact]
    public async Task UpdatePlan_WithStaleVersion_IsRefused()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var model = MilestonePlanModel.From(roadmap.OnTrack);
        model.Title = "名前を変えた工程";

        var result = await roadmap.Maintenance().UpdateMilestonePlanAsync(roadmap.OnTrack.Id, model, Guid.NewGuid(), Actor);

        Assert.False(result.Succeeded);
        Assert.Equal(MilestoneEditing.ConflictMessage, result.Message);
    }

    [Fact]
    public async Task AddMilestone_GetsNextCodeAndBaseline()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var model = new MilestonePlanModel
        {
            Title = "新しい工程",
            TrackId = roadmap.FirstTrack.Id,
            OwnerDepartmentId = roadmap.CitizensDepartment.Id,
            Kind = MilestoneKind.Span,
            PlannedStart = "2022-10",
            PlannedEnd = "2023-03",
        };

        var result = await roadmap.Maintenance().AddMilestoneAsync(model, Actor);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("9.1-01", result.Message);
    }

    [Theory]
    [InlineData(MilestoneKind.Span, "2023-03", "2022-10", false, nameof(MilestonePlanModel.PlannedEnd))]
    [InlineData(MilestoneKind.Span, "2022-13", "2023-03", false, nameof(MilestonePlanModel.PlannedStart))]
    [InlineData(MilestoneKind.Span, "2022-10", null, false, nameof(MilestonePlanModel.PlannedEnd))]
    [InlineData(MilestoneKind.Point, null, null, false, nameof(MilestonePlanModel.PlannedEnd))]
    public void ValidatePlan_BadDates_AreRefusedAtTheField(MilestoneKind kind, string? start, string? end, bool openEnded, string field)
    {
        var model = new MilestonePlanModel
        {
            Title = "工程", TrackId = 1, OwnerDepartmentId = 1, Kind = kind, PlannedStart = start, PlannedEnd = end, OpenEnded = openEnded,
        };
        var errors = PlanMaintenance.ValidatePlan(model, null, out _, out _);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public async Task DeleteMilestone_RemovesItAndItsHistory()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var result = await roadmap.Maintenance().DeleteMilestoneAsync(roadmap.Done.Id, Actor);
        Assert.True(result.Succeeded, result.Message);
        Assert.Null(await roadmap.Editing("2022-04-01").LoadAsync(roadmap.Done.Id));
    }
}

/// <summary>The same tests on a real PostgreSQL server (skipped when none is configured).</summary>
public sealed class PlanMaintenanceTestsOnPostgres : PlanMaintenanceTests
{
    protected override TestProvider Provider => TestProvider.Postgres;
}

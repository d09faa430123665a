using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

/// <summary>
/// Every command called directly, as a forged browser event would: a role that may not act gets the Japanese
/// refusal and the database is left exactly as it was.
/// </summary>
public class CommandPermissionTests : IAsyncLifetime
{
    private SmallRoadmap _roadmap = null!;

    public async ValueTask InitializeAsync() => _roadmap = await SmallRoadmap.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _roadmap.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The users in the cases: a 所属長 of 市民課 owns OnTrack, LateStart, the procedure and the case.</summary>
    private TestUser As(string who) => who switch
    {
        "viewer" => TestUser.Viewer(),
        "citizensHead" => TestUser.Head(_roadmap.CitizensDepartment.Id, SmallRoadmap.Citizens),
        "otherHead" => TestUser.Head(_roadmap.UnusedDepartment.Id, SmallRoadmap.Unused),
        "editor" => TestUser.Editor(),
        "admin" => TestUser.Admin(),
        "anonymous" => new TestUser(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity())),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    private ProgramService Programs() =>
        new(_roadmap.Database, new RoadmapReader(_roadmap.Database), new AppClock(FixedTime.On("2022-04-01")),
            Options.Create(new CityOptions()));

    /// <summary>Row counts of everything a command could touch, audit rows included (each change writes some).</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = _roadmap.Database.CreateDbContext();
        var milestones = await db.Milestones.AsNoTracking().OrderBy(m => m.Id)
            .Select(m => m.Id + ":" + m.Version + ":" + m.Progress + ":" + m.Title).ToListAsync();
        return string.Join("|",
            await db.AuditEntries.CountAsync(), await db.ProgressUpdates.CountAsync(), await db.Tracks.CountAsync(),
            await db.Departments.CountAsync(), await db.AutomationCases.CountAsync(), await db.StandardStepChanges.CountAsync(),
            string.Join(",", await db.StandardSystems.Select(s => s.SpecificSupport + ":" + s.GoLiveOn).ToListAsync()),
            string.Join(",", await db.Procedures.Select(p => (int)p.Stage).ToListAsync()),
            string.Join(",", milestones));
    }

    private async Task AssertRefusedAsync(RoadmapAction action, Func<Task<CommandResult>> command)
    {
        var before = await FingerprintAsync();
        var result = await command();
        Assert.False(result.Succeeded);
        Assert.Equal(RoadmapPermissions.DeniedMessage(action), result.Message);
        Assert.Equal(before, await FingerprintAsync());
    }

    private static MilestoneEditModel ProgressEdit(Milestone milestone)
    {
        var model = MilestoneEditModel.From(milestone);
        model.Progress = 50;
        model.DelayReason = "業者選定の遅れ";
        return model;
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("otherHead")]
    [InlineData("anonymous")]
    public async Task MilestoneProgress_OfAnotherDepartment_IsRefused(string who)
    {
        var editing = _roadmap.Editing("2022-04-01");
        var loaded = (await editing.LoadAsync(_roadmap.OnTrack.Id))!;
        await AssertRefusedAsync(RoadmapAction.EditProgress,
            () => editing.SaveAsync(_roadmap.OnTrack.Id, ProgressEdit(loaded.Milestone), loaded.Token, As(who)));
    }

    [Fact]
    public async Task MilestoneProgress_DepartmentHead_EditsOwnButNotPromotionsMilestone()
    {
        var editing = _roadmap.Editing("2022-04-01");
        var head = As("citizensHead");
        var promotions = (await editing.LoadAsync(_roadmap.Overdue.Id))!;
        await AssertRefusedAsync(RoadmapAction.EditProgress,
            () => editing.SaveAsync(_roadmap.Overdue.Id, ProgressEdit(promotions.Milestone), promotions.Token, head));

        var own = (await editing.LoadAsync(_roadmap.OnTrack.Id))!;
        var result = await editing.SaveAsync(_roadmap.OnTrack.Id, ProgressEdit(own.Milestone), own.Token, head);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("所属長", (await _roadmap.ReloadAsync(_roadmap.OnTrack.Id)).UpdatedBy);
    }

    private static MilestonePlanModel PlanOf(Milestone m)
    {
        var plan = MilestonePlanModel.From(m);
        plan.Title = "変更した工程名";
        return plan;
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("citizensHead")]
    public async Task PlanCommands_NeedEditPlan(string who)
    {
        var user = As(who);
        var maintenance = _roadmap.Maintenance();
        var onTrack = await _roadmap.ReloadAsync(_roadmap.OnTrack.Id);
        await AssertRefusedAsync(RoadmapAction.EditPlan, () => maintenance.UpdateMilestonePlanAsync(onTrack.Id, PlanOf(onTrack), onTrack.Version, user));
        await AssertRefusedAsync(RoadmapAction.EditPlan, () => maintenance.AddMilestoneAsync(PlanOf(onTrack), user));
        await AssertRefusedAsync(RoadmapAction.EditPlan, () => maintenance.DeleteMilestoneAsync(onTrack.Id, user));
        await AssertRefusedAsync(RoadmapAction.EditPlan, () => maintenance.SaveTrackAsync(null, _roadmap.FirstTrack.InitiativeId, "新しい項目", false, user));
        await AssertRefusedAsync(RoadmapAction.EditPlan, () => maintenance.SaveTrackAsync(_roadmap.EmptyTrack.Id, _roadmap.EmptyTrack.InitiativeId, "改名", false, user));
        await AssertRefusedAsync(RoadmapAction.EditPlan, () => maintenance.DeleteTrackAsync(_roadmap.EmptyTrack.Id, user));
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("citizensHead")]
    [InlineData("editor")]
    public async Task DepartmentCommands_NeedAnAdministrator(string who)
    {
        var user = As(who);
        var maintenance = _roadmap.Maintenance();
        await AssertRefusedAsync(RoadmapAction.ManageDepartments, () => maintenance.SaveDepartmentAsync(null, "新設課", null, user));
        await AssertRefusedAsync(RoadmapAction.ManageDepartments, () => maintenance.SaveDepartmentAsync(_roadmap.UnusedDepartment.Id, "改名課", null, user));
        await AssertRefusedAsync(RoadmapAction.ManageDepartments, () => maintenance.DeleteDepartmentAsync(_roadmap.UnusedDepartment.Id, user));

        var admin = await maintenance.DeleteDepartmentAsync(_roadmap.UnusedDepartment.Id, As("admin"));
        Assert.True(admin.Succeeded, admin.Message);
    }

    private async Task<(OnlineProcedure Procedure, AutomationCase Case)> ProgramItemsAsync()
    {
        await using var db = _roadmap.Database.CreateDbContext();
        return (await db.Procedures.SingleAsync(), await db.AutomationCases.SingleAsync());
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("otherHead")]
    public async Task ProcedureStage_OfAnotherDepartment_IsRefused(string who)
    {
        var (procedure, _) = await ProgramItemsAsync();
        await AssertRefusedAsync(RoadmapAction.EditProgress, () => Programs().SetProcedureStageAsync(
            new ProcedureStageChange(procedure.Id, ProcedureStage.FormRegistered, null, null), As(who)));
    }

    [Fact]
    public async Task ProcedureStage_OwnDepartmentsHead_MayUpdateIt()
    {
        var (procedure, _) = await ProgramItemsAsync();
        var result = await Programs().SetProcedureStageAsync(
            new ProcedureStageChange(procedure.Id, ProcedureStage.FormRegistered, null, null), As("citizensHead"));
        Assert.True(result.Succeeded, result.Message);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("otherHead")]
    public async Task AutomationCase_OfAnotherDepartment_IsRefused(string who)
    {
        var (_, item) = await ProgramItemsAsync();
        var user = As(who);
        await AssertRefusedAsync(RoadmapAction.EditProgress, () => Programs().SaveAutomationCaseAsync(
            new AutomationCaseInput(item.Id, item.DepartmentId, "住民票の照合", "RPA", AutomationStages.Production, 100, null), user));
        await AssertRefusedAsync(RoadmapAction.EditProgress, () => Programs().SaveAutomationCaseAsync(
            new AutomationCaseInput(null, item.DepartmentId, "新しい業務", "RPA", AutomationStages.Candidate, null, null), user));
        await AssertRefusedAsync(RoadmapAction.EditPlan, () => Programs().DeleteAutomationCaseAsync(item.Id, user));
    }

    [Fact]
    public async Task AutomationCase_OwnDepartmentsHead_UpdatesButCannotMoveOrDeleteIt()
    {
        var (_, item) = await ProgramItemsAsync();
        var head = As("citizensHead");
        await AssertRefusedAsync(RoadmapAction.EditProgress, () => Programs().SaveAutomationCaseAsync(
            new AutomationCaseInput(item.Id, _roadmap.UnusedDepartment.Id, "住民票の照合", "RPA", AutomationStages.Production, 100, null), head));
        await AssertRefusedAsync(RoadmapAction.EditPlan, () => Programs().DeleteAutomationCaseAsync(item.Id, head));

        var result = await Programs().SaveAutomationCaseAsync(
            new AutomationCaseInput(item.Id, item.DepartmentId, "住民票の照合", "RPA", AutomationStages.Production, 100, null), head);
        Assert.True(result.Succeeded, result.Message);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("otherHead")]
    public async Task StandardisationCell_OnlyTheSystemsOwnHeadAndPromotionTickIt(string who)
    {
        int systemId, stepId;
        await using (var db = _roadmap.Database.CreateDbContext())
        {
            var system = new StandardSystem { Name = "住民基本台帳", DepartmentId = _roadmap.CitizensDepartment.Id };
            var step = new StandardStep { No = 1, Code = "①-1", Title = "推進体制案の作成" };
            db.AddRange(system, step);
            await db.SaveChangesAsync();
            (systemId, stepId) = (system.Id, step.Id);
        }
        await AssertRefusedAsync(RoadmapAction.EditProgress, () => Programs().SetStepStatusAsync(systemId, stepId, StepStatus.Done, As(who)));
        await AssertRefusedAsync(RoadmapAction.EditProgress, () => Programs().SaveMigrationAsync(
            new StandardMigrationInput(systemId, true, SpecificSupportReason.VendorCapacity, PlanDate.Parse("2027-03"), null, null), As(who)));
        Assert.True((await Programs().SetStepStatusAsync(systemId, stepId, StepStatus.InProgress, As("citizensHead"))).Succeeded);
        Assert.True((await Programs().SetStepStatusAsync(systemId, stepId, StepStatus.Done, As("editor"))).Succeeded);
        Assert.True((await Programs().SaveMigrationAsync(
            new StandardMigrationInput(systemId, true, SpecificSupportReason.VendorCapacity, PlanDate.Parse("2027-03"), null, null), As("citizensHead"))).Succeeded);
    }
}

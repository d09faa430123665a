using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Services;

public sealed record ProcedureStageChange(int ProcedureId, ProcedureStage Stage, DateOnly? PlannedGoLive, DateOnly? ActualGoLive);

public sealed record AutomationCaseInput(int? Id, int DepartmentId, string Business, string? Tool, string Stage,
    decimal? PlannedHoursSaved, decimal? ActualHoursSaved);

/// <summary>
/// Queries and commands for the measured parts of the plan: 5.2 procedures, 5.3 AI・RPA cases and the 5.1
/// standardisation matrix.
/// </summary>
public sealed class ProgramService(
    IDbContextFactory<RoadmapDbContext> factory,
    RoadmapReader reader,
    AppClock clock,
    IOptions<CityOptions> city)
{
    public const int BusinessMaxLength = 200;

    public async Task<ProgramOverview> LoadAsync(CancellationToken cancellationToken = default)
    {
        var roadmap = await reader.LoadAsync(cancellationToken);
        var options = city.Value;
        return new ProgramOverview(
            roadmap,
            ProgramIndicators.Procedures(roadmap.Procedures),
            ProgramIndicators.Standardisation(roadmap.StandardSystems, roadmap.StandardSteps, roadmap.StandardCompletions),
            ProgramIndicators.PeerComparison(roadmap.Peers, roadmap.AutomationCases, options.Name, options.Population, options.Staff));
    }

    public async Task<CommandResult> SetProcedureStageAsync(ProcedureStageChange change, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        if (Validate(change, clock.Today) is { } error)
        {
            return CommandResult.Fail(error);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var procedure = await db.Procedures.FindAsync([change.ProcedureId], cancellationToken);
        if (procedure is null)
        {
            return CommandResult.Fail("この手続は削除されています。");
        }
        if (!Can(user, RoadmapAction.EditProgress, procedure.DepartmentId))
        {
            return CommandResult.Denied(RoadmapAction.EditProgress);
        }
        ApplyTo(procedure, change);
        await db.SaveAsAsync(user.Name, cancellationToken);
        return CommandResult.Ok("段階を保存しました。");
    }

    /// <summary>The rules of a procedure's stage and dates; null when <paramref name="change"/> may be saved.</summary>
    public static string? Validate(ProcedureStageChange change, DateOnly today)
    {
        if (!Enum.IsDefined(change.Stage))
        {
            return "段階の値が不正です。";
        }
        if (change.Stage == ProcedureStage.InService && change.ActualGoLive is null)
        {
            return "サービス開始にするには実際の開始日を入力してください。";
        }
        if (change.ActualGoLive is { } actual && actual > today)
        {
            return "実際の開始日に未来の日付は入力できません。";
        }
        return null;
    }

    /// <summary>Writes a validated change; an actual go-live date is kept only once the service has started.</summary>
    public static void ApplyTo(OnlineProcedure procedure, ProcedureStageChange change)
    {
        procedure.Stage = change.Stage;
        procedure.PlannedGoLive = change.PlannedGoLive;
        procedure.ActualGoLive = change.Stage == ProcedureStage.InService ? change.ActualGoLive : null;
    }

    public static string? Validate(AutomationCaseInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Business))
        {
            return "業務名を入力してください。";
        }
        if (input.Business.Length > BusinessMaxLength)
        {
            return $"業務名は{BusinessMaxLength}文字以内で入力してください。";
        }
        if (!AutomationStages.All.Contains(input.Stage))
        {
            return "段階の値が不正です。";
        }
        if (input.PlannedHoursSaved is < 0 or > 1_000_000 || input.ActualHoursSaved is < 0 or > 1_000_000)
        {
            return "削減時間は 0～1,000,000 の範囲で入力してください。";
        }
        return null;
    }

    public async Task<CommandResult> SaveAutomationCaseAsync(AutomationCaseInput input, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        if (Validate(input) is { } error)
        {
            return CommandResult.Fail(error);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Departments.AnyAsync(d => d.Id == input.DepartmentId, cancellationToken))
        {
            return CommandResult.Fail("課を選択してください。");
        }
        // A 所属長 may keep their own 課's cases, and may not move one to or from another 課.
        if (!Can(user, RoadmapAction.EditProgress, input.DepartmentId))
        {
            return CommandResult.Denied(RoadmapAction.EditProgress);
        }
        AutomationCase? entity;
        if (input.Id is { } id)
        {
            entity = await db.AutomationCases.FindAsync([id], cancellationToken);
            if (entity is null)
            {
                return CommandResult.Fail("この事例は削除されています。");
            }
            if (!Can(user, RoadmapAction.EditProgress, entity.DepartmentId))
            {
                return CommandResult.Denied(RoadmapAction.EditProgress);
            }
        }
        else
        {
            entity = new AutomationCase { Business = input.Business };
            db.AutomationCases.Add(entity);
        }
        entity.DepartmentId = input.DepartmentId;
        entity.Business = input.Business.Trim();
        entity.Tool = string.IsNullOrWhiteSpace(input.Tool) ? null : input.Tool.Trim();
        entity.Stage = input.Stage;
        entity.PlannedHoursSaved = input.PlannedHoursSaved;
        entity.ActualHoursSaved = input.ActualHoursSaved;
        await db.SaveAsAsync(user.Name, cancellationToken);
        return CommandResult.Ok("保存しました。");
    }

    /// <summary>Removing a case changes the 5.3 figures the committee sees, so it is the plan's keepers' call.</summary>
    public async Task<CommandResult> DeleteAutomationCaseAsync(int id, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.EditPlan))
        {
            return CommandResult.Denied(RoadmapAction.EditPlan);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.AutomationCases.FindAsync([id], cancellationToken);
        if (entity is null)
        {
            return CommandResult.Fail("この事例は既に削除されています。");
        }
        db.AutomationCases.Remove(entity);
        await db.SaveAsAsync(user.Name, cancellationToken);
        return CommandResult.Ok("削除しました。");
    }

    /// <summary>Marks one cell of the 5.1 matrix finished (dated today) or not finished.</summary>
    public async Task<CommandResult> SetStepDoneAsync(int systemId, int stepId, bool done, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var system = await db.StandardSystems.AsNoTracking().SingleOrDefaultAsync(s => s.Id == systemId, cancellationToken);
        if (system is null || !await db.StandardSteps.AnyAsync(s => s.Id == stepId, cancellationToken))
        {
            return CommandResult.Fail("対象のシステムまたは手順がありません。");
        }
        // A 所属長 ticks the steps of their own 課's 基幹業務; 推進課 and 管理者 any system.
        if (!Can(user, RoadmapAction.EditProgress, system.DepartmentId))
        {
            return CommandResult.Denied(RoadmapAction.EditProgress);
        }
        var existing = await db.StandardStepCompletions
            .SingleOrDefaultAsync(c => c.SystemId == systemId && c.StepId == stepId, cancellationToken);
        if (done && existing is null)
        {
            db.StandardStepCompletions.Add(new StandardStepCompletion
            {
                SystemId = systemId,
                StepId = stepId,
                CompletedOn = clock.Today,
                UpdatedBy = user.Name,
            });
        }
        else if (!done && existing is not null)
        {
            db.StandardStepCompletions.Remove(existing);
        }
        else
        {
            return CommandResult.Unchanged("変更はありません。"); // already as asked: a repeated click changes nothing
        }
        try
        {
            await db.SaveAsAsync(user.Name, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two people ticked the same cell at once: the unique index kept one row, which is what both wanted.
            return CommandResult.Unchanged("変更はありません。");
        }
        return CommandResult.Ok(done ? "完了にしました。" : "未完了に戻しました。");
    }

    /// <summary>May the user update an item owned by <paramref name="departmentId"/> (null: an item of no single 課).</summary>
    public static bool Can(ICurrentUser user, RoadmapAction action, int? departmentId) =>
        RoadmapPermissions.Can(user.Principal, action, departmentId);
}

public sealed record ProgramOverview(
    RoadmapSnapshot Roadmap,
    ProcedureRollup Procedures,
    StandardisationRollup Standardisation,
    IReadOnlyList<PeerComparisonRow> Peers);

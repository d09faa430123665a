using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Services;

public sealed record ProcedureStageChange(int ProcedureId, ProcedureStage Stage, DateOnly? PlannedGoLive, DateOnly? ActualGoLive);

/// <summary>A 業務's real move: 特定移行支援 (with one of デジタル庁's four reasons), the planned month, a note, the go-live day.</summary>
public sealed record StandardMigrationInput(int SystemId, bool SpecificSupport, SpecificSupportReason? Reason,
    PlanDate? PlannedMigration, string? Note, DateOnly? GoLiveOn);

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

    public Task<ProgramOverview> LoadAsync(CancellationToken cancellationToken = default) => LoadAsync(null, cancellationToken);

    /// <summary>The measured parts as of the end of <paramref name="asOf"/> (today when null): 5.1 that day's grid.</summary>
    public async Task<ProgramOverview> LoadAsync(DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        var roadmap = asOf is { } day && day != clock.Today
            ? await reader.LoadAsOfAsync(day, cancellationToken)
            : await reader.LoadAsync(cancellationToken);
        var options = city.Value;
        return new ProgramOverview(
            roadmap,
            ProgramIndicators.Procedures(roadmap.Procedures),
            ProgramIndicators.Standardisation(roadmap.StandardSystems, roadmap.StandardSteps, roadmap.StandardChanges),
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

    /// <summary>
    /// Sets one cell of the 5.1 grid: a new row of its history, dated <paramref name="changedOn"/> (today when not
    /// given; never in the future). The 業務所管課's 所属長, 推進課 and 管理者 may (RoadmapPermissions).
    /// </summary>
    public async Task<CommandResult> SetStepStatusAsync(int systemId, int stepId, StepStatus status, ICurrentUser user,
        DateOnly? changedOn = null, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(status))
        {
            return CommandResult.Fail("状況は 完了済み・作業中・未着手・対象外 のいずれかを選んでください。");
        }
        var day = changedOn ?? clock.Today;
        if (day > clock.Today)
        {
            return CommandResult.Fail("変更日に未来の日付は入力できません。");
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var system = await db.StandardSystems.SingleOrDefaultAsync(s => s.Id == systemId, cancellationToken);
        var step = await db.StandardSteps.SingleOrDefaultAsync(s => s.Id == stepId, cancellationToken);
        if (system is null || step is null)
        {
            return CommandResult.Fail("対象の業務または手順がありません。");
        }
        if (!Can(user, RoadmapAction.EditProgress, system.DepartmentId))
        {
            return CommandResult.Denied(RoadmapAction.EditProgress);
        }
        var history = await db.StandardStepChanges.AsNoTracking()
            .Where(c => c.SystemId == systemId && c.StepId == stepId).ToListAsync(cancellationToken);
        var before = ProgramIndicators.Standardisation([system], [step],
            history.Where(c => c.ChangedOn <= day).ToList()).Systems[0].Statuses[0];
        if (before == status && history.All(c => c.ChangedOn <= day))
        {
            return CommandResult.Unchanged("変更はありません。"); // already as asked: a repeated click changes nothing
        }
        db.StandardStepChanges.Add(new StandardStepChange
        {
            System = system,
            Step = step,
            Status = status,
            ChangedOn = day,
            ChangedBy = user.Name,
            RecordedAt = clock.Now,
        });
        await db.SaveAsAsync(user.Name, cancellationToken);
        return CommandResult.Ok($"{system.Name}「{step.Code} {step.Title}」を{status.Label()}にしました。");
    }

    /// <summary>The rules of a 業務's 特定移行支援 and go-live entry; null when it may be saved.</summary>
    public static string? Validate(StandardMigrationInput input, DateOnly today)
    {
        if (input.SpecificSupport && input.Reason is null)
        {
            return "特定移行支援システムの理由を選んでください。";
        }
        if (input.Reason is { } reason && !Enum.IsDefined(reason))
        {
            return "特定移行支援システムの理由の値が不正です。";
        }
        if (input.GoLiveOn is { } live && live > today)
        {
            return "稼働日に未来の日付は入力できません。";
        }
        if (input.Note is { Length: > Data.Configurations.StandardSystemConfiguration.NoteMaxLength })
        {
            return $"備考は{Data.Configurations.StandardSystemConfiguration.NoteMaxLength}文字以内で入力してください。";
        }
        return null;
    }

    /// <summary>Records a 業務's 特定移行支援 designation, planned month, note and go-live day; audited field by field.</summary>
    public async Task<CommandResult> SaveMigrationAsync(StandardMigrationInput input, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        if (Validate(input, clock.Today) is { } error)
        {
            return CommandResult.Fail(error);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var system = await db.StandardSystems.SingleOrDefaultAsync(s => s.Id == input.SystemId, cancellationToken);
        if (system is null)
        {
            return CommandResult.Fail("対象の業務がありません。");
        }
        if (!Can(user, RoadmapAction.EditProgress, system.DepartmentId))
        {
            return CommandResult.Denied(RoadmapAction.EditProgress);
        }
        system.SpecificSupport = input.SpecificSupport;
        system.SpecificReason = input.SpecificSupport ? input.Reason : null;
        system.PlannedMigration = input.PlannedMigration;
        system.MigrationNote = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        system.GoLiveOn = input.GoLiveOn;
        if (!db.ChangeTracker.HasChanges())
        {
            return CommandResult.Unchanged("変更はありません。");
        }
        await db.SaveAsAsync(user.Name, cancellationToken);
        return CommandResult.Ok($"{system.Name}の移行状況を保存しました。");
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

using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

public sealed partial class PlanMaintenance
{
    public async Task<Milestone?> FindMilestoneAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Milestones.AsNoTracking().Include(m => m.OwnerDepartment).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    public async Task<CommandResult> AddMilestoneAsync(MilestonePlanModel model, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.EditPlan))
        {
            return CommandResult.Denied(RoadmapAction.EditPlan);
        }
        var errors = ValidatePlan(model, null, out var start, out var end);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var track = await db.Tracks.Include(t => t.Initiative).SingleOrDefaultAsync(t => t.Id == model.TrackId, cancellationToken);
        var owner = await db.Departments.SingleOrDefaultAsync(d => d.Id == model.OwnerDepartmentId, cancellationToken);
        if (track is null || owner is null)
        {
            return CommandResult.Fail("選んだ取組項目または主管課が見つかりません。画面を再読み込みしてください。");
        }
        var prefix = track.Initiative!.Code + "-";
        var codes = await db.Milestones.Where(m => m.Code.StartsWith(prefix)).Select(m => m.Code).ToListAsync(cancellationToken);
        var next = codes.Select(c => int.TryParse(c[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var order = await db.Milestones.Where(m => m.TrackId == track.Id).Select(m => (int?)m.Order).MaxAsync(cancellationToken) ?? 0;

        var now = clock.Now;
        var milestone = new Milestone
        {
            Code = prefix + next.ToString("00", System.Globalization.CultureInfo.InvariantCulture),
            Title = model.Title.Trim(),
            TrackId = track.Id,
            OwnerDepartment = owner,
            Order = order + 1,
            UpdatedBy = user.Name,
            UpdatedAt = now,
        };
        ApplyPlan(milestone, model, start, end);
        milestone.BaselineStart = milestone.PlannedStart;
        milestone.BaselineEnd = milestone.PlannedEnd;
        db.Milestones.Add(milestone);
        db.ProgressUpdates.Add(new ProgressUpdate
        {
            Milestone = milestone,
            UpdatedBy = user.Name,
            UpdatedAt = now,
            Comment = "工程を追加",
            Changes = MilestoneFields.Diff(new Dictionary<string, string?>(), MilestoneFields.Snapshot(milestone)),
        });
        return await SaveAsync(db, user, $"工程「{milestone.Title}」({milestone.Code}) を追加しました。", milestone);
    }

    /// <summary>Changes the planned fields; the baseline dates stay as first issued and a date change records its reason.</summary>
    public async Task<CommandResult> UpdateMilestonePlanAsync(int id, MilestonePlanModel model, Guid loadedVersion, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.EditPlan))
        {
            return CommandResult.Denied(RoadmapAction.EditPlan);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var milestone = await db.Milestones.Include(m => m.OwnerDepartment).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (milestone is null)
        {
            return CommandResult.Fail("この工程は削除されています。");
        }
        var errors = ValidatePlan(model, milestone, out var start, out var end);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }
        var owner = await db.Departments.SingleOrDefaultAsync(d => d.Id == model.OwnerDepartmentId, cancellationToken);
        var trackTitles = await db.Tracks.ToDictionaryAsync(t => t.Id, t => t.Title, cancellationToken);
        if (owner is null || !trackTitles.ContainsKey(model.TrackId))
        {
            return CommandResult.Fail("選んだ取組項目または主管課が見つかりません。画面を再読み込みしてください。");
        }

        var datesChanged = milestone.PlannedStart != start || milestone.PlannedEnd != end;
        var before = MilestoneFields.Snapshot(milestone);
        var otherBefore = PlanOnlyFields(milestone, trackTitles);
        milestone.Title = model.Title.Trim();
        milestone.TrackId = model.TrackId;
        milestone.OwnerDepartment = owner;
        ApplyPlan(milestone, model, start, end);
        var changes = MilestoneFields.Diff(before, MilestoneFields.Snapshot(milestone));
        changes.AddRange(MilestoneFields.Diff(otherBefore, PlanOnlyFields(milestone, trackTitles)));
        if (changes.Count == 0)
        {
            return CommandResult.Unchanged("変更はありません。", milestone.Version);
        }

        MilestoneHistory.Record(db, milestone, loadedVersion, changes, user.Name, clock.Now,
            datesChanged ? "計画変更" : "計画の修正", datesChanged ? model.ReplanReason!.Trim() : null);
        return await SaveAsync(db, user, "計画を保存しました。", milestone);
    }

    public async Task<int> CountHistoryAsync(int milestoneId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ProgressUpdates.CountAsync(u => u.MilestoneId == milestoneId, cancellationToken);
    }

    /// <summary>Deletes a milestone and its history (the confirmation dialog says so).</summary>
    public async Task<CommandResult> DeleteMilestoneAsync(int id, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.EditPlan))
        {
            return CommandResult.Denied(RoadmapAction.EditPlan);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (milestone is null)
        {
            return CommandResult.Fail("この工程は既に削除されています。");
        }
        db.Milestones.Remove(milestone);
        logger.LogInformation("Milestone {Code} deleted by {Actor}", milestone.Code, user.Name);
        return await SaveAsync(db, user, $"工程「{milestone.Title}」を削除しました。", null);
    }

    private static void ApplyPlan(Milestone m, MilestonePlanModel model, PlanDate? start, PlanDate? end)
    {
        m.Title = model.Title.Trim();
        m.Kind = model.Kind;
        m.PlannedStart = start;
        m.PlannedEnd = end;
        m.OpenEnded = model.Kind == MilestoneKind.Span && model.OpenEnded;
        m.Deadline = model.Kind == MilestoneKind.Point && model.Deadline;
        m.ExternalActor = string.IsNullOrWhiteSpace(model.ExternalActor) ? null : model.ExternalActor.Trim();
        m.RecurringYearly = model.RecurringYearly;
        m.RelatedDepartments = model.RelatedDepartments.Where(r => !string.IsNullOrWhiteSpace(r) && r != m.OwnerDepartment?.Name)
            .Distinct().ToList();
    }

    /// <summary>Planned fields that <see cref="MilestoneFields"/> leaves out because progress editing never touches them.</summary>
    private static Dictionary<string, string?> PlanOnlyFields(Milestone m, IReadOnlyDictionary<int, string> trackTitles) => new()
    {
        ["取組項目"] = trackTitles.GetValueOrDefault(m.TrackId),
        ["関係課"] = string.Join("、", m.RelatedDepartments),
        ["種別"] = m.Kind == MilestoneKind.Point ? "時点" : "期間",
        ["終期なし"] = m.OpenEnded ? "はい" : "いいえ",
        ["期限"] = m.Deadline ? "はい" : "いいえ",
        ["実施主体"] = m.ExternalActor,
        ["毎年度"] = m.RecurringYearly ? "はい" : "いいえ",
    };
}

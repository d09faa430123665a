using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>One 関係課 of a milestone and its entry (null until the 課 reports).</summary>
public sealed record DepartmentEntryRow(Department Department, MilestoneDepartmentEntry? Entry);

/// <summary>The 関係課 entries under one milestone, and their roll-up for 推進課.</summary>
public sealed record DepartmentEntriesView(int MilestoneId, IReadOnlyList<DepartmentEntryRow> Rows)
{
    public int Reported => Rows.Count(r => r.Entry is not null);

    /// <summary>Mean 進捗 of the 課 that reported; null when none has.</summary>
    public double? MeanProgress => Reported == 0 ? null : Rows.Where(r => r.Entry is not null).Average(r => r.Entry!.Progress);

    public int Done => Rows.Count(r => r.Entry?.Status == MilestoneStatus.Done);
}

/// <summary>
/// Each 関係課's own entry under a milestone (状況, 進捗, コメント). The entry belongs to that 課: its 所属長 keeps it
/// (RoadmapPermissions, EditProgress on the entry's 課), as do 推進課 and 管理者. Answers to a round's 関係課 items
/// land here too.
/// </summary>
public sealed class DepartmentEntries(IDbContextFactory<RoadmapDbContext> factory, AppClock clock)
{
    public async Task<DepartmentEntriesView> LoadAsync(int milestoneId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var milestone = await db.Milestones.AsNoTracking().SingleOrDefaultAsync(m => m.Id == milestoneId, cancellationToken);
        if (milestone is null)
        {
            return new DepartmentEntriesView(milestoneId, []);
        }
        var names = milestone.RelatedDepartments.Distinct().ToList();
        var departments = await db.Departments.AsNoTracking()
            .Where(d => names.Contains(d.Name) && d.Id != milestone.OwnerDepartmentId).ToListAsync(cancellationToken);
        var entries = await db.DepartmentEntries.AsNoTracking().Where(e => e.MilestoneId == milestoneId)
            .ToDictionaryAsync(e => e.DepartmentId, cancellationToken);
        return new DepartmentEntriesView(milestoneId, departments
            .OrderBy(d => names.IndexOf(d.Name))
            .Select(d => new DepartmentEntryRow(d, entries.GetValueOrDefault(d.Id)))
            .ToList());
    }

    public async Task<CommandResult> SaveAsync(int milestoneId, int departmentId, MilestoneStatus status, int progress, string? comment,
        ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!RoadmapPermissions.Can(user.Principal, RoadmapAction.EditProgress, departmentId))
        {
            return CommandResult.Fail("この課の状況を更新する権限がありません (所属長は自課の状況のみ更新できます)。");
        }
        if (!Enum.IsDefined(status))
        {
            return CommandResult.Fail("状況の値が不正です。");
        }
        if (progress is < 0 or > 100)
        {
            return CommandResult.Fail("進捗は 0～100 で入力してください。");
        }
        if (comment?.Length > InquiryItem.CommentMaxLength)
        {
            return CommandResult.Fail($"コメントは{InquiryItem.CommentMaxLength}文字以内で入力してください。");
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var milestone = await db.Milestones.AsNoTracking().SingleOrDefaultAsync(m => m.Id == milestoneId, cancellationToken);
        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
        if (milestone is null || department is null)
        {
            return CommandResult.Fail("工程または課が見つかりません。");
        }
        if (!milestone.RelatedDepartments.Contains(department.Name) || milestone.OwnerDepartmentId == departmentId)
        {
            return CommandResult.Fail($"{department.Name}はこの工程の関係課ではありません。");
        }
        await UpsertAsync(db, milestoneId, departmentId, status.Label(), progress,
            string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), user.Name, clock.Now, cancellationToken);
        try
        {
            using (AuditActor.Begin(user.Name))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateException)
        {
            return CommandResult.Fail(InquiryRounds.ConflictMessage);
        }
        return CommandResult.Ok("関係課の状況を保存しました。");
    }

    /// <summary>Adds or changes the entry on <paramref name="db"/>, for the caller to save with its other changes.</summary>
    internal static async Task UpsertAsync(RoadmapDbContext db, int milestoneId, int departmentId, string statusLabel, int progress,
        string? comment, string userName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!StatusNames.TryParse(statusLabel, out var status))
        {
            throw new ArgumentException($"未知の状況「{statusLabel}」です。", nameof(statusLabel));
        }
        var entry = await db.DepartmentEntries.SingleOrDefaultAsync(e => e.MilestoneId == milestoneId && e.DepartmentId == departmentId,
            cancellationToken);
        if (entry is null)
        {
            entry = new MilestoneDepartmentEntry { MilestoneId = milestoneId, DepartmentId = departmentId };
            db.DepartmentEntries.Add(entry);
        }
        else
        {
            entry.Version = Guid.NewGuid();
        }
        entry.Status = status;
        entry.Progress = progress;
        entry.Comment = comment;
        entry.UpdatedBy = userName;
        entry.UpdatedAt = now;
    }
}

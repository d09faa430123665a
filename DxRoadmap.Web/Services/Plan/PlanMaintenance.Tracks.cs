using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

public sealed partial class PlanMaintenance
{
    public async Task<CommandResult> SaveTrackAsync(int? id, int initiativeId, string title, bool recurringYearly, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.EditPlan))
        {
            return CommandResult.Denied(RoadmapAction.EditPlan);
        }
        title = title?.Trim() ?? "";
        if (title.Length == 0 || title.Length > 200)
        {
            return CommandResult.Invalid(new Dictionary<string, IReadOnlyList<string>>
            {
                ["Title"] = [title.Length == 0 ? "取組項目名を入力してください。" : "取組項目名は200文字以内で入力してください。"],
            });
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var initiative = await db.Initiatives.SingleOrDefaultAsync(i => i.Id == initiativeId, cancellationToken);
        if (initiative is null)
        {
            return CommandResult.Fail("重点取組が見つかりません。");
        }
        Track? track;
        if (id is { } trackId)
        {
            track = await db.Tracks.SingleOrDefaultAsync(t => t.Id == trackId, cancellationToken);
            if (track is null)
            {
                return CommandResult.Fail("この取組項目は削除されています。");
            }
        }
        else
        {
            var prefix = initiative.Code + "-t";
            var codes = await db.Tracks.Where(t => t.Code.StartsWith(prefix)).Select(t => t.Code).ToListAsync(cancellationToken);
            var next = codes.Select(c => int.TryParse(c[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
            var order = await db.Tracks.Where(t => t.InitiativeId == initiativeId).Select(t => (int?)t.Order).MaxAsync(cancellationToken) ?? 0;
            track = new Track { Code = prefix + next, Title = title, Order = order + 1 };
            db.Tracks.Add(track);
        }
        track.InitiativeId = initiativeId;
        track.Title = title;
        track.RecurringYearly = recurringYearly;
        track.Version = Guid.NewGuid();
        logger.LogInformation("Track {Title} saved by {Actor}", title, user.Name);
        return await SaveAsync(db, user, $"取組項目「{title}」を保存しました。", null);
    }

    /// <summary>Refused while the track still holds milestones.</summary>
    public async Task<CommandResult> DeleteTrackAsync(int id, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.EditPlan))
        {
            return CommandResult.Denied(RoadmapAction.EditPlan);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var track = await db.Tracks.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (track is null)
        {
            return CommandResult.Fail("この取組項目は既に削除されています。");
        }
        var count = await db.Milestones.CountAsync(m => m.TrackId == id, cancellationToken);
        if (count > 0)
        {
            return CommandResult.Fail($"取組項目「{track.Title}」には工程が {count} 件あるため削除できません。先に工程を移すか削除してください。");
        }
        db.Tracks.Remove(track);
        logger.LogInformation("Track {Title} deleted by {Actor}", track.Title, user.Name);
        return await SaveAsync(db, user, $"取組項目「{track.Title}」を削除しました。", null);
    }
}

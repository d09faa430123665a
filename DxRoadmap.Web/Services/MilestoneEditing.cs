using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Services;

/// <summary>A milestone as loaded into the editor, with where it sits in the plan and its history (newest first).</summary>
public sealed record MilestoneEditView(
    Milestone Milestone,
    Initiative Initiative,
    Track Track,
    DelayAssessment Assessment,
    IReadOnlyList<ProgressUpdate> History)
{
    /// <summary>What the editor loaded: the version to save against and the last history entry it has seen.</summary>
    public EditToken Token => new(Milestone.Version, History.Count == 0 ? 0 : History.Max(h => h.Id));
}

/// <summary>
/// The state an edit started from. <see cref="Version"/> is the concurrency token; <see cref="SeenUpdateId"/> lets a
/// refused save list exactly the history entries written since.
/// </summary>
public sealed record EditToken(Guid Version, int SeenUpdateId);

/// <summary>
/// Why a save was refused as a conflict: the milestone was deleted, or others saved first (their history entries,
/// oldest first, and the milestone as it is now with its token, for reload or overwrite).
/// </summary>
public sealed record EditConflict(bool Deleted, Milestone? Latest, EditToken? LatestToken, IReadOnlyList<ProgressUpdate> TheirUpdates);

public sealed class MilestoneEditing(IDbContextFactory<RoadmapDbContext> factory, AppClock clock,
    IOptions<DelayThresholds> thresholds, ILogger<MilestoneEditing> logger)
{
    public const string ConflictMessage =
        "他の利用者が先に更新しました。変更内容を確認し、最新を読み込むか上書き保存してください。";

    public const string DeletedMessage = "この工程は他の利用者によって削除されています。保存できません。";

    public async Task<MilestoneEditView?> LoadAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var milestone = await db.Milestones.AsNoTracking()
            .Include(m => m.OwnerDepartment)
            .Include(m => m.Track!).ThenInclude(t => t.Initiative)
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (milestone is null)
        {
            return null;
        }
        // Sorted in memory: SQLite cannot order by DateTimeOffset, and one item's history is short.
        var history = (await db.ProgressUpdates.AsNoTracking()
                .Where(u => u.MilestoneId == id)
                .ToListAsync(cancellationToken))
            .OrderByDescending(u => u.UpdatedAt).ThenByDescending(u => u.Id)
            .ToList();
        return new MilestoneEditView(milestone, milestone.Track!.Initiative!, milestone.Track,
            DelayRules.Assess(milestone, clock.Today, thresholds.Value), history);
    }

    /// <summary>
    /// Saves the edit as loaded at <paramref name="loaded"/>. Checks the user's permission and the editor's rules
    /// again, writes nothing when no field changed (so a repeated click stores one change), and refuses to
    /// overwrite a newer save or to recreate a deleted milestone.
    /// </summary>
    public async Task<CommandResult> SaveAsync(int id, MilestoneEditModel model, EditToken loaded, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var milestone = await db.Milestones.Include(m => m.OwnerDepartment)
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (milestone is null)
        {
            return CommandResult.Conflicted(DeletedMessage, new EditConflict(true, null, null, []));
        }
        // Before validation: a user who may not edit learns that, not which fields are wrong.
        if (!user.Can(RoadmapAction.EditProgress, milestone))
        {
            logger.LogWarning("{User} was refused editing milestone {Id}", user.Name, id);
            return CommandResult.Denied(RoadmapAction.EditProgress);
        }

        var errors = MilestoneEditValidator.Validate(milestone, model, clock.Today, thresholds.Value);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        var before = MilestoneFields.Snapshot(milestone);
        model.ApplyTo(milestone);
        var changes = MilestoneFields.Diff(before, MilestoneFields.Snapshot(milestone));
        if (changes.Count == 0)
        {
            return CommandResult.Unchanged("変更はありません。", milestone.Version);
        }
        var action = RoadmapPermissions.ActionFor(changes);
        if (!user.Can(action, milestone))
        {
            return CommandResult.Denied(action);
        }

        // The token the user loaded, not the one just read: a save made in between is then detected.
        MilestoneHistory.Record(db, milestone, loaded.Version, changes, user.Name, clock.Now, model.Comment);
        try
        {
            using (AuditActor.Begin(user.Name))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(id, loaded, cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException || DatabaseFaults.IsFault(ex))
        {
            // A connection can die after the database committed and before it said so. Ask again on a new
            // connection whether the row carries this save's version: then it was saved, whole (the change and
            // its audit rows are one transaction). If the database cannot be asked, the save is reported as not
            // done; should it have landed after all, the next save meets it as a conflict naming this user.
            if (DatabaseFaults.IsFault(ex) && await LandedAsync(id, milestone.Version, cancellationToken))
            {
                logger.LogWarning(ex, "Saving milestone {Id} lost its connection after the commit", id);
                return CommandResult.Ok($"保存しました ({changes.Count} 項目を変更)。", milestone.Version);
            }
            logger.LogError(ex, "Saving milestone {Id} failed", id);
            return CommandResult.Fail(DatabaseFaults.SaveFailed(ex));
        }
        return CommandResult.Ok($"保存しました ({changes.Count} 項目を変更)。", milestone.Version);
    }

    /// <summary>Whether the milestone now has <paramref name="version"/>; false when the database cannot tell.</summary>
    private async Task<bool> LandedAsync(int id, Guid version, CancellationToken cancellationToken)
    {
        // A pool can still hold other connections the same fault broke; each is dropped on its first use.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                return await db.Milestones.AnyAsync(m => m.Id == id && m.Version == version, cancellationToken);
            }
            catch (Exception ex) when (DatabaseFaults.IsFault(ex))
            {
                logger.LogWarning(ex, "Could not ask whether the save of milestone {Id} landed", id);
            }
        }
        return false;
    }

    /// <summary>What happened since <paramref name="loaded"/>, read on a fresh context after a refused save.</summary>
    private async Task<CommandResult> ConflictAsync(int id, EditToken loaded, CancellationToken cancellationToken)
    {
        var latest = await LoadAsync(id, cancellationToken);
        if (latest is null)
        {
            return CommandResult.Conflicted(DeletedMessage, new EditConflict(true, null, null, []));
        }
        var theirs = latest.History.Where(u => u.Id > loaded.SeenUpdateId).OrderBy(u => u.Id).ToList();
        return CommandResult.Conflicted(ConflictMessage, new EditConflict(false, latest.Milestone, latest.Token, theirs));
    }
}

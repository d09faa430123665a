using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Services;

/// <summary>A milestone as loaded into the editor, with where it sits in the plan and its history (newest first).</summary>
public sealed record MilestoneEditView(
    Milestone Milestone,
    Initiative Initiative,
    Track Track,
    DelayAssessment Assessment,
    IReadOnlyList<ProgressUpdate> History);

/// <summary>The outcome of a command: saved, nothing to save, refused with field messages, or failed with a message.</summary>
public sealed record CommandResult(
    bool Succeeded,
    string? Message,
    IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors,
    Guid? NewVersion = null,
    bool NothingChanged = false)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors =
        new Dictionary<string, IReadOnlyList<string>>();

    public static CommandResult Ok(string message, Guid? version = null) => new(true, message, NoErrors, version);

    public static CommandResult Unchanged(string message, Guid? version = null) => new(true, message, NoErrors, version, true);

    public static CommandResult Fail(string message) => new(false, message, NoErrors);

    public static CommandResult Invalid(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) =>
        new(false, "入力内容を確認してください。", errors);
}

/// <summary>Loads a milestone for editing and saves the edit together with its history entry.</summary>
public sealed class MilestoneEditing(IDbContextFactory<RoadmapDbContext> factory, AppClock clock,
    IOptions<DelayThresholds> thresholds, ILogger<MilestoneEditing> logger)
{
    public const string ConflictMessage =
        "他の利用者が先に更新しました。画面を再読み込みして最新の内容を確認してから、もう一度保存してください。";

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
    /// Saves the edit as loaded at <paramref name="loadedVersion"/>. Runs the editor's rules again, writes nothing
    /// when no field changed (so a repeated click stores one change), and refuses to overwrite a newer save.
    /// </summary>
    public async Task<CommandResult> SaveAsync(int id, MilestoneEditModel model, Guid loadedVersion, string actor,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var milestone = await db.Milestones.Include(m => m.OwnerDepartment)
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (milestone is null)
        {
            return CommandResult.Fail("この工程は削除されています。");
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

        // The token the user loaded, not the one just read: a save made in between is then detected.
        db.Entry(milestone).Property(m => m.Version).OriginalValue = loadedVersion;
        var now = clock.Now;
        milestone.Version = Guid.NewGuid();
        milestone.UpdatedBy = actor;
        milestone.UpdatedAt = now;
        db.ProgressUpdates.Add(new ProgressUpdate
        {
            MilestoneId = milestone.Id,
            UpdatedBy = actor,
            UpdatedAt = now,
            Comment = string.IsNullOrWhiteSpace(model.Comment) ? null : model.Comment.Trim(),
            Changes = changes,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Fail(ConflictMessage);
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Saving milestone {Id} failed", id);
            return CommandResult.Fail("保存できませんでした。入力内容を確認して、もう一度お試しください。");
        }
        return CommandResult.Ok($"保存しました ({changes.Count} 項目を変更)。", milestone.Version);
    }
}

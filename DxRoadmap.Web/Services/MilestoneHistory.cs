using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;

namespace DxRoadmap.Web.Services;

/// <summary>
/// What every saved change to a milestone does besides the change itself: a new concurrency token, who and
/// when, and one history entry with the field changes. The editor, plan maintenance and the 照会回答 import
/// all record changes through here, so the history reads the same whichever way a change came in.
/// </summary>
public static class MilestoneHistory
{
    /// <param name="loadedVersion">
    /// The token the change was based on (what the user loaded, or the version written in an imported file).
    /// It becomes the original value, so a save made in between fails with a concurrency error.
    /// </param>
    public static ProgressUpdate Record(RoadmapDbContext db, Milestone milestone, Guid loadedVersion, IReadOnlyList<FieldChange> changes,
        string actor, DateTimeOffset now, string? comment, string? replanReason = null)
    {
        db.Entry(milestone).Property(m => m.Version).OriginalValue = loadedVersion;
        milestone.Version = Guid.NewGuid();
        milestone.UpdatedBy = actor;
        milestone.UpdatedAt = now;
        var update = new ProgressUpdate
        {
            MilestoneId = milestone.Id,
            UpdatedBy = actor,
            UpdatedAt = now,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            ReplanReason = replanReason,
            Changes = [.. changes],
        };
        db.ProgressUpdates.Add(update);
        return update;
    }
}

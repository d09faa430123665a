using System.Globalization;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Domain.Reporting;

/// <summary>
/// Rebuilds the roadmap as it stood at a past moment from the change history, so a report for a past
/// meeting shows what the committee saw then, and 増減 compares two such states.
/// </summary>
public static class RoadmapHistory
{
    /// <summary>
    /// The roadmap with every change recorded after <paramref name="cutoff"/> undone, newest first.
    /// Milestones are copied; the snapshot passed in is never changed. A field whose history cannot be read
    /// back (an old value that no longer parses) keeps its current value rather than failing the report.
    /// </summary>
    public static RoadmapSnapshot AsOf(RoadmapSnapshot roadmap, IReadOnlyList<ProgressUpdate> history, DateTimeOffset cutoff)
    {
        // 5.1 step changes carry their own day: a change made after the cutoff had not happened then, and a 業務 that
        // went live later was not live yet.
        var cutoffDay = JapaneseDates.DayInJapan(cutoff);
        if (roadmap.StandardChanges.Any(c => c.ChangedOn > cutoffDay))
        {
            roadmap = roadmap with { StandardChanges = roadmap.StandardChanges.Where(c => c.ChangedOn <= cutoffDay).ToList() };
        }
        if (roadmap.StandardSystems.Any(s => s.GoLiveOn > cutoffDay))
        {
            roadmap = roadmap with
            {
                StandardSystems = roadmap.StandardSystems.Select(s => s.GoLiveOn > cutoffDay ? NotLiveYet(s) : s).ToList(),
            };
        }
        var later = history.Where(u => u.UpdatedAt > cutoff)
            .GroupBy(u => u.MilestoneId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.UpdatedAt).ThenByDescending(u => u.Id).ToList());
        if (later.Count == 0)
        {
            return roadmap;
        }
        var lastBefore = history.Where(u => u.UpdatedAt <= cutoff)
            .GroupBy(u => u.MilestoneId)
            .ToDictionary(g => g.Key, g => g.MaxBy(u => u.UpdatedAt)!);
        var departments = roadmap.Departments.ToDictionary(d => d.Name, StringComparer.Ordinal);

        var milestones = roadmap.Milestones.Select(m =>
        {
            if (!later.TryGetValue(m.Id, out var undo))
            {
                return m;
            }
            var copy = Copy(m);
            foreach (var change in undo.SelectMany(u => u.Changes))
            {
                Revert(copy, change, departments);
            }
            // The stale rule reads the last update; before any recorded change there was none.
            var previous = lastBefore.GetValueOrDefault(m.Id);
            copy.UpdatedAt = previous?.UpdatedAt;
            copy.UpdatedBy = previous?.UpdatedBy;
            return copy;
        }).ToList();
        return roadmap with { Milestones = milestones };
    }

    /// <summary>
    /// The last moment of a day in Japan (one tick before midnight): what "as of that date" means for changes
    /// saved during it, including one saved at 23:59:59.5.
    /// </summary>
    public static DateTimeOffset EndOfDay(DateOnly day) =>
        new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), JapaneseDates.JapanOffset).AddTicks(-1);

    private static void Revert(Milestone m, FieldChange change, IReadOnlyDictionary<string, Department> departments)
    {
        var old = change.OldValue;
        switch (change.Field)
        {
            case MilestoneFields.Status when StatusNames.TryParse(old ?? MilestoneStatus.NotStarted.Label(), out var status):
                m.Status = status;
                break;
            case MilestoneFields.Progress when int.TryParse((old ?? "0").TrimEnd('%'), NumberStyles.Integer,
                CultureInfo.InvariantCulture, out var progress):
                m.Progress = progress;
                break;
            case MilestoneFields.ActualStart when TryDay(old, out var start):
                m.ActualStart = start;
                break;
            case MilestoneFields.ActualEnd when TryDay(old, out var end):
                m.ActualEnd = end;
                break;
            case MilestoneFields.DelayReason:
                m.DelayReason = old;
                break;
            case MilestoneFields.Countermeasure:
                m.Countermeasure = old;
                break;
            case MilestoneFields.Note:
                m.Note = old;
                break;
            case MilestoneFields.Title when old is not null:
                m.Title = old;
                break;
            case MilestoneFields.PlannedStart when old is null || PlanDate.TryParse(old, out _):
                m.PlannedStart = old is null ? null : PlanDate.Parse(old);
                break;
            case MilestoneFields.PlannedEnd when old is null || PlanDate.TryParse(old, out _):
                m.PlannedEnd = old is null ? null : PlanDate.Parse(old);
                break;
            case MilestoneFields.Owner when old is not null && departments.TryGetValue(old, out var owner):
                m.OwnerDepartment = owner;
                m.OwnerDepartmentId = owner.Id;
                break;
        }
    }

    // Day values are recorded as JapaneseDates.WesternDay writes them (2022/03/31); empty means none.
    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy/MM/dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }
        return false;
    }

    private static StandardSystem NotLiveYet(StandardSystem s) => new()
    {
        Id = s.Id,
        Name = s.Name,
        DepartmentId = s.DepartmentId,
        Department = s.Department,
        Order = s.Order,
        SpecificSupport = s.SpecificSupport,
        SpecificReason = s.SpecificReason,
        PlannedMigration = s.PlannedMigration,
        MigrationNote = s.MigrationNote,
        GoLiveOn = null,
    };

    internal static Milestone Copy(Milestone m) => new()
    {
        Id = m.Id,
        Code = m.Code,
        TrackId = m.TrackId,
        Track = m.Track,
        Title = m.Title,
        Kind = m.Kind,
        PlannedStart = m.PlannedStart,
        PlannedEnd = m.PlannedEnd,
        BaselineStart = m.BaselineStart,
        BaselineEnd = m.BaselineEnd,
        OpenEnded = m.OpenEnded,
        Deadline = m.Deadline,
        ExternalActor = m.ExternalActor,
        RecurringYearly = m.RecurringYearly,
        OwnerDepartmentId = m.OwnerDepartmentId,
        OwnerDepartment = m.OwnerDepartment,
        RelatedDepartments = [.. m.RelatedDepartments],
        Source = m.Source,
        Status = m.Status,
        Progress = m.Progress,
        ActualStart = m.ActualStart,
        ActualEnd = m.ActualEnd,
        DelayReason = m.DelayReason,
        Countermeasure = m.Countermeasure,
        Note = m.Note,
        UpdatedBy = m.UpdatedBy,
        UpdatedAt = m.UpdatedAt,
        Order = m.Order,
        Version = m.Version,
    };
}

using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Web.Services;

/// <summary>A milestone of the 課 with the day it is due, and whether the 課 owns it or is one of its 関係課.</summary>
public sealed record DepartmentTaskItem(AssessedMilestone Item, DateOnly? Due, bool IsOwner)
{
    public Milestone Milestone => Item.Milestone;
}

/// <summary>「あなたの課の対応事項」: rounds to answer, own items due soon, own late items.</summary>
public sealed record DepartmentTasksView(
    int DepartmentId,
    string Department,
    IReadOnlyList<PendingRound> Rounds,
    IReadOnlyList<DepartmentTaskItem> DueSoon,
    IReadOnlyList<DepartmentTaskItem> Late)
{
    public const int DueSoonDays = 30;

    /// <summary>What the app bar counts.</summary>
    public int Count => Rounds.Count + DueSoon.Count + Late.Count;
}

/// <summary>What one 課 has to do now; the dashboard's first section for a 所属長, the app bar's count and the weekly digest.</summary>
public sealed class DepartmentTasks(ProgressQueries queries, InquiryRounds rounds)
{
    public async Task<DepartmentTasksView> ForAsync(int departmentId, string department, DateOnly today,
        CancellationToken cancellationToken = default)
    {
        var pending = await rounds.PendingForAsync(departmentId, cancellationToken);
        var assessed = await queries.GetAssessedAsync(today, cancellationToken);
        var dueSoon = new List<DepartmentTaskItem>();
        var late = new List<DepartmentTaskItem>();
        foreach (var item in assessed)
        {
            var milestone = item.Milestone;
            if (milestone.IsExternal || milestone.IsClosed || !ProgressQueries.Concerns(milestone, department))
            {
                continue;
            }
            var due = DelayRules.CurrentOccurrence(milestone, today).End?.LastDay;
            var task = new DepartmentTaskItem(item, due, milestone.OwnerName == department);
            if (item.Assessment.IsLate)
            {
                late.Add(task);
            }
            else if (due is { } end && end >= today && end.DayNumber - today.DayNumber <= DepartmentTasksView.DueSoonDays)
            {
                dueSoon.Add(task);
            }
        }
        return new DepartmentTasksView(departmentId, department, pending,
            [.. dueSoon.OrderBy(t => t.Due).ThenByDescending(t => t.IsOwner)],
            [.. late.OrderByDescending(t => t.IsOwner).ThenBy(t => t.Due)]);
    }
}

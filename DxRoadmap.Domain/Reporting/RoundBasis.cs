using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Domain.Reporting;

/// <summary>One item's value as a closed 照会 round fixed it (状況 in the item's own vocabulary, 進捗).</summary>
public sealed record RoundValue(InquiryItemKind Kind, int TargetId, string? Status, int? Progress);

/// <summary>
/// A closed 照会 round as the basis of a 部会 report: its name, 基準日, when it closed and the values it fixed.
/// The answers describe the 基準日 but arrive until the closing, so the round's roadmap is the one recorded when
/// it closed, with every asked milestone, procedure and AI・RPA case at the round's snapshot value, judged on the 基準日.
/// </summary>
public sealed record RoundBasis(string Name, DateOnly BaseDate, DateTimeOffset ClosedAt, IReadOnlyList<RoundValue> Values)
{
    /// <summary>「令和8年度第2回 進捗照会 に基づく」: what the cover and the summary say the report rests on.</summary>
    public string Label => $"{Name} に基づく";

    /// <summary>The roadmap as this round fixed it; <paramref name="current"/> is never changed.</summary>
    public RoadmapSnapshot Roadmap(RoadmapSnapshot current, IReadOnlyList<ProgressUpdate> history)
    {
        var roadmap = RoadmapHistory.AsOf(current, history, ClosedAt);
        var values = Values.Where(v => v.Status is not null)
            .GroupBy(v => (v.Kind, v.TargetId)).ToDictionary(g => g.Key, g => g.First());
        RoundValue? ValueOf(InquiryItemKind kind, int id) => values.GetValueOrDefault((kind, id));

        return roadmap with
        {
            Milestones = roadmap.Milestones.Select(m =>
            {
                if (ValueOf(InquiryItemKind.Milestone, m.Id) is not { } v || !StatusNames.TryParse(v.Status, out var status)
                    || (status == m.Status && (v.Progress ?? m.Progress) == m.Progress))
                {
                    return m;
                }
                var copy = RoadmapHistory.Copy(m);
                copy.Status = status;
                copy.Progress = v.Progress ?? m.Progress;
                return copy;
            }).ToList(),
            Procedures = roadmap.Procedures.Select(p =>
                ValueOf(InquiryItemKind.Procedure, p.Id) is { } v && ProcedureStages.All.Where(s => s.Label() == v.Status).ToList() is [var stage]
                    && stage != p.Stage
                    ? new OnlineProcedure
                    {
                        Id = p.Id, Title = p.Title, DepartmentId = p.DepartmentId, Department = p.Department, Category = p.Category,
                        Stage = stage, PlannedGoLive = p.PlannedGoLive, ActualGoLive = p.ActualGoLive, Order = p.Order,
                    }
                    : p).ToList(),
            AutomationCases = roadmap.AutomationCases.Select(c =>
                ValueOf(InquiryItemKind.AutomationCase, c.Id) is { } v && v.Status != c.Stage
                    ? new AutomationCase
                    {
                        Id = c.Id, DepartmentId = c.DepartmentId, Department = c.Department, Business = c.Business, Tool = c.Tool,
                        Stage = v.Status, PlannedHoursSaved = c.PlannedHoursSaved, ActualHoursSaved = c.ActualHoursSaved,
                    }
                    : c).ToList(),
        };
    }

    /// <summary>「前回の照会「令和8年度第1回 進捗照会」(基準日 令和8年6月30日)」.</summary>
    public string PreviousLabel => $"前回の照会「{Name}」(基準日 {JapaneseDates.Day(BaseDate)})";
}

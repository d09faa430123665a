using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Tests.Support;

/// <summary>Milestones placed under one initiative and track, with ids and an owner, assessed on a date.</summary>
public static class GanttData
{
    public static readonly Department Owner = new() { Id = 1, Name = "デジタル行政推進課" };
    public static readonly Initiative Initiative = new() { Id = 1, Code = "5.2", Title = "行政手続きのオンライン化", LeadDepartment = "デジタル行政推進課", Order = 1 };
    public static readonly Track Track = new() { Id = 1, Code = "5.2-a", InitiativeId = 1, Title = "オンライン化", Order = 1 };

    public static IReadOnlyList<AssessedMilestone> Assess(DateOnly asOf, params Milestone[] milestones)
    {
        var id = 1;
        foreach (var m in milestones)
        {
            m.Id = id;
            m.Order = id++;
            m.TrackId = Track.Id;
            if (m.OwnerDepartment is null)
            {
                m.OwnerDepartment = Owner;
                m.OwnerDepartmentId = Owner.Id;
            }
        }
        return milestones
            .Select(m => new AssessedMilestone(m, Initiative, Track, DelayRules.Assess(m, asOf)))
            .ToList();
    }
}

using System.Diagnostics.CodeAnalysis;
using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Domain.Reporting;

public enum ReportScopeKind
{
    All = 0,
    Initiative = 1,
    Department = 2,
}

/// <summary>What a report covers: everything, one initiative (initiative:5.2) or one department (department:市民課).</summary>
public sealed record ReportScope(ReportScopeKind Kind, string? Value)
{
    public static ReportScope All { get; } = new(ReportScopeKind.All, null);

    public static ReportScope ForInitiative(string code) => new(ReportScopeKind.Initiative, code);

    public static ReportScope ForDepartment(string name) => new(ReportScopeKind.Department, name);

    /// <summary>"all", "initiative:5.2" or "department:市民課": the form used in URLs and on the command line.</summary>
    public override string ToString() => Kind switch
    {
        ReportScopeKind.Initiative => "initiative:" + Value,
        ReportScopeKind.Department => "department:" + Value,
        _ => "all",
    };

    /// <summary>Parses the text form; whether the initiative or department exists is checked against a roadmap.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ReportScope? scope)
    {
        scope = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text == "all")
        {
            scope = All;
            return true;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }
        var value = text[(colon + 1)..].Trim();
        scope = text[..colon] switch
        {
            "initiative" => ForInitiative(value),
            "department" => ForDepartment(value),
            _ => null,
        };
        return scope is not null && value.Length > 0;
    }

    /// <summary>Null when the scope names something the roadmap has, otherwise a message saying what is missing.</summary>
    public string? Check(RoadmapSnapshot roadmap) => Kind switch
    {
        ReportScopeKind.Initiative when roadmap.Initiatives.All(i => i.Code != Value) =>
            $"重点取組「{Value}」はありません (例: initiative:5.2)。",
        ReportScopeKind.Department when roadmap.Departments.All(d => d.Name != Value) =>
            $"課「{Value}」はありません (例: department:市民課)。",
        _ => null,
    };

    /// <summary>全体 / 5.2 行政手続きのオンライン化 / 市民課.</summary>
    public string Label(RoadmapSnapshot roadmap) => Kind switch
    {
        ReportScopeKind.Initiative => roadmap.Initiatives.FirstOrDefault(i => i.Code == Value) is { } i
            ? $"{i.Code} {i.Title}" : Value ?? "",
        ReportScopeKind.Department => Value ?? "",
        _ => "全体",
    };

    public bool Includes(Initiative initiative) => Kind != ReportScopeKind.Initiative || initiative.Code == Value;

    public bool Includes(Department? department) => Kind != ReportScopeKind.Department || department?.Name == Value;

    /// <summary>A milestone is in a department's scope when the department owns it or is named as related.</summary>
    public bool Includes(Milestone milestone, Initiative initiative) => Kind switch
    {
        ReportScopeKind.Initiative => initiative.Code == Value,
        ReportScopeKind.Department => milestone.OwnerDepartment?.Name == Value
            || milestone.RelatedDepartments.Contains(Value!, StringComparer.Ordinal),
        _ => true,
    };
}

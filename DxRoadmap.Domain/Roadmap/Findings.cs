namespace DxRoadmap.Domain.Roadmap;

/// <summary>
/// 推進課's 所見 on one initiative for one 部会: 取組内容 (this period), 成果, 課題, 今後の方向性. One per
/// initiative and meeting date, so a past meeting's report is rebuilt with the words written for it.
/// </summary>
public sealed class InitiativeFinding
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    /// <summary>The 部会 the words were written for; a report as of a day uses the latest meeting up to it.</summary>
    public DateOnly MeetingDate { get; set; }
    public string? Work { get; set; }
    public string? Results { get; set; }
    public string? Issues { get; set; }
    public string? NextSteps { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>A typed indicator (指標) of an initiative: unit, 目標値 and 目標年度, with dated 実績値.</summary>
public sealed class Indicator
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public required string Name { get; set; }
    public required string Unit { get; set; }
    public decimal? Target { get; set; }
    /// <summary>The 年度 the target is for (2025 = 令和7年度).</summary>
    public int? TargetFiscalYear { get; set; }
    public int Order { get; set; }
    public List<IndicatorValue> Values { get; set; } = [];
}

/// <summary>One 実績値 of an indicator, measured on a day.</summary>
public sealed class IndicatorValue
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public DateOnly MeasuredOn { get; set; }
    public decimal Value { get; set; }
    public string? UpdatedBy { get; set; }
}

namespace DxRoadmap.Domain.Roadmap;

/// <summary>The stored status of a milestone. Delay states are derived, never stored.</summary>
public enum MilestoneStatus
{
    NotStarted = 0,
    InProgress = 1,
    Done = 2,
    OnHold = 3,
    Cancelled = 4,
}

public enum MilestoneKind
{
    /// <summary>A bar with a start and an end.</summary>
    Span = 0,
    /// <summary>A single date (◆).</summary>
    Point = 1,
}

/// <summary>Where a milestone's dates come from.</summary>
public enum MilestoneSource
{
    /// <summary>The city's own action plan.</summary>
    Plan = 0,
    /// <summary>The national standardisation schedule (国の標準化スケジュール), to be replaced by the city's dates.</summary>
    National = 1,
}

public static class StatusNames
{
    public static string Label(this MilestoneStatus status) => status switch
    {
        MilestoneStatus.NotStarted => "未着手",
        MilestoneStatus.InProgress => "進行中",
        MilestoneStatus.Done => "完了",
        MilestoneStatus.OnHold => "保留",
        MilestoneStatus.Cancelled => "中止",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static IReadOnlyList<MilestoneStatus> All { get; } = Enum.GetValues<MilestoneStatus>();

    public static bool TryParse(string? label, out MilestoneStatus status)
    {
        foreach (var candidate in All)
        {
            if (candidate.Label() == label?.Trim())
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }

    public static string Label(this MilestoneSource source) => source switch
    {
        MilestoneSource.Plan => "行動計画",
        MilestoneSource.National => "国の標準化スケジュール",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };
}

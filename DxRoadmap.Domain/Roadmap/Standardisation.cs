namespace DxRoadmap.Domain.Roadmap;

/// <summary>
/// One of the 20 core business systems (基幹業務) to be moved to a standard-compliant system (標準準拠システム),
/// with where its real move stands: the 特定移行支援システム designation and the day it went live.
/// </summary>
public sealed class StandardSystem
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }
    public int Order { get; set; }

    /// <summary>On デジタル庁's list of 特定移行支援システム: the move cannot finish by the end of 令和7年度.</summary>
    public bool SpecificSupport { get; set; }
    public SpecificSupportReason? SpecificReason { get; set; }
    /// <summary>The month the move is now planned for (for a 特定移行支援システム, within about five years).</summary>
    public PlanDate? PlannedMigration { get; set; }
    public string? MigrationNote { get; set; }
    /// <summary>The day the 業務 went live on its 標準準拠システム; null while it has not.</summary>
    public DateOnly? GoLiveOn { get; set; }
}

/// <summary>
/// デジタル庁's four reasons for a 特定移行支援システム.
/// </summary>
public enum SpecificSupportReason
{
    /// <summary>メインフレーム (a mainframe system).</summary>
    Mainframe = 1,
    /// <summary>個別開発 (developed for the city alone).</summary>
    OwnDevelopment = 2,
    /// <summary>標準準拠システムが提供されない (代替の見込みなし).</summary>
    NoCompliantProduct = 3,
    /// <summary>事業者のリソースひっ迫.</summary>
    VendorCapacity = 4,
}

/// <summary>A step of 総務省's progress table (①-1 推進体制案の作成 … ⑱-1 運用開始ステータス): 40 per 業務.</summary>
public sealed class StandardStep
{
    public int Id { get; set; }
    public int No { get; set; }
    /// <summary>The ministry's code: ①-1 … ⑱-1.</summary>
    public required string Code { get; set; }
    public required string Title { get; set; }

    /// <summary>The circled number that groups the steps: ① of ①-1.</summary>
    public string Group => StandardSteps.GroupOf(Code);
}

/// <summary>The four answers of the national progress table for one 業務 × step.</summary>
public enum StepStatus
{
    NotStarted = 0,
    InProgress = 1,
    Done = 2,
    NotApplicable = 3,
}

/// <summary>
/// One change of one cell of the 5.1 grid: from that day on, the step of that 業務 has <see cref="Status"/>.
/// Never updated or deleted: the rows are the history, and the grid of any day is the last change of each cell
/// up to it (<see cref="Schedule.ProgramIndicators.Standardisation"/>).
/// </summary>
public sealed class StandardStepChange
{
    public long Id { get; set; }
    public int SystemId { get; set; }
    public StandardSystem? System { get; set; }
    public int StepId { get; set; }
    public StandardStep? Step { get; set; }
    public StepStatus Status { get; set; }
    /// <summary>The day the status changed (today unless a past day was entered).</summary>
    public DateOnly ChangedOn { get; set; }
    public required string ChangedBy { get; set; }
    /// <summary>When the change was recorded: orders two changes of one cell on one day.</summary>
    public DateTimeOffset RecordedAt { get; set; }
    public string? Note { get; set; }
}

public static class StandardSteps
{
    /// <summary>Steps per 業務 in 総務省's table.</summary>
    public const int NationalCount = 40;

    public static string GroupOf(string code)
    {
        var dash = code.IndexOf('-');
        return dash > 0 ? code[..dash] : code;
    }

    public static IReadOnlyList<StepStatus> All { get; } =
        [StepStatus.Done, StepStatus.InProgress, StepStatus.NotStarted, StepStatus.NotApplicable];

    public static string Label(this StepStatus status) => status switch
    {
        StepStatus.NotStarted => "未着手",
        StepStatus.InProgress => "作業中",
        StepStatus.Done => "完了済み",
        StepStatus.NotApplicable => "対象外",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The compact mark of the grid; each differs in shape, so it reads without colour.</summary>
    public static string Mark(this StepStatus status) => status switch
    {
        StepStatus.NotStarted => "○",
        StepStatus.InProgress => "◐",
        StepStatus.Done => "●",
        StepStatus.NotApplicable => "－",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Reads a cell as the ministry writes it: 完了済み / 作業中 / 未 or 未着手 / 対象外.</summary>
    public static bool TryParse(string? text, out StepStatus status)
    {
        switch (text?.Trim())
        {
            case "完了済み":
                status = StepStatus.Done;
                return true;
            case "作業中":
                status = StepStatus.InProgress;
                return true;
            case "未" or "未着手":
                status = StepStatus.NotStarted;
                return true;
            case "対象外":
                status = StepStatus.NotApplicable;
                return true;
            default:
                status = default;
                return false;
        }
    }

    public static string Label(this SpecificSupportReason reason) => reason switch
    {
        SpecificSupportReason.Mainframe => "メインフレーム",
        SpecificSupportReason.OwnDevelopment => "個別開発",
        SpecificSupportReason.NoCompliantProduct => "標準準拠システムが提供されない (代替の見込みなし)",
        SpecificSupportReason.VendorCapacity => "事業者のリソースひっ迫",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    public static IReadOnlyList<SpecificSupportReason> Reasons { get; } = Enum.GetValues<SpecificSupportReason>();

    /// <summary>A rate as the national table publishes it, to two decimals: 85.75%.</summary>
    public static string Percent(double rate) =>
        // Through decimal, which holds k/40 and k/800 exactly (a double's 0.66125 sits just below and would round down).
        Math.Round((decimal)rate * 100, 2, MidpointRounding.AwayFromZero).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
}

/// <summary>Stages of an online procedure, in order (未着手 → サービス開始).</summary>
public static class ProcedureStages
{
    public static IReadOnlyList<ProcedureStage> All { get; } = Enum.GetValues<ProcedureStage>();

    public static string Label(this ProcedureStage stage) => stage switch
    {
        ProcedureStage.NotStarted => "未着手",
        ProcedureStage.FormRegistered => "様式登録",
        ProcedureStage.Verified => "動作検証",
        ProcedureStage.ApiConnected => "API連携",
        ProcedureStage.InService => "サービス開始",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    public static bool TryParse(string? label, out ProcedureStage stage)
    {
        foreach (var candidate in All)
        {
            if (candidate.Label() == label?.Trim())
            {
                stage = candidate;
                return true;
            }
        }
        stage = default;
        return false;
    }

    /// <summary>Progress of one procedure: each of the four steps after 未着手 is a quarter of the way.</summary>
    public static int Progress(this ProcedureStage stage) => (int)stage * 100 / (All.Count - 1);
}

/// <summary>Stages of an AI・RPA case.</summary>
public static class AutomationStages
{
    public const string Candidate = "候補";
    public const string Trial = "試行";
    public const string Production = "本稼働";
    public const string Stopped = "中止";

    public static IReadOnlyList<string> All { get; } = [Candidate, Trial, Production, Stopped];
}

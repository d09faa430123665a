namespace DxRoadmap.Domain.Roadmap;

/// <summary>One of the 20 core business systems (基幹業務) to be moved to a standard-compliant system.</summary>
public sealed class StandardSystem
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }
    public int Order { get; set; }
}

/// <summary>A step of the national migration procedure (計画立案 → 移行 → 稼働).</summary>
public sealed class StandardStep
{
    public int Id { get; set; }
    public int No { get; set; }
    public required string Phase { get; set; }
    public required string Title { get; set; }
}

/// <summary>A step finished for one system. No row means not finished.</summary>
public sealed class StandardStepCompletion
{
    public int Id { get; set; }
    public int SystemId { get; set; }
    public int StepId { get; set; }
    public DateOnly CompletedOn { get; set; }
    public string? UpdatedBy { get; set; }
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

namespace DxRoadmap.Domain.Reporting;

/// <summary>The fixed wording of the report, shared by both formats so they read the same.</summary>
public static class ReportNotes
{
    public static IReadOnlyList<string> EvaluationRule { get; } =
    [
        "S 計画以上: 遅延・着手遅れ・要注意がなく、平均進捗率が計画上の進捗率を10ポイント以上上回る",
        "A 計画どおり: 遅延・着手遅れ・要注意がない",
        "B やや遅れ: 遅延・着手遅れ・要注意があるが、遅延・着手遅れは工程の20%未満",
        "C 遅れ: 遅延・着手遅れが工程の20%以上",
        "※ 国・県の動きと中止の工程は数えない。計画上の進捗率は計画期間に対する経過日数の割合。",
    ];

    public const string Signal = "信号: ■赤 = 遅延・着手遅れが1件でもある、▲黄 = 要注意・更新なしがある、●青 = 順調";

    /// <summary>Why a red signal can sit beside grade B: the two answer different questions.</summary>
    public const string SignalAndEvaluation =
        "信号は遅れている工程が1件でもあるかを、評価は遅れている工程の割合を示します。遅延・着手遅れが工程の20%未満なら、信号が赤でも評価はBです。";

    /// <summary>The signal as a shape and a word, so that it reads the same on a grey photocopy.</summary>
    public static string SignalText(Schedule.Signal signal) => signal switch
    {
        Schedule.Signal.Red => "■赤",
        Schedule.Signal.Yellow => "▲黄",
        _ => "●青",
    };
    public const string NoReason = "(遅延理由 未記入)";
    public const string NoCountermeasure = "(対応策 未記入)";
    public const string NoFinding = "この部会までの所見は未記入です (推進課が「所見・指標」で記入します)。";
    public const string NoLateItems = "基準日時点で遅延・着手遅れの工程はありません。";
    public const string NoAutomationCases = "AI・RPA適用業務は未登録です。";
    public const string PeerTitle = "他団体のRPA導入効果 (計画 表2-2)";
    public const string StandardisationRate =
        "完了率 = (完了済み + 対象外) ÷ 40手順、作業中率 = 作業中 ÷ 40、未着手率 = 未着手 ÷ 40 (業務ごと)。全体は20業務の平均 (総務省の進捗管理表と同じ数え方)。基準日までの変更を数える。移行済み = 標準準拠システムの稼働日が基準日までにある業務。";

    public static string StepLegend { get; } = "凡例: " + string.Join("　",
        Roadmap.StandardSteps.All.Select(s => $"{Roadmap.StandardSteps.Mark(s)} {Roadmap.StandardSteps.Label(s)}"));
    public const string SampleData = "※ サンプルデータ (実際の進捗ではありません)";
}

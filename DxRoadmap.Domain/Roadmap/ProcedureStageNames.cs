namespace DxRoadmap.Domain.Roadmap;

/// <summary>Display names of the online-procedure stages, in the order the work proceeds.</summary>
public static class ProcedureStageNames
{
    public static string Label(ProcedureStage stage) => stage switch
    {
        ProcedureStage.NotStarted => "未着手",
        ProcedureStage.FormRegistered => "様式登録",
        ProcedureStage.Verified => "動作確認",
        ProcedureStage.ApiConnected => "基幹システム連携",
        ProcedureStage.InService => "サービス開始",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };
}

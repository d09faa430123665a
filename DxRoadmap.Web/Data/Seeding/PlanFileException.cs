namespace DxRoadmap.Web.Data.Seeding;

/// <summary>A plan file that cannot be loaded: names the file, the item and the problem in one message.</summary>
public sealed class PlanFileException(string file, string item, string problem, Exception? inner = null)
    : Exception($"計画ファイル {file} を読み込めません: {item}: {problem}", inner)
{
    public string File { get; } = file;
    public string Item { get; } = item;
    public string Problem { get; } = problem;
}

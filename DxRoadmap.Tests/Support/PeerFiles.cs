using System.Text;

namespace DxRoadmap.Tests.Support;

/// <summary>
/// Tables of 完了率 by 団体 for the peer tests: 鹿児島県's real 43 団体 at 2026-01 (総務省's published figures, kept beside
/// this file) and edits of it.
/// </summary>
public static class PeerFiles
{
    /// <summary>The header as 総務省 publishes it (住民記録, 戸籍附票 …).</summary>
    public static string KagoshimaText { get; } = File.ReadAllText(
        Path.Combine(RepoPaths.DataDirectory, "..", "DxRoadmap.Tests", "Support", "Peers", "kagoshima-2026-01.csv"), Encoding.UTF8);

    public static byte[] Kagoshima => Encoding.UTF8.GetBytes(KagoshimaText);

    public static IReadOnlyList<string> Lines => KagoshimaText.TrimEnd('\n').Split('\n');

    /// <summary>The table with one cell replaced: <paramref name="line"/> 1 is the header, columns count from 0.</summary>
    public static byte[] WithCell(int line, int column, string value)
    {
        var lines = Lines.ToArray();
        var cells = lines[line - 1].Split(',');
        cells[column] = value;
        lines[line - 1] = string.Join(',', cells);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
    }

    /// <summary>The table without the lines for which <paramref name="drop"/> is true (the header is never dropped).</summary>
    public static byte[] Without(Func<string, bool> drop) =>
        Encoding.UTF8.GetBytes(string.Join('\n', Lines.Take(1).Concat(Lines.Skip(1).Where(l => !drop(l)))) + "\n");

    /// <summary>The table with extra lines after it (another 都道府県's 団体).</summary>
    public static byte[] With(params string[] lines) =>
        Encoding.UTF8.GetBytes(string.Join('\n', Lines.Concat(lines)) + "\n");

    /// <summary>The plan's 20 業務 in the plan's order and names (住民基本台帳, 戸籍の附票 …).</summary>
    public static IReadOnlyList<string> PlanBusinesses { get; } =
    [
        "住民基本台帳", "戸籍", "戸籍の附票", "印鑑登録", "選挙人名簿管理", "固定資産税", "個人住民税", "法人住民税", "軽自動車税", "国民健康保険",
        "国民年金", "障害者福祉", "後期高齢者医療", "介護保険", "児童手当", "生活保護", "健康管理", "就学", "児童扶養手当", "子ども・子育て支援",
    ];
}

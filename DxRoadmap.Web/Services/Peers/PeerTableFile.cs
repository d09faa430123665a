using System.Globalization;
using System.Text;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Web.Services.Peers;

/// <summary>A problem in an imported table of 完了率, located by line and column as the user sees them in the file.</summary>
public sealed record PeerProblem(int Row, string? Column, string Message)
{
    public string Text => Row > 0
        ? $"{Row}行目{(Column is null ? "" : " " + Column)}: {Message}"
        : Message;
}

/// <summary>The file as read: the table, or a refusal of the whole file, or the problems of its cells.</summary>
public sealed record PeerFileRead(PeerTable? Table, string? Refusal, IReadOnlyList<PeerProblem> Problems)
{
    public static PeerFileRead Refused(string message) => new(null, message, []);
}

/// <summary>One line of the file split into cells, with its line number (1 = the header).</summary>
public sealed record PeerLine(int Row, IReadOnlyList<string> Cells);

/// <summary>
/// Reads a published table of 完了率 by 団体 (<c>都道府県, 市区町村, 全体</c>, then the 20 業務 under either ministry's
/// names; rates 0–1 or with %). The bytes are checked against the limits before anything is parsed: size, then the
/// count of line breaks, then the encoding. Every cell problem is collected with its line and column, so the user
/// fixes the file once; a file with any problem gives no table.
/// </summary>
public static partial class PeerTableFile
{
    /// <summary>Largest file accepted. The national table of 1,741 団体 is about 200 KB as CSV.</summary>
    public const int MaxFileSize = 4 * 1024 * 1024;

    /// <summary>Most lines accepted, the header included: the nation has 1,741 団体 (and 47 都道府県 besides).</summary>
    public const int MaxRows = 5_000;

    /// <summary>Most cells in one line: three name columns, 20 業務 and room for a few more to be named as unknown.</summary>
    public const int MaxColumns = 64;

    /// <summary>Problems listed before the reader stops looking: enough to show what is wrong, never a flood.</summary>
    public const int MaxProblems = 100;

    /// <summary>Longest 都道府県 or 市区町村 name kept (the longest real one has 10 characters).</summary>
    public const int MaxNameLength = 20;

    public const string PrefectureColumn = "都道府県";
    public const string MunicipalityColumn = "市区町村";
    public const string OverallColumn = "全体";

    public static string TooLarge => $"ファイルが大きすぎます ({MaxFileSize / 1024 / 1024} MB まで)。";

    public const string Empty = "ファイルが空です。都道府県・市区町村・全体と20業務の列を持つ表を選んでください。";

    public const string NotUtf8 =
        "文字コードを読み取れません。UTF-8 (BOM 付き・なし) の CSV にしてください (Excel では「CSV UTF-8 (コンマ区切り)」で保存できます)。";

    /// <summary>Reads CSV bytes against the plan's 20 業務 (<paramref name="businesses"/>, in the plan's order).</summary>
    public static PeerFileRead ReadCsv(ReadOnlySpan<byte> file, DateOnly month, IReadOnlyList<string> businesses)
    {
        if (file.Length > MaxFileSize)
        {
            return PeerFileRead.Refused(TooLarge);
        }
        if (file.Length == 0)
        {
            return PeerFileRead.Refused(Empty);
        }
        if (file.Count((byte)'\n') >= MaxRows)
        {
            return PeerFileRead.Refused($"行が多すぎます ({MaxRows:N0} 行まで)。");
        }
        var utf8Bom = file.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8Bom ? file[3..] : file);
        }
        catch (DecoderFallbackException)
        {
            return PeerFileRead.Refused(NotUtf8);
        }
        var lines = Csv(text, out var csvProblem);
        if (csvProblem is not null)
        {
            return PeerFileRead.Refused(csvProblem);
        }
        return Read(lines, month, businesses);
    }

    /// <summary>Splits CSV text (RFC 4180: quoted cells may hold commas, quotes and line breaks) into lines of cells.</summary>
    internal static List<PeerLine> Csv(string text, out string? problem)
    {
        problem = null;
        var lines = new List<PeerLine>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var row = 1;
        var start = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        row++;
                    }
                    cell.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    if (cells.Count > MaxColumns)
                    {
                        problem = $"{start}行目: 列が多すぎます ({MaxColumns} 列まで)。";
                        return lines;
                    }
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    lines.Add(new PeerLine(start, cells));
                    cells = [];
                    row++;
                    start = row;
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }
        if (quoted)
        {
            problem = $"{start}行目: 「\"」で始まったセルが閉じていません。";
            return lines;
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            lines.Add(new PeerLine(start, cells));
        }
        return lines;
    }

    /// <summary>Checks the header and every line, and builds the table when nothing is wrong.</summary>
    public static PeerFileRead Read(IReadOnlyList<PeerLine> lines, DateOnly month, IReadOnlyList<string> businesses)
    {
        var content = lines.Where(l => l.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (content.Count == 0)
        {
            return PeerFileRead.Refused(Empty);
        }
        var header = content[0];
        var problems = new List<PeerProblem>();
        var map = Header(header, businesses, problems);
        if (map is null)
        {
            return new PeerFileRead(null, null, problems);
        }
        if (content.Count == 1)
        {
            return PeerFileRead.Refused("見出しの行だけで、団体の行がありません。");
        }

        var rows = new List<PeerRate>(content.Count - 1);
        var seen = new Dictionary<(string, string), int>();
        foreach (var line in content.Skip(1))
        {
            if (problems.Count >= MaxProblems)
            {
                break;
            }
            if (line.Cells.Count != header.Cells.Count)
            {
                problems.Add(new PeerProblem(line.Row, null,
                    $"列の数が見出しと合いません (見出し {header.Cells.Count} 列、この行 {line.Cells.Count} 列)。"));
                continue;
            }
            var prefecture = line.Cells[map.Prefecture].Trim();
            var municipality = line.Cells[map.Municipality].Trim();
            var before = problems.Count;
            if (prefecture.Length == 0)
            {
                problems.Add(new PeerProblem(line.Row, Column(map.Prefecture, PrefectureColumn), "都道府県が空欄です。"));
            }
            if (municipality.Length == 0)
            {
                problems.Add(new PeerProblem(line.Row, Column(map.Municipality, MunicipalityColumn), "市区町村が空欄です。"));
            }
            if (prefecture.Length > MaxNameLength || municipality.Length > MaxNameLength)
            {
                problems.Add(new PeerProblem(line.Row, null, $"都道府県名・市区町村名は{MaxNameLength}文字以内です。"));
            }
            var overall = Rate(line, map.Overall, OverallColumn, problems);
            var rates = new double[businesses.Count];
            for (var b = 0; b < businesses.Count; b++)
            {
                rates[b] = Rate(line, map.Businesses[b], header.Cells[map.Businesses[b]].Trim(), problems) ?? 0;
            }
            if (problems.Count > before || overall is null)
            {
                continue;
            }
            if (seen.TryGetValue((prefecture, municipality), out var first))
            {
                problems.Add(new PeerProblem(line.Row, Column(map.Municipality, MunicipalityColumn),
                    $"{prefecture}{municipality}の行が2つあります ({first}行目と同じ団体)。"));
                continue;
            }
            seen[(prefecture, municipality)] = line.Row;
            rows.Add(new PeerRate(prefecture, municipality, overall.Value, rates));
        }
        return problems.Count > 0
            ? new PeerFileRead(null, null, problems)
            : new PeerFileRead(new PeerTable(month, businesses, rows), null, []);
    }

    /// <summary>Which cell holds what: the three name columns and each of the plan's 業務 (in the plan's order).</summary>
    private sealed record ColumnMap(int Prefecture, int Municipality, int Overall, int[] Businesses);

    private static ColumnMap? Header(PeerLine header, IReadOnlyList<string> businesses, List<PeerProblem> problems)
    {
        int? prefecture = null, municipality = null, overall = null;
        var found = new int?[businesses.Count];
        var canonical = businesses.Select(StandardBusinessNames.Canonical).ToList();
        for (var c = 0; c < header.Cells.Count; c++)
        {
            var title = header.Cells[c];
            var name = StandardBusinessNames.Normalise(title);
            if (name.Length == 0)
            {
                problems.Add(new PeerProblem(header.Row, Column(c, null), "見出しが空欄です。"));
                continue;
            }
            ref int? slot = ref prefecture;
            if (name == PrefectureColumn)
            {
                slot = ref prefecture;
            }
            else if (name == MunicipalityColumn)
            {
                slot = ref municipality;
            }
            else if (name == OverallColumn)
            {
                slot = ref overall;
            }
            else if (canonical.IndexOf(StandardBusinessNames.Canonical(title)) is var b and >= 0)
            {
                slot = ref found[b];
            }
            else
            {
                problems.Add(new PeerProblem(header.Row, Column(c, title.Trim()),
                    $"「{title.Trim()}」は20業務のどれにも当たりません (業務名は総務省・デジタル庁どちらの呼び方でも構いません)。"));
                continue;
            }
            if (slot is { } earlier)
            {
                problems.Add(new PeerProblem(header.Row, Column(c, title.Trim()), $"「{title.Trim()}」の列が2つあります ({Letter(earlier)}列と同じ)。"));
                continue;
            }
            slot = c;
        }
        foreach (var (column, value) in new[] { (PrefectureColumn, prefecture), (MunicipalityColumn, municipality), (OverallColumn, overall) })
        {
            if (value is null)
            {
                problems.Add(new PeerProblem(header.Row, null, $"「{column}」の列がありません。"));
            }
        }
        for (var b = 0; b < businesses.Count; b++)
        {
            if (found[b] is null)
            {
                problems.Add(new PeerProblem(header.Row, null, $"業務「{businesses[b]}」の列がありません。"));
            }
        }
        return problems.Count > 0 ? null : new ColumnMap(prefecture!.Value, municipality!.Value, overall!.Value, found.Select(f => f!.Value).ToArray());
    }

    /// <summary>A rate as the ministry publishes it (0.8575) or with a percent sign (85.75%, 85.75 %); null when not one.</summary>
    private static double? Rate(PeerLine line, int column, string title, List<PeerProblem> problems)
    {
        var text = line.Cells[column].Normalize(NormalizationForm.FormKC).Trim();
        if (text.Length == 0)
        {
            problems.Add(new PeerProblem(line.Row, Column(column, title), $"{title}の完了率が空欄です。"));
            return null;
        }
        var percent = text.EndsWith('%');
        var number = percent ? text[..^1].TrimEnd() : text;
        if (!double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            problems.Add(new PeerProblem(line.Row, Column(column, title), $"「{line.Cells[column].Trim()}」は完了率として読めません (0～1 の小数か、% 付きの数値)。"));
            return null;
        }
        var rate = percent ? value / 100 : value;
        if (rate is < 0 or > 1)
        {
            problems.Add(new PeerProblem(line.Row, Column(column, title),
                $"{title}の完了率「{line.Cells[column].Trim()}」は範囲外です (0～1、または 0%～100%)。"));
            return null;
        }
        return rate;
    }

    /// <summary>「D列「住民記録」」: the column's letter as a spreadsheet shows it, and its title.</summary>
    private static string Column(int index, string? title) => title is null ? $"{Letter(index)}列" : $"{Letter(index)}列「{title}」";

    private static string Letter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }
        return letters;
    }
}

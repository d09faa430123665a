using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DxRoadmap.Web.Services;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// The 照会票 (progress inquiry) workbook: written per 課 for the 課 to fill in, and read back when returned.
/// Only the answer columns are unlocked; each row carries the item's id (and a milestone's version) and a fingerprint
/// of the values as exported in hidden columns, and a very hidden 管理情報 sheet names the 課 and the layout version.
/// </summary>
/// <remarks>
/// The class is split by concern: this file holds the layout (one <see cref="InquirySheet"/> per answer sheet) and the
/// fingerprints; <c>InquiryWriter.cs</c> writes, <c>InquiryReader.cs</c> reads, <c>InquiryContract.cs</c> holds the
/// records both sides exchange with the import.
/// Sheet protection has no password on purpose: it guards against slips (typing over a title, sorting rows
/// apart from their hidden ids), not against a determined user — the import checks every id, version and 課
/// again and refuses what does not match.
/// </remarks>
public static partial class InquiryWorkbook
{
    public const string Format = "DxRoadmap 進捗照会票";
    /// <summary>2: the 手続 and AI・RPA sheets are answerable. A version 1 file is still read for its 工程 sheet.</summary>
    public const int FormatVersion = 2;

    public const string MilestoneSheet = "工程";
    public const string ProcedureSheet = "オンライン化手続";
    public const string CaseSheet = "AI・RPA";
    public const string MetaSheet = "管理情報";

    public const int HeaderRow = 7;
    public const int FirstDataRow = HeaderRow + 1;

    // Column numbers of the 工程 sheet. Answer columns (状態…コメント) are the only unlocked cells.
    public const int CodeColumn = 1;
    public const int StatusColumn = 6;
    public const int ProgressColumn = 7;
    public const int ActualStartColumn = 8;
    public const int ActualEndColumn = 9;
    public const int DelayReasonColumn = 10;
    public const int CountermeasureColumn = 11;
    public const int NoteColumn = 12;
    public const int CommentColumn = 13;
    public const int IdColumn = 15;
    public const int VersionColumn = 16;
    public const int FingerprintColumn = 17;

    public static readonly InquirySheet Milestones = new(MilestoneSheet,
    [
        new("工程コード", 10), new("重点取組", 8), new("取組項目", 26), new("工程名", 40), new("計画", 24),
        new("状態", 9), new("進捗率(%)", 9), new("実績開始", 12), new("実績終了", 12),
        new("遅延理由", 32), new("対応策", 32), new("備考", 28), new("コメント", 24), new("最終更新", 20),
        new("ID", 6), new("版", 6), new("照合値", 6),
    ], StatusColumn, CommentColumn, IdColumn, VersionColumn, FingerprintColumn, CodeColumn, TitleColumn: 4, "工程");

    // Columns of the オンライン化手続 sheet: 段階 and both dates are answered.
    public const int ProcedureStageColumn = 3;
    public const int PlannedGoLiveColumn = 4;
    public const int ActualGoLiveColumn = 5;
    public const int ProcedureIdColumn = 6;
    public const int ProcedureFingerprintColumn = 7;

    public static readonly InquirySheet Procedures = new(ProcedureSheet,
    [
        new("手続", 40), new("分類", 12), new("段階", 14), new("開始予定日", 14), new("開始日(実績)", 14), new("ID", 6), new("照合値", 6),
    ], ProcedureStageColumn, ActualGoLiveColumn, ProcedureIdColumn, VersionColumn: 0, ProcedureFingerprintColumn, CodeColumn: 0, TitleColumn: 1, "手続");

    // Columns of the AI・RPA sheet: 段階 and the actual hours saved are answered; the planned hours stay the plan's.
    public const int CaseStageColumn = 3;
    public const int CasePlannedHoursColumn = 4;
    public const int CaseActualHoursColumn = 5;
    public const int CaseIdColumn = 6;
    public const int CaseFingerprintColumn = 7;

    public static readonly InquirySheet Cases = new(CaseSheet,
    [
        new("業務", 40), new("ツール", 14), new("段階", 12), new("削減時間 計画 (時間/年)", 16), new("削減時間 実績 (時間/年)", 16), new("ID", 6), new("照合値", 6),
    ], CaseStageColumn, CaseActualHoursColumn, CaseIdColumn, VersionColumn: 0, CaseFingerprintColumn, CodeColumn: 0, TitleColumn: 1, "AI・RPA 事例");

    /// <summary>The answer sheets in the order they are written, read and reported.</summary>
    public static IReadOnlyList<InquirySheet> AnswerSheets { get; } = [Milestones, Procedures, Cases];

    /// <summary>The column letter and header of a 工程 sheet column, as problems name it ("G列 (進捗率(%))").</summary>
    public static string ColumnLabel(int column) => Milestones.Label(column);

    /// <summary>The column letter and header of a column of <paramref name="sheet"/>.</summary>
    public static string ColumnLabel(string sheet, int column) =>
        (AnswerSheets.FirstOrDefault(s => s.Name == sheet) ?? Milestones).Label(column);

    /// <summary>The editor's field names (validator keys) mapped to the column holding them.</summary>
    public static int ColumnOf(string field) => field switch
    {
        nameof(MilestoneEditModel.Status) => StatusColumn,
        nameof(MilestoneEditModel.Progress) => ProgressColumn,
        nameof(MilestoneEditModel.ActualStart) => ActualStartColumn,
        nameof(MilestoneEditModel.ActualEnd) => ActualEndColumn,
        nameof(MilestoneEditModel.DelayReason) => DelayReasonColumn,
        nameof(MilestoneEditModel.Countermeasure) => CountermeasureColumn,
        nameof(MilestoneEditModel.Note) => NoteColumn,
        _ => CommentColumn,
    };

    /// <summary>
    /// A short digest of the editable values, written when exporting: a returned row whose values still
    /// give the same digest was not filled in, so it is no answer even when the milestone changed since.
    /// </summary>
    public static string Fingerprint(MilestoneEditModel m) => Digest(
        ((int)m.Status).ToString(CultureInfo.InvariantCulture),
        m.Progress.ToString(CultureInfo.InvariantCulture),
        m.ActualStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        m.ActualEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        NormalizeText(m.DelayReason) ?? "", NormalizeText(m.Countermeasure) ?? "", NormalizeText(m.Note) ?? "");

    /// <summary>The digest of a procedure's answerable values (stage and both dates), as for milestones.</summary>
    public static string Fingerprint(ProcedureStageChange p) => Digest(
        ((int)p.Stage).ToString(CultureInfo.InvariantCulture),
        p.PlannedGoLive?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        p.ActualGoLive?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");

    /// <summary>The digest of a case's answerable values (stage and actual hours), as for milestones.</summary>
    public static string Fingerprint(CaseValues c) => Digest(c.Stage?.Trim() ?? "", Hours(c.ActualHoursSaved) ?? "");

    /// <summary>Hours as written and compared: 120.50 and 120.5 are the same figure.</summary>
    public static string? Hours(decimal? hours) => hours?.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string Digest(params string[] values) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', values))))[..16];

    /// <summary>Text as a workbook round trip leaves it: line breaks as \n, trimmed, blank as null.</summary>
    public static string? NormalizeText(string? text)
    {
        var normalized = text?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        return string.IsNullOrEmpty(normalized) ? null : normalized;
    }
}

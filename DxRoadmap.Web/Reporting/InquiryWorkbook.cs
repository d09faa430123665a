using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClosedXML.Excel;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Services;

namespace DxRoadmap.Web.Reporting;

/// <summary>What a 照会 workbook is written from: one 課's milestones, procedures and AI・RPA cases.</summary>
public sealed record InquiryContent(
    int DepartmentId,
    string Department,
    DateTimeOffset ExportedAt,
    string ExportedBy,
    IReadOnlyList<InquiryMilestone> Milestones,
    IReadOnlyList<OnlineProcedure> Procedures,
    IReadOnlyList<AutomationCase> Cases);

/// <summary>A milestone row of the 照会票: the locked context and the current values of the editable fields.</summary>
public sealed record InquiryMilestone(Milestone Milestone, string InitiativeCode, string TrackTitle);

/// <summary>The hidden 管理情報 sheet read back: which 課, when, and which layout.</summary>
public sealed record InquiryMeta(int FormatVersion, int DepartmentId, string Department, DateTimeOffset? ExportedAt);

/// <summary>One filled-in milestone row: where it is, its hidden identity, and the answer if every cell could be read.</summary>
public sealed record InquiryAnswer(int Row, int Id, Guid Version, string Fingerprint, string Code, string Title, MilestoneEditModel? Values);

/// <summary>One filled-in row of the オンライン化手続 sheet: its hidden identity and the answer if every cell could be read.</summary>
public sealed record ProcedureAnswer(int Row, int Id, string Fingerprint, string Title, ProcedureStageChange? Values);

/// <summary>The answer columns of an AI・RPA row: the stage and the actual yearly hours saved.</summary>
public sealed record CaseValues(string? Stage, decimal? ActualHoursSaved);

/// <summary>One filled-in row of the AI・RPA sheet: its hidden identity and the answer if every cell could be read.</summary>
public sealed record CaseAnswer(int Row, int Id, string Fingerprint, string Business, CaseValues? Values);

/// <summary>A problem found in the returned workbook, located by sheet, row and column.</summary>
public sealed record InquiryProblem(string Sheet, int Row, string Column, string Message)
{
    public string Text => Row > 0 ? $"{Sheet} シート {Row}行目 {Column}: {Message}" : $"{Sheet} シート: {Message}";
}

/// <summary>The returned workbook as read: either a refusal of the whole file, or its meta, answers and cell problems.</summary>
public sealed record InquiryFile(string? Refusal, InquiryMeta? Meta, IReadOnlyList<InquiryAnswer> Answers, IReadOnlyList<InquiryProblem> Problems,
    IReadOnlyList<ProcedureAnswer> Procedures, IReadOnlyList<CaseAnswer> Cases)
{
    public static InquiryFile Refused(string message) => new(message, null, [], [], [], []);
}

/// <summary>
/// The 照会票 (progress inquiry) workbook: written per 課 for the 課 to fill in, and read back when returned.
/// Only the answer columns are unlocked; each row carries the milestone's id, version and a fingerprint of the
/// values as exported in hidden columns, and a very hidden 管理情報 sheet names the 課 and the layout version.
/// </summary>
/// <remarks>
/// Sheet protection has no password on purpose: it guards against slips (typing over a title, sorting rows
/// apart from their hidden ids), not against a determined user — the import checks every id, version and 課
/// again and refuses what does not match.
/// </remarks>
public static class InquiryWorkbook
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

    private static readonly (string Title, double Width)[] MilestoneColumns =
    [
        ("工程コード", 10), ("重点取組", 8), ("取組項目", 26), ("工程名", 40), ("計画", 24),
        ("状態", 9), ("進捗率(%)", 9), ("実績開始", 12), ("実績終了", 12),
        ("遅延理由", 32), ("対応策", 32), ("備考", 28), ("コメント", 24), ("最終更新", 20),
        ("ID", 6), ("版", 6), ("照合値", 6),
    ];

    // Columns of the オンライン化手続 sheet: 段階 and both dates are answered.
    public const int ProcedureStageColumn = 3;
    public const int PlannedGoLiveColumn = 4;
    public const int ActualGoLiveColumn = 5;
    public const int ProcedureIdColumn = 6;
    public const int ProcedureFingerprintColumn = 7;

    private static readonly (string Title, double Width)[] ProcedureColumns =
    [
        ("手続", 40), ("分類", 12), ("段階", 14), ("開始予定日", 14), ("開始日(実績)", 14), ("ID", 6), ("照合値", 6),
    ];

    // Columns of the AI・RPA sheet: 段階 and the actual hours saved are answered; the planned hours stay the plan's.
    public const int CaseStageColumn = 3;
    public const int CaseActualHoursColumn = 5;
    public const int CaseIdColumn = 6;
    public const int CaseFingerprintColumn = 7;

    private static readonly (string Title, double Width)[] CaseColumns =
    [
        ("業務", 40), ("ツール", 14), ("段階", 12), ("削減時間 計画 (時間/年)", 16), ("削減時間 実績 (時間/年)", 16), ("ID", 6), ("照合値", 6),
    ];

    private static readonly XLColor AnswerFill = XLColor.FromHtml("#FFF2CC");
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DCE6F1");
    private const string DayFormat = "yyyy/mm/dd";

    /// <summary>The column letter and header of a 工程 sheet column, as problems name it ("G列 (進捗率(%))").</summary>
    public static string ColumnLabel(int column) => ColumnLabel(MilestoneSheet, column);

    /// <summary>The column letter and header of a column of <paramref name="sheet"/>.</summary>
    public static string ColumnLabel(string sheet, int column)
    {
        var columns = sheet switch
        {
            ProcedureSheet => ProcedureColumns,
            CaseSheet => CaseColumns,
            _ => MilestoneColumns,
        };
        return $"{XLHelper.GetColumnLetterFromNumber(column)}列 ({columns[column - 1].Title})";
    }

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

    // ---- writing ----------------------------------------------------------------------------------------

    public static void Write(InquiryContent content, Stream output)
    {
        using var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = ExcelReportWriter.FontName;
        workbook.Style.Font.FontSize = 10;
        workbook.Properties.Title = $"進捗照会票 {content.Department}";
        workbook.Properties.Author = content.ExportedBy;

        Milestones(workbook.Worksheets.Add(MilestoneSheet), content);
        Procedures(workbook.Worksheets.Add(ProcedureSheet), content);
        Cases(workbook.Worksheets.Add(CaseSheet), content);
        Meta(workbook.Worksheets.Add(MetaSheet), content);
        workbook.Worksheet(MilestoneSheet).SetTabActive();
        workbook.SaveAs(output);
    }

    private static void Milestones(IXLWorksheet sheet, InquiryContent content)
    {
        Instructions(sheet, content,
        [
            "記入方法: 黄色の列 (状態～コメント) だけを記入してください。状態は一覧から選び、進捗率は 0～100 の整数で、実績開始・実績終了は 2026/11/26 の形で入力します。",
            "遅延している工程 (計画終了を過ぎた、または計画開始を過ぎても未着手) は遅延理由を入力してください。完了にするときは実績終了日を入力してください。",
            "行・列の追加や削除、並べ替えはしないでください (右端の非表示の列で工程を照合します)。記入後に保存し、推進課へ返送してください。",
            "コメントは変更履歴に「照会回答の取込」と一緒に記録されます。記入のない行は変更なしとして扱います。",
        ]);
        for (var c = 0; c < MilestoneColumns.Length; c++)
        {
            var cell = sheet.Cell(HeaderRow, c + 1);
            Text(cell, MilestoneColumns[c].Title);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = c + 1 is >= StatusColumn and <= CommentColumn ? AnswerFill : HeaderFill;
            cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
            cell.Style.Alignment.WrapText = true;
            sheet.Column(c + 1).Width = MilestoneColumns[c].Width;
        }

        var row = FirstDataRow;
        foreach (var item in content.Milestones)
        {
            var m = item.Milestone;
            Text(sheet.Cell(row, CodeColumn), m.Code);
            Text(sheet.Cell(row, 2), item.InitiativeCode);
            Text(sheet.Cell(row, 3), item.TrackTitle);
            Text(sheet.Cell(row, 4), m.Title);
            Text(sheet.Cell(row, 5), JapaneseDates.Period(m)
                + (m.PlannedEnd is { } end && !m.OpenEnded ? $" ({JapaneseDates.WesternMonth(end.Date)})" : ""));
            Text(sheet.Cell(row, StatusColumn), m.Status.Label());
            sheet.Cell(row, ProgressColumn).Value = m.Progress;
            DateCell(sheet.Cell(row, ActualStartColumn), m.ActualStart);
            DateCell(sheet.Cell(row, ActualEndColumn), m.ActualEnd);
            Text(sheet.Cell(row, DelayReasonColumn), m.DelayReason);
            Text(sheet.Cell(row, CountermeasureColumn), m.Countermeasure);
            Text(sheet.Cell(row, NoteColumn), m.Note);
            Text(sheet.Cell(row, 14), m.UpdatedAt is { } at
                ? $"{JapaneseDates.WesternDay(DateOnly.FromDateTime(at.DateTime))} {m.UpdatedBy}"
                : m.UpdatedBy);
            sheet.Cell(row, IdColumn).Value = m.Id;
            Text(sheet.Cell(row, VersionColumn), m.Version.ToString("D"));
            Text(sheet.Cell(row, FingerprintColumn), Fingerprint(MilestoneEditModel.From(m)));
            row++;
        }
        var last = row - 1;

        if (last >= FirstDataRow)
        {
            var table = sheet.Range(HeaderRow, 1, last, 14);
            table.Style.Border.SetInsideBorder(XLBorderStyleValues.Thin).Border.SetOutsideBorder(XLBorderStyleValues.Thin);
            var body = sheet.Range(FirstDataRow, 1, last, 14);
            body.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            body.Style.Alignment.WrapText = true;
            sheet.Range(FirstDataRow, ActualStartColumn, last, ActualEndColumn).Style.NumberFormat.Format = DayFormat;

            var answers = sheet.Range(FirstDataRow, StatusColumn, last, CommentColumn);
            answers.Style.Protection.SetLocked(false);
            answers.Style.Fill.BackgroundColor = AnswerFill;

            OneOf(sheet.Range(FirstDataRow, StatusColumn, last, StatusColumn), "状態", StatusNames.All.Select(s => s.Label()).ToList());

            var progress = sheet.Range(FirstDataRow, ProgressColumn, last, ProgressColumn).SetDataValidation();
            progress.WholeNumber.Between(0, 100);
            Refuse(progress, "進捗率", "進捗率は 0～100 の整数で入力してください。");

            var dates = sheet.Range(FirstDataRow, ActualStartColumn, last, ActualEndColumn).SetDataValidation();
            dates.Date.Between(new DateTime(2000, 1, 1), new DateTime(2099, 12, 31));
            Refuse(dates, "実績日", "日付を 2026/11/26 の形で入力してください。");

            foreach (var column in new[] { DelayReasonColumn, CountermeasureColumn, NoteColumn, CommentColumn })
            {
                var text = sheet.Range(FirstDataRow, column, last, column).SetDataValidation();
                text.TextLength.EqualOrLessThan(Milestone.TextMaxLength);
                Refuse(text, "文字数", $"{Milestone.TextMaxLength}文字以内で入力してください。");
            }
        }
        sheet.Columns(IdColumn, FingerprintColumn).Hide();
        sheet.SheetView.FreezeRows(HeaderRow);
        sheet.SheetView.FreezeColumns(4);
        Print(sheet, HeaderRow);
        Protect(sheet);
    }

    /// <summary>A drop-down of <paramref name="choices"/> on the cells, refusing anything else with a message naming them.</summary>
    private static void OneOf(IXLRange cells, string name, IReadOnlyList<string> choices)
    {
        var validation = cells.SetDataValidation();
        validation.List($"\"{string.Join(',', choices)}\"", true);
        Refuse(validation, name, $"{name}は {string.Join('/', choices)} から選んでください。");
    }

    private static void Refuse(IXLDataValidation validation, string title, string message)
    {
        validation.ShowErrorMessage = true;
        validation.ErrorStyle = XLErrorStyle.Stop;
        validation.ErrorTitle = title;
        validation.ErrorMessage = message;
    }

    private static void Procedures(IXLWorksheet sheet, InquiryContent content)
    {
        Instructions(sheet, content,
        [
            "記入方法: 黄色の列 (段階・開始予定日・開始日(実績)) だけを記入してください。段階は一覧から選び、日付は 2026/11/26 の形で入力します。",
            "サービス開始にするときは開始日(実績) を入力してください (今日より後の日付は入力できません)。記入のない行は変更なしとして扱います。",
        ]);
        Header(sheet, ProcedureColumns, ProcedureStageColumn, ActualGoLiveColumn);
        var row = FirstDataRow;
        foreach (var p in content.Procedures)
        {
            Text(sheet.Cell(row, 1), p.Title);
            Text(sheet.Cell(row, 2), p.Category);
            Text(sheet.Cell(row, ProcedureStageColumn), p.Stage.Label());
            DateCell(sheet.Cell(row, PlannedGoLiveColumn), p.PlannedGoLive);
            DateCell(sheet.Cell(row, ActualGoLiveColumn), p.ActualGoLive);
            sheet.Cell(row, ProcedureIdColumn).Value = p.Id;
            Text(sheet.Cell(row, ProcedureFingerprintColumn),
                Fingerprint(new ProcedureStageChange(p.Id, p.Stage, p.PlannedGoLive, p.ActualGoLive)));
            row++;
        }
        var last = Body(sheet, ProcedureColumns.Length - 2, row, ProcedureStageColumn, ActualGoLiveColumn);
        if (last >= FirstDataRow)
        {
            OneOf(sheet.Range(FirstDataRow, ProcedureStageColumn, last, ProcedureStageColumn), "段階",
                ProcedureStages.All.Select(s => s.Label()).ToList());
            var dates = sheet.Range(FirstDataRow, PlannedGoLiveColumn, last, ActualGoLiveColumn).SetDataValidation();
            dates.Date.Between(new DateTime(2000, 1, 1), new DateTime(2099, 12, 31));
            Refuse(dates, "日付", "日付を 2026/11/26 の形で入力してください。");
        }
        sheet.Columns(ProcedureIdColumn, ProcedureFingerprintColumn).Hide();
        Finish(sheet);
    }

    private static void Cases(IXLWorksheet sheet, InquiryContent content)
    {
        Instructions(sheet, content,
        [
            "記入方法: 黄色の列 (段階・削減時間 実績) だけを記入してください。段階は一覧から選び、削減時間は 1年あたりの時間数を数字で入力します。",
            "業務名・ツール・計画の削減時間はアプリの「AI・RPA」画面で変更します。記入のない行は変更なしとして扱います。",
        ]);
        Header(sheet, CaseColumns, CaseStageColumn, CaseActualHoursColumn);
        var row = FirstDataRow;
        foreach (var c in content.Cases)
        {
            Text(sheet.Cell(row, 1), c.Business);
            Text(sheet.Cell(row, 2), c.Tool);
            Text(sheet.Cell(row, CaseStageColumn), c.Stage);
            if (c.PlannedHoursSaved is { } planned)
            {
                sheet.Cell(row, 4).Value = planned;
            }
            if (c.ActualHoursSaved is { } actual)
            {
                sheet.Cell(row, CaseActualHoursColumn).Value = actual;
            }
            sheet.Cell(row, CaseIdColumn).Value = c.Id;
            Text(sheet.Cell(row, CaseFingerprintColumn), Fingerprint(new CaseValues(c.Stage, c.ActualHoursSaved)));
            row++;
        }
        var last = Body(sheet, CaseColumns.Length - 2, row, CaseStageColumn, CaseActualHoursColumn);
        if (last >= FirstDataRow)
        {
            // 計画 sits between the two answer columns and stays the plan's figure.
            var planned = sheet.Range(FirstDataRow, 4, last, 4);
            planned.Style.Protection.SetLocked(true);
            planned.Style.Fill.BackgroundColor = XLColor.NoColor;
            OneOf(sheet.Range(FirstDataRow, CaseStageColumn, last, CaseStageColumn), "段階", AutomationStages.All);
            var hours = sheet.Range(FirstDataRow, CaseActualHoursColumn, last, CaseActualHoursColumn).SetDataValidation();
            hours.Decimal.Between(0, 1_000_000);
            Refuse(hours, "削減時間", "削減時間は 0～1,000,000 の数字で入力してください。");
        }
        sheet.Columns(CaseIdColumn, CaseFingerprintColumn).Hide();
        Finish(sheet);
    }

    private static void Header(IXLWorksheet sheet, (string Title, double Width)[] columns, int firstAnswer, int lastAnswer)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            var cell = sheet.Cell(HeaderRow, c + 1);
            Text(cell, columns[c].Title);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = c + 1 >= firstAnswer && c + 1 <= lastAnswer ? AnswerFill : HeaderFill;
            cell.Style.Alignment.WrapText = true;
            sheet.Column(c + 1).Width = columns[c].Width;
        }
    }

    /// <summary>Borders the visible table and unlocks its answer columns; returns the last data row (an empty table says so).</summary>
    private static int Body(IXLWorksheet sheet, int visibleColumns, int nextRow, int firstAnswer, int lastAnswer)
    {
        var last = nextRow - 1;
        if (last < FirstDataRow)
        {
            Text(sheet.Cell(FirstDataRow, 1), "(該当なし)");
        }
        sheet.Range(HeaderRow, 1, Math.Max(last, FirstDataRow), visibleColumns).Style
            .Border.SetInsideBorder(XLBorderStyleValues.Thin).Border.SetOutsideBorder(XLBorderStyleValues.Thin)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Top);
        if (last >= FirstDataRow)
        {
            var answers = sheet.Range(FirstDataRow, firstAnswer, last, lastAnswer);
            answers.Style.Protection.SetLocked(false);
            answers.Style.Fill.BackgroundColor = AnswerFill;
        }
        return last;
    }

    private static void Finish(IXLWorksheet sheet)
    {
        sheet.SheetView.FreezeRows(HeaderRow);
        Print(sheet, HeaderRow);
        Protect(sheet);
    }

    private static void Instructions(IXLWorksheet sheet, InquiryContent content, IReadOnlyList<string> lines)
    {
        Text(sheet.Cell(1, 1), $"進捗照会票　{content.Department}").Style.Font.SetBold().Font.SetFontSize(14);
        var at = content.ExportedAt;
        Text(sheet.Cell(2, 1),
            $"出力 {JapaneseDates.Day(DateOnly.FromDateTime(at.DateTime))} {at:HH:mm}　出力者 {content.ExportedBy}　(デジタル行政推進課)");
        for (var i = 0; i < lines.Count && i < 4; i++)
        {
            Text(sheet.Cell(3 + i, 1), lines[i]).Style.Font.SetFontColor(XLColor.FromHtml("#1F4E79"));
        }
    }

    private static void Meta(IXLWorksheet sheet, InquiryContent content)
    {
        string?[][] rows =
        [
            ["形式", Format],
            ["形式の版", FormatVersion.ToString(CultureInfo.InvariantCulture)],
            ["課ID", content.DepartmentId.ToString(CultureInfo.InvariantCulture)],
            ["課", content.Department],
            ["出力日時", content.ExportedAt.ToString("O", CultureInfo.InvariantCulture)],
            ["出力者", content.ExportedBy],
        ];
        for (var r = 0; r < rows.Length; r++)
        {
            Text(sheet.Cell(r + 1, 1), rows[r][0]);
            Text(sheet.Cell(r + 1, 2), rows[r][1]);
        }
        Protect(sheet);
        // Very hidden: not listed under Excel's 再表示, so it is not edited by accident.
        sheet.Visibility = XLWorksheetVisibility.VeryHidden;
    }

    private static void Print(IXLWorksheet sheet, int headerRow)
    {
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(headerRow, headerRow);
    }

    private static void Protect(IXLWorksheet sheet)
    {
        var protection = sheet.Protect();
        protection.AllowElement(XLSheetProtectionElements.SelectLockedCells);
        protection.AllowElement(XLSheetProtectionElements.SelectUnlockedCells);
        protection.AllowElement(XLSheetProtectionElements.FormatRows);
    }

    private static void DateCell(IXLCell cell, DateOnly? day)
    {
        if (day is { } d)
        {
            cell.Value = d.ToDateTime(TimeOnly.MinValue);
        }
        cell.Style.NumberFormat.Format = DayFormat;
    }

    // ---- reading ----------------------------------------------------------------------------------------

    public const string NotAWorkbook =
        "Excel ブック (.xlsx) として読み込めません。この画面から出力した照会票を Excel 形式 (.xlsx) のまま保存して選んでください。";

    public const string NoMeta =
        "このブックは DxRoadmap の照会票ではありません (管理情報シートがありません)。「照会票」から出力したブックに記入してください。";

    /// <summary>Reads a returned workbook. Never throws for a bad file: the whole-file refusals come back as <see cref="InquiryFile.Refusal"/>.</summary>
    public static InquiryFile Read(Stream input)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(input);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // ClosedXML and the Open XML SDK throw many kinds for a file that is not a workbook (zip, XML, format).
            return InquiryFile.Refused(NotAWorkbook);
        }
        using (workbook)
        {
            if (!workbook.TryGetWorksheet(MetaSheet, out var metaSheet) || metaSheet.Cell(1, 2).GetString() != Format)
            {
                return InquiryFile.Refused(NoMeta);
            }
            var meta = ReadMeta(metaSheet);
            if (meta is null)
            {
                return InquiryFile.Refused("照会票の管理情報が壊れています。照会票を出力し直して記入してください。");
            }
            if (meta.FormatVersion is not (1 or FormatVersion))
            {
                return InquiryFile.Refused($"この照会票の形式 (版 {meta.FormatVersion}) には対応していません。照会票を出力し直して記入してください。");
            }
            if (!workbook.TryGetWorksheet(MilestoneSheet, out var sheet))
            {
                return InquiryFile.Refused($"「{MilestoneSheet}」シートがありません。シート名を変えずに保存してください。");
            }
            var problems = new List<InquiryProblem>();
            var answers = ReadMilestones(sheet, problems);
            if (meta.FormatVersion == 1)
            {
                return new InquiryFile(null, meta, answers, problems, [], []); // its other sheets were for reference only
            }
            if (!workbook.TryGetWorksheet(ProcedureSheet, out var procedureSheet) || !workbook.TryGetWorksheet(CaseSheet, out var caseSheet))
            {
                return InquiryFile.Refused($"「{ProcedureSheet}」または「{CaseSheet}」シートがありません。シート名を変えずに保存してください。");
            }
            return new InquiryFile(null, meta, answers, problems, ReadProcedures(procedureSheet, problems), ReadCases(caseSheet, problems));
        }
    }

    private static InquiryMeta? ReadMeta(IXLWorksheet sheet)
    {
        var values = new Dictionary<string, string>();
        for (var r = 1; r <= 20; r++)
        {
            var key = sheet.Cell(r, 1).GetString();
            if (key.Length > 0)
            {
                values[key] = sheet.Cell(r, 2).GetString();
            }
        }
        if (!int.TryParse(values.GetValueOrDefault("形式の版"), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !int.TryParse(values.GetValueOrDefault("課ID"), NumberStyles.None, CultureInfo.InvariantCulture, out var departmentId)
            || string.IsNullOrWhiteSpace(values.GetValueOrDefault("課")))
        {
            return null;
        }
        DateTimeOffset? exportedAt = DateTimeOffset.TryParse(values.GetValueOrDefault("出力日時"), CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var at) ? at : null;
        return new InquiryMeta(version, departmentId, values["課"], exportedAt);
    }

    private static List<InquiryAnswer> ReadMilestones(IXLWorksheet sheet, List<InquiryProblem> problems)
    {
        var answers = new List<InquiryAnswer>();
        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
        for (var row = FirstDataRow; row <= lastRow; row++)
        {
            var cells = sheet.Row(row);
            void Problem(int column, string message) => problems.Add(new InquiryProblem(MilestoneSheet, row, ColumnLabel(column), message));

            var idText = cells.Cell(IdColumn).GetString().Trim();
            if (idText.Length == 0)
            {
                var filled = Enumerable.Range(StatusColumn, CommentColumn - StatusColumn + 1).Any(c => !cells.Cell(c).IsEmpty());
                if (filled)
                {
                    Problem(CodeColumn, "照合用の情報がない行に記入されています。行を追加せず、出力された行に記入してください。");
                }
                continue;
            }
            if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || !Guid.TryParseExact(cells.Cell(VersionColumn).GetString().Trim(), "D", out var version))
            {
                Problem(IdColumn, "照合用の情報 (非表示の列) が壊れています。照会票を出力し直して記入してください。");
                continue;
            }

            var model = new MilestoneEditModel();
            var ok = true;
            var statusText = cells.Cell(StatusColumn).GetString().Trim();
            if (StatusNames.TryParse(statusText, out var status))
            {
                model.Status = status;
            }
            else
            {
                ok = false;
                Problem(StatusColumn, statusText.Length == 0
                    ? "状態を選んでください。"
                    : $"状態「{statusText}」は使えません。{string.Join('/', StatusNames.All.Select(s => s.Label()))} から選んでください。");
            }
            if (ReadWholeNumber(cells.Cell(ProgressColumn)) is { } progress)
            {
                model.Progress = progress;
            }
            else
            {
                ok = false;
                Problem(ProgressColumn, "進捗率は 0～100 の整数で入力してください。");
            }
            ok &= ReadDay(cells.Cell(ActualStartColumn), out var start, () => Problem(ActualStartColumn, "実績開始は 2026/11/26 の形の日付で入力してください。"));
            ok &= ReadDay(cells.Cell(ActualEndColumn), out var end, () => Problem(ActualEndColumn, "実績終了は 2026/11/26 の形の日付で入力してください。"));
            model.ActualStart = start?.ToDateTime(TimeOnly.MinValue);
            model.ActualEnd = end?.ToDateTime(TimeOnly.MinValue);
            model.DelayReason = NormalizeText(cells.Cell(DelayReasonColumn).GetString());
            model.Countermeasure = NormalizeText(cells.Cell(CountermeasureColumn).GetString());
            model.Note = NormalizeText(cells.Cell(NoteColumn).GetString());
            model.Comment = NormalizeText(cells.Cell(CommentColumn).GetString());

            answers.Add(new InquiryAnswer(row, id, version, cells.Cell(FingerprintColumn).GetString().Trim(),
                cells.Cell(CodeColumn).GetString(), cells.Cell(4).GetString(), ok ? model : null));
        }
        return answers;
    }

    private static List<ProcedureAnswer> ReadProcedures(IXLWorksheet sheet, List<InquiryProblem> problems)
    {
        var answers = new List<ProcedureAnswer>();
        foreach (var (cells, id, report) in IdentifiedRows(sheet, ProcedureSheet, ProcedureStageColumn, ActualGoLiveColumn, ProcedureIdColumn, problems))
        {
            var ok = true;
            var stageText = cells.Cell(ProcedureStageColumn).GetString().Trim();
            if (!ProcedureStages.TryParse(stageText, out var stage))
            {
                ok = false;
                report(ProcedureStageColumn, stageText.Length == 0
                    ? "段階を選んでください。"
                    : $"段階「{stageText}」は使えません。{string.Join('/', ProcedureStages.All.Select(s => s.Label()))} から選んでください。");
            }
            ok &= ReadDay(cells.Cell(PlannedGoLiveColumn), out var planned, () => report(PlannedGoLiveColumn, "開始予定日は 2026/11/26 の形の日付で入力してください。"));
            ok &= ReadDay(cells.Cell(ActualGoLiveColumn), out var actual, () => report(ActualGoLiveColumn, "開始日(実績) は 2026/11/26 の形の日付で入力してください。"));
            answers.Add(new ProcedureAnswer(cells.RowNumber(), id, cells.Cell(ProcedureFingerprintColumn).GetString().Trim(), cells.Cell(1).GetString(),
                ok ? new ProcedureStageChange(id, stage, planned, actual) : null));
        }
        return answers;
    }

    private static List<CaseAnswer> ReadCases(IXLWorksheet sheet, List<InquiryProblem> problems)
    {
        var answers = new List<CaseAnswer>();
        foreach (var (cells, id, report) in IdentifiedRows(sheet, CaseSheet, CaseStageColumn, CaseActualHoursColumn, CaseIdColumn, problems))
        {
            var stage = cells.Cell(CaseStageColumn).GetString().Trim();
            var hoursCell = cells.Cell(CaseActualHoursColumn);
            decimal? hours = null;
            var ok = true;
            if (!hoursCell.IsEmpty() && hoursCell.GetString().Trim().Length > 0)
            {
                if (hoursCell.DataType == XLDataType.Number)
                {
                    hours = (decimal)hoursCell.GetDouble();
                }
                else if (decimal.TryParse(hoursCell.GetString().Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                {
                    hours = parsed;
                }
                else
                {
                    ok = false;
                    report(CaseActualHoursColumn, "削減時間 実績は数字 (1年あたりの時間数) で入力してください。");
                }
            }
            answers.Add(new CaseAnswer(cells.RowNumber(), id, cells.Cell(CaseFingerprintColumn).GetString().Trim(), cells.Cell(1).GetString(),
                ok ? new CaseValues(stage.Length == 0 ? null : stage, hours) : null));
        }
        return answers;
    }

    /// <summary>
    /// The data rows of a 手続 or AI・RPA sheet that carry a readable hidden id, each with a way to report a problem in
    /// it. Rows without an id are skipped, or reported when their answer cells were filled in.
    /// </summary>
    private static IEnumerable<(IXLRow Cells, int Id, Action<int, string> Report)> IdentifiedRows(IXLWorksheet sheet, string sheetName,
        int firstAnswer, int lastAnswer, int idColumn, List<InquiryProblem> problems)
    {
        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
        for (var row = FirstDataRow; row <= lastRow; row++)
        {
            var cells = sheet.Row(row);
            var at = row;
            void Report(int column, string message) => problems.Add(new InquiryProblem(sheetName, at, ColumnLabel(sheetName, column), message));

            var idText = cells.Cell(idColumn).GetString().Trim();
            if (idText.Length == 0)
            {
                if (Enumerable.Range(firstAnswer, lastAnswer - firstAnswer + 1).Any(c => !cells.Cell(c).IsEmpty()))
                {
                    Report(1, "照合用の情報がない行に記入されています。行を追加せず、出力された行に記入してください。");
                }
                continue;
            }
            if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                Report(idColumn, "照合用の情報 (非表示の列) が壊れています。照会票を出力し直して記入してください。");
                continue;
            }
            yield return (cells, id, Report);
        }
    }

    /// <summary>A whole number from a number cell or from text such as "50" or "50%"; null when it is neither.</summary>
    private static int? ReadWholeNumber(IXLCell cell)
    {
        if (cell.IsEmpty())
        {
            return null;
        }
        double value;
        if (cell.DataType == XLDataType.Number)
        {
            value = cell.GetDouble();
        }
        else if (!double.TryParse(cell.GetString().Trim().TrimEnd('%', '％'), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }
        // Range is the editor validator's rule; here only "is it a whole number".
        return value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue ? (int)value : null;
    }

    private static readonly string[] DayFormats = ["yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日"];

    /// <returns>False (after reporting) when the cell holds something that is not a date; an empty cell is no date.</returns>
    private static bool ReadDay(IXLCell cell, out DateOnly? day, Action report)
    {
        day = null;
        if (cell.IsEmpty() || cell.GetString().Trim().Length == 0)
        {
            return true;
        }
        switch (cell.DataType)
        {
            case XLDataType.DateTime:
                day = DateOnly.FromDateTime(cell.GetDateTime());
                return true;
            case XLDataType.Number when cell.GetDouble() is > 0 and < 2958466:
                day = DateOnly.FromDateTime(DateTime.FromOADate(cell.GetDouble()));
                return true;
        }
        if (DateOnly.TryParseExact(cell.GetString().Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }
        report();
        return false;
    }

    /// <summary>
    /// The rule of <see cref="XlsxCell.Text"/> for this ClosedXML workbook: typed explicitly so ClosedXML never
    /// guesses a number or date, and formula-looking text gets Excel's quote prefix so editing the cell does not
    /// turn it into a formula.
    /// </summary>
    private static IXLCell Text(IXLCell cell, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return cell;
        }
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        if (XlsxCell.LooksLikeFormula(text))
        {
            cell.Style.IncludeQuotePrefix = true;
        }
        return cell;
    }
}

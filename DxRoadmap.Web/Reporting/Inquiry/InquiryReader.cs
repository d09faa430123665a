using System.Globalization;
using ClosedXML.Excel;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Services;

namespace DxRoadmap.Web.Reporting;

// Reading a returned 照会票: each answer sheet's rows found by the hidden identity columns its InquirySheet names.
public static partial class InquiryWorkbook
{
    public const string NotAWorkbook =
        "Excel ブック (.xlsx) として読み込めません。この画面から出力した照会票を Excel 形式 (.xlsx) のまま保存して選んでください。";

    public const string NoMeta =
        "このブックは DxRoadmap の照会票ではありません (管理情報シートがありません)。「照会票」から出力したブックに記入してください。";

    public const string Unreadable =
        "ブックの内容を読み取れませんでした (照会票にない形のセルがあります)。照会票を出力し直して記入してください。";

    /// <summary>Reading stops after this many problems: enough to show what is wrong, without listing a whole broken sheet.</summary>
    public const int MaxProblems = 200;

    /// <summary>
    /// Reads a returned workbook. Never throws for a bad file: the whole-file refusals come back as
    /// <see cref="InquiryFile.Refusal"/>. The package is checked against <see cref="WorkbookLimits.Upload"/> first, so
    /// ClosedXML only parses a workbook of bounded size.
    /// </summary>
    public static InquiryFile Read(Stream input)
    {
        if (WorkbookGuard.Open(input, WorkbookLimits.Upload, out var refusal) is not { } workbook)
        {
            return InquiryFile.Refused(refusal!);
        }
        using (workbook)
        {
            try
            {
                return Read(workbook);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                // ClosedXML reads some parts and converts cells only on access, so a damaged part or a cell of a type the
                // export never writes can still throw here, of many kinds.
                return InquiryFile.Refused(Unreadable);
            }
        }
    }

    private static InquiryFile Read(XLWorkbook workbook)
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
        var milestones = ReadRows(sheet, Milestones, problems, ReadMilestone);
        if (meta.FormatVersion == 1)
        {
            return new InquiryFile(null, meta, problems, milestones, [], []); // its other sheets were for reference only
        }
        if (!workbook.TryGetWorksheet(ProcedureSheet, out var procedureSheet) || !workbook.TryGetWorksheet(CaseSheet, out var caseSheet))
        {
            return InquiryFile.Refused($"「{ProcedureSheet}」または「{CaseSheet}」シートがありません。シート名を変えずに保存してください。");
        }
        var procedures = ReadRows(procedureSheet, Procedures, problems, ReadProcedure);
        return new InquiryFile(null, meta, problems, milestones, procedures, ReadRows(caseSheet, Cases, problems, ReadCase));
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

    /// <summary>Reports a problem in a column of the row being read.</summary>
    private delegate void Report(int column, string message);

    /// <summary>
    /// The data rows of an answer sheet that carry a readable hidden identity, each with its answer read by
    /// <paramref name="values"/> from the row and its id (null when a cell could not be read; the cell is then reported). Rows without an id
    /// are skipped, or reported when their answer cells were filled in.
    /// </summary>
    private static List<InquiryRow<T>> ReadRows<T>(IXLWorksheet sheet, InquirySheet layout, List<InquiryProblem> problems,
        Func<IXLRow, int, Report, T?> values) where T : class
    {
        var rows = new List<InquiryRow<T>>();
        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
        for (var row = FirstDataRow; row <= lastRow; row++)
        {
            if (problems.Count >= MaxProblems)
            {
                if (problems[^1].Row != 0)
                {
                    problems.Add(new InquiryProblem(layout.Name, 0, "", $"問題が {MaxProblems} 件を超えたため、ここから先は確認していません。"));
                }
                break;
            }
            var cells = sheet.Row(row);
            var at = row;
            void Problem(int column, string message) => problems.Add(new InquiryProblem(layout.Name, at, layout.Label(column), message));

            var idText = cells.Cell(layout.IdColumn).GetString().Trim();
            if (idText.Length == 0)
            {
                if (Enumerable.Range(layout.FirstAnswer, layout.LastAnswer - layout.FirstAnswer + 1).Any(c => !cells.Cell(c).IsEmpty()))
                {
                    Problem(1, "照合用の情報がない行に記入されています。行を追加せず、出力された行に記入してください。");
                }
                continue;
            }
            Guid? version = null;
            if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || (layout.VersionColumn > 0 && !TryVersion(cells.Cell(layout.VersionColumn), out version)))
            {
                Problem(layout.IdColumn, "照合用の情報 (非表示の列) が壊れています。照会票を出力し直して記入してください。");
                continue;
            }
            rows.Add(new InquiryRow<T>(row, id, version, cells.Cell(layout.FingerprintColumn).GetString().Trim(),
                layout.CodeColumn > 0 ? cells.Cell(layout.CodeColumn).GetString() : "", cells.Cell(layout.TitleColumn).GetString(),
                values(cells, id, Problem)));
        }
        return rows;
    }

    private static bool TryVersion(IXLCell cell, out Guid? version)
    {
        var ok = Guid.TryParseExact(cell.GetString().Trim(), "D", out var parsed);
        version = ok ? parsed : null;
        return ok;
    }

    private static MilestoneEditModel? ReadMilestone(IXLRow cells, int id, Report report)
    {
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
            report(StatusColumn, statusText.Length == 0
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
            report(ProgressColumn, "進捗率は 0～100 の整数で入力してください。");
        }
        ok &= ReadDay(cells.Cell(ActualStartColumn), out var start, () => report(ActualStartColumn, "実績開始は 2026/11/26 の形の日付で入力してください。"));
        ok &= ReadDay(cells.Cell(ActualEndColumn), out var end, () => report(ActualEndColumn, "実績終了は 2026/11/26 の形の日付で入力してください。"));
        model.ActualStart = start?.ToDateTime(TimeOnly.MinValue);
        model.ActualEnd = end?.ToDateTime(TimeOnly.MinValue);
        model.DelayReason = NormalizeText(cells.Cell(DelayReasonColumn).GetString());
        model.Countermeasure = NormalizeText(cells.Cell(CountermeasureColumn).GetString());
        model.Note = NormalizeText(cells.Cell(NoteColumn).GetString());
        model.Comment = NormalizeText(cells.Cell(CommentColumn).GetString());
        return ok ? model : null;
    }

    private static ProcedureStageChange? ReadProcedure(IXLRow cells, int id, Report report)
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
        return ok ? new ProcedureStageChange(id, stage, planned, actual) : null;
    }

    private static CaseValues? ReadCase(IXLRow cells, int id, Report report)
    {
        var stage = cells.Cell(CaseStageColumn).GetString().Trim();
        var hoursCell = cells.Cell(CaseActualHoursColumn);
        decimal? hours = null;
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
                report(CaseActualHoursColumn, "削減時間 実績は数字 (1年あたりの時間数) で入力してください。");
                return null;
            }
        }
        return new CaseValues(stage.Length == 0 ? null : stage, hours);
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
        try
        {
            day = ReadDay(cell, out var ok);
            if (ok)
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // A number in a date cell that is no date (20261126): ClosedXML cannot show it as one.
            day = null;
        }
        report();
        return false;
    }

    private static DateOnly? ReadDay(IXLCell cell, out bool ok)
    {
        ok = true;
        if (cell.IsEmpty() || cell.GetString().Trim().Length == 0)
        {
            return null;
        }
        switch (cell.DataType)
        {
            case XLDataType.DateTime:
                return DateOnly.FromDateTime(cell.GetDateTime());
            case XLDataType.Number when cell.GetDouble() is > 0 and < 2958466:
                return DateOnly.FromDateTime(DateTime.FromOADate(cell.GetDouble()));
        }
        if (DateOnly.TryParseExact(cell.GetString().Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }
        ok = false;
        return null;
    }
}

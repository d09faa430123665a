using ClosedXML.Excel;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// Lays a <see cref="CommitteeReport"/> out as an Excel workbook. Content comes from the report model only;
/// this class decides sheets, cells, widths, fills and print settings.
/// </summary>
public static class ExcelReportWriter
{
    /// <summary>BIZ UDPゴシック as Excel names it on Windows, where the 部会's copies are opened.</summary>
    public const string FontName = "BIZ UDPゴシック";

    public const string SummarySheet = "概要";
    public const string ListSheet = "工程一覧";
    public const string LateSheet = "遅延一覧";
    public const string DepartmentSheet = "課別";
    public const string GanttSheet = "ガント";
    public const string StandardisationSheet = "標準化";
    public const string ProcedureSheet = "オンライン化手続";
    public const string AutomationSheet = "AI・RPA";
    public const string ChangeSheet = "増減";

    private const string DayFormat = "yyyy/mm/dd";
    private const string MonthFormat = "yyyy/mm";
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DCE6F1");
    private static readonly XLColor TitleFill = XLColor.FromHtml("#1F4E79");

    public static void Write(CommitteeReport report, Stream output)
    {
        using var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = FontName;
        workbook.Style.Font.FontSize = 10;
        workbook.Properties.Title = $"{report.Header.PlanTitle} {report.Header.Title}";
        workbook.Properties.Subject = $"{report.Header.MeetingName} 基準日 {report.Header.AsOfLabel}";
        workbook.Properties.Author = report.Header.IssuedBy;
        workbook.Properties.Company = report.Header.IssuedBy;

        Summary(workbook.Worksheets.Add(SummarySheet), report);
        if (report.Changes is { } changes)
        {
            Changes(workbook.Worksheets.Add(ChangeSheet), report.Header, changes);
        }
        MilestoneList(workbook.Worksheets.Add(ListSheet), report.Header, report.Milestones);
        LateList(workbook.Worksheets.Add(LateSheet), report.Header, report.Late);
        Departments(workbook.Worksheets.Add(DepartmentSheet), report.Header, report.Departments);
        Gantt(workbook.Worksheets.Add(GanttSheet), report.Header, report.Gantt);
        if (report.Standardisation is { } standardisation)
        {
            Standardisation(workbook.Worksheets.Add(StandardisationSheet), report.Header, standardisation);
        }
        if (report.Procedures is { } procedures)
        {
            Procedures(workbook.Worksheets.Add(ProcedureSheet), report.Header, procedures);
        }
        if (report.Automation is { } automation)
        {
            Automation(workbook.Worksheets.Add(AutomationSheet), report.Header, automation);
        }
        workbook.SaveAs(output);
    }

    private static void Summary(IXLWorksheet sheet, CommitteeReport report)
    {
        var h = report.Header;
        Text(sheet.Cell(1, 1), $"{h.PlanTitle} {h.Title}").Style.Font.SetBold().Font.SetFontSize(14);
        Text(sheet.Cell(2, 1), $"{h.MeetingName}　基準日 {h.AsOfWithWestern}　対象 {h.ScopeLabel}　作成 {h.IssuedBy}"
            + (h.SampleData ? "　※サンプルデータ" : ""));
        const int headerRow = 4;
        var columns = new (string Title, double Width)[]
        {
            ("重点取組", 8), ("名称", 34), ("主管課", 18), ("工程数", 7), ("国・県", 7), ("未着手", 7), ("進行中", 7),
            ("完了", 7), ("保留", 7), ("中止", 7), ("遅延", 7), ("着手遅れ", 9), ("要注意", 7), ("更新なし", 9),
            ("完了率", 8), ("進捗(実績)", 10), ("進捗(計画)", 10), ("信号", 6), ("評価", 14),
        };
        Header(sheet, headerRow, columns);
        var row = headerRow + 1;
        foreach (var i in report.Initiatives)
        {
            Text(sheet.Cell(row, 1), i.Code);
            Text(sheet.Cell(row, 2), i.Title);
            Text(sheet.Cell(row, 3), i.LeadDepartment);
            var counts = new[] { i.Total, i.External, i.NotStarted, i.InProgress, i.Done, i.OnHold, i.Cancelled,
                i.Overdue, i.LateStart, i.AtRisk, i.Stale };
            for (var c = 0; c < counts.Length; c++)
            {
                sheet.Cell(row, 4 + c).SetValue(counts[c]);
            }
            Percent(sheet.Cell(row, 15), i.ShareDone);
            Percent(sheet.Cell(row, 16), i.ActualProgress / 100.0);
            Percent(sheet.Cell(row, 17), i.ExpectedProgress / 100.0);
            SignalCell(sheet.Cell(row, 18), i.Signal);
            var evaluation = Text(sheet.Cell(row, 19), i.EvaluationLabel);
            evaluation.Style.Font.Bold = true;
            evaluation.Style.Fill.BackgroundColor = XLColor.FromHtml(ReportPalette.Evaluation(i.Evaluation).Light);
            row++;
        }
        Table(sheet, headerRow, row - 1, columns.Length);

        row += 1;
        Text(sheet.Cell(row++, 1), "評価の基準").Style.Font.Bold = true;
        foreach (var line in ReportNotes.EvaluationRule)
        {
            Text(sheet.Cell(row++, 1), line);
        }
        Text(sheet.Cell(row++, 1), ReportNotes.Signal);
        Print(sheet, headerRow);
    }

    private static void Changes(IXLWorksheet sheet, ReportHeader h, ChangeSection changes)
    {
        Stamp(sheet, $"前回会議 ({changes.SinceLabel}) からの増減", h);
        var columns = new (string, double)[]
        {
            ("重点取組", 8), ("名称", 34), ("完了(前回)", 10), ("完了(今回)", 10), ("完了 増減", 10),
            ("遅延(前回)", 10), ("遅延(今回)", 10), ("遅延 増減", 10), ("評価(前回)", 14), ("評価(今回)", 14),
        };
        Header(sheet, 2, columns);
        var row = 3;
        foreach (var i in changes.Initiatives)
        {
            Text(sheet.Cell(row, 1), i.Code);
            Text(sheet.Cell(row, 2), i.Title);
            sheet.Cell(row, 3).SetValue(i.DoneBefore);
            sheet.Cell(row, 4).SetValue(i.DoneNow);
            Delta(sheet.Cell(row, 5), i.DoneDelta);
            sheet.Cell(row, 6).SetValue(i.LateBefore);
            sheet.Cell(row, 7).SetValue(i.LateNow);
            Delta(sheet.Cell(row, 8), i.LateDelta);
            Text(sheet.Cell(row, 9), EvaluationRule.Label(i.EvaluationBefore));
            Text(sheet.Cell(row, 10), EvaluationRule.Label(i.EvaluationNow));
            row++;
        }
        Table(sheet, 2, row - 1, columns.Length);
        row += 1;
        Text(sheet.Cell(row++, 1), changes.Milestones.Count == 0 ? "変更のあった工程はありません。" : "変更のあった工程")
            .Style.Font.Bold = true;
        if (changes.Milestones.Count > 0)
        {
            var first = row;
            foreach (var (title, col) in new[] { ("コード", 1), ("重点取組", 2), ("工程名", 3), ("主管課", 4), ("変更内容", 5) })
            {
                HeaderCell(sheet.Cell(row, col), title);
            }
            row++;
            foreach (var m in changes.Milestones)
            {
                Text(sheet.Cell(row, 1), m.Code);
                Text(sheet.Cell(row, 2), m.InitiativeCode);
                Text(sheet.Cell(row, 3), m.Title);
                Text(sheet.Cell(row, 4), m.Owner);
                Text(sheet.Cell(row, 5), m.Change);
                row++;
            }
            sheet.Range(first, 1, row - 1, 5).Style.Border.SetInsideBorder(XLBorderStyleValues.Thin)
                .Border.SetOutsideBorder(XLBorderStyleValues.Thin);
        }
        sheet.Column(3).Width = Math.Max(sheet.Column(3).Width, 40);
        sheet.Column(5).Width = Math.Max(sheet.Column(5).Width, 40);
        Print(sheet, 2);
    }

    private static readonly (string Title, double Width)[] ListColumns =
    [
        ("コード", 9), ("重点取組", 8), ("取組項目", 26), ("工程名", 40), ("主管課", 18), ("関係課", 24), ("計画期間", 30),
        ("計画開始", 10), ("計画終了", 10), ("状態", 8), ("進捗率", 8), ("実績開始", 11), ("実績終了", 11),
        ("判定", 18), ("信号", 6), ("遅延理由", 40), ("対応策", 40), ("備考", 30), ("出典", 14),
    ];

    private static void MilestoneList(IXLWorksheet sheet, ReportHeader h, IReadOnlyList<MilestoneRow> rows)
    {
        Stamp(sheet, ListSheet, h);
        Header(sheet, 2, ListColumns);
        var row = 3;
        foreach (var m in rows)
        {
            Text(sheet.Cell(row, 1), m.Code);
            Text(sheet.Cell(row, 2), m.InitiativeCode);
            Text(sheet.Cell(row, 3), m.TrackTitle);
            Text(sheet.Cell(row, 4), m.Title);
            Text(sheet.Cell(row, 5), m.Owner);
            Text(sheet.Cell(row, 6), m.Related);
            Text(sheet.Cell(row, 7), m.Period);
            PlanDateCell(sheet.Cell(row, 8), m.PlannedStart, columnIsMonths: true);
            PlanDateCell(sheet.Cell(row, 9), m.PlannedEnd, columnIsMonths: true);
            Text(sheet.Cell(row, 10), m.StatusLabel);
            sheet.Cell(row, 11).SetValue(m.Progress / 100.0);
            DayCell(sheet.Cell(row, 12), m.ActualStart, styled: false);
            DayCell(sheet.Cell(row, 13), m.ActualEnd, styled: false);
            Text(sheet.Cell(row, 14), m.State);
            SignalCell(sheet.Cell(row, 15), m.Signal, fillOnly: true);
            Text(sheet.Cell(row, 16), m.DelayReason);
            Text(sheet.Cell(row, 17), m.Countermeasure);
            Text(sheet.Cell(row, 18), m.Note);
            Text(sheet.Cell(row, 19), m.Source);
            if (m.External)
            {
                sheet.Range(row, 1, row, 14).Style.Font.FontColor = XLColor.FromHtml(ReportPalette.ExternalText);
            }
            row++;
        }
        Table(sheet, 2, row - 1, ListColumns.Length);
        Wrap(sheet, 3, row - 1, [3, 4, 6, 7, 14, 16, 17, 18]);
        // Formats set once per column rather than per cell: ClosedXML's per-cell styling dominates large lists.
        if (row > 3)
        {
            sheet.Range(3, 8, row - 1, 9).Style.NumberFormat.Format = MonthFormat;
            sheet.Range(3, 11, row - 1, 11).Style.NumberFormat.Format = "0%";
            sheet.Range(3, 12, row - 1, 13).Style.NumberFormat.Format = DayFormat;
            SignalColumn(sheet.Range(3, 15, row - 1, 15));
        }
        sheet.SheetView.Freeze(2, 4);
        Print(sheet, 2);
    }

    private static void LateList(IXLWorksheet sheet, ReportHeader h, IReadOnlyList<MilestoneRow> rows)
    {
        Stamp(sheet, LateSheet, h);
        var columns = new (string, double)[]
        {
            ("コード", 9), ("重点取組", 8), ("工程名", 36), ("主管課", 18), ("計画期間", 28), ("状態", 8), ("進捗率", 8),
            ("判定", 18), ("遅延理由", 50), ("対応策", 50),
        };
        Header(sheet, 2, columns);
        var row = 3;
        foreach (var m in rows)
        {
            Text(sheet.Cell(row, 1), m.Code);
            Text(sheet.Cell(row, 2), m.InitiativeCode);
            Text(sheet.Cell(row, 3), m.Title);
            Text(sheet.Cell(row, 4), m.Owner);
            Text(sheet.Cell(row, 5), m.Period);
            Text(sheet.Cell(row, 6), m.StatusLabel);
            Percent(sheet.Cell(row, 7), m.Progress / 100.0);
            Text(sheet.Cell(row, 8), m.State).Style.Font.FontColor = XLColor.FromHtml(ReportPalette.Signal(Signal.Red).Strong);
            Text(sheet.Cell(row, 9), m.DelayReason ?? ReportNotes.NoReason);
            Text(sheet.Cell(row, 10), m.Countermeasure ?? ReportNotes.NoCountermeasure);
            row++;
        }
        if (rows.Count == 0)
        {
            Text(sheet.Cell(row++, 1), ReportNotes.NoLateItems);
        }
        Table(sheet, 2, Math.Max(row - 1, 2), columns.Length);
        Wrap(sheet, 3, row - 1, [3, 5, 8, 9, 10]);
        Print(sheet, 2);
    }

    private static void Departments(IXLWorksheet sheet, ReportHeader h, IReadOnlyList<DepartmentRow> rows)
    {
        Stamp(sheet, DepartmentSheet, h);
        var columns = new (string, double)[]
        {
            ("部", 12), ("課", 20), ("工程数", 8), ("うち主管", 9), ("未着手", 8), ("進行中", 8), ("完了", 8), ("遅延", 8), ("要注意", 8),
            ("完了率", 8), ("信号", 6),
        };
        Header(sheet, 2, columns);
        var row = 3;
        foreach (var d in rows)
        {
            Text(sheet.Cell(row, 1), d.Division);
            Text(sheet.Cell(row, 2), d.Name);
            sheet.Cell(row, 3).SetValue(d.Total);
            sheet.Cell(row, 4).SetValue(d.Owned);
            sheet.Cell(row, 5).SetValue(d.NotStarted);
            sheet.Cell(row, 6).SetValue(d.InProgress);
            sheet.Cell(row, 7).SetValue(d.Done);
            sheet.Cell(row, 8).SetValue(d.Late);
            sheet.Cell(row, 9).SetValue(d.Attention);
            Percent(sheet.Cell(row, 10), d.ShareDone);
            SignalCell(sheet.Cell(row, 11), d.Signal);
            row++;
        }
        Table(sheet, 2, Math.Max(row - 1, 2), columns.Length);
        Print(sheet, 2);
    }

    /// <summary>
    /// The chart as cells: one column per month under merged 令和N年度 headers. A bar fills the months it
    /// touches, the done share of them in the strong tone; a ◆ is a mark in its month; the as-of month is
    /// outlined in red. Columns come from the layout's month ticks, so Excel and PDF agree on every month.
    /// </summary>
    private static void Gantt(IXLWorksheet sheet, ReportHeader h, GanttChart chart)
    {
        Stamp(sheet, "工程表 (ガント)", h);
        const int yearRow = 2, monthRow = 3, firstMonthColumn = 5;
        var titles = new (string Title, double Width)[] { ("コード", 9), ("工程", 44), ("主管課", 16), ("状態", 8) };
        for (var c = 0; c < titles.Length; c++)
        {
            sheet.Range(yearRow, c + 1, monthRow, c + 1).Merge();
            HeaderCell(sheet.Cell(yearRow, c + 1), titles[c].Title);
            sheet.Column(c + 1).Width = titles[c].Width;
        }
        var months = chart.Ticks.Where(t => t.X >= 0 && t.X < chart.Width).ToList();
        var bounds = months.Select((t, i) => (From: t.X, To: i + 1 < months.Count ? months[i + 1].X : chart.Width)).ToList();
        for (var i = 0; i < months.Count; i++)
        {
            var column = firstMonthColumn + i;
            HeaderCell(sheet.Cell(monthRow, column), months[i].Month.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sheet.Column(column).Width = 3.6;
        }
        foreach (var band in chart.YearBands)
        {
            var first = bounds.FindIndex(b => b.From >= band.X0);
            var last = bounds.FindLastIndex(b => b.To <= band.X1);
            if (first < 0 || last < first)
            {
                continue;
            }
            var range = sheet.Range(yearRow, firstMonthColumn + first, yearRow, firstMonthColumn + last).Merge();
            HeaderCell(range.FirstCell(), band.Label);
        }
        var todayColumn = chart.TodayX is { } today ? bounds.FindIndex(b => today >= b.From && today < b.To) : -1;
        if (todayColumn >= 0)
        {
            var header = sheet.Cell(monthRow, firstMonthColumn + todayColumn);
            header.Style.Fill.BackgroundColor = XLColor.FromHtml(ReportPalette.Signal(Signal.Red).Strong);
            header.Style.Font.FontColor = XLColor.White;
        }

        var firstDataRow = monthRow + 1;
        foreach (var row in chart.Rows)
        {
            var r = firstDataRow + row.Index;
            Text(sheet.Cell(r, 1), row.Kind == GanttRowKind.Track ? "" : row.Code);
            Text(sheet.Cell(r, 2), new string('　', row.Depth) + row.Title);
            Text(sheet.Cell(r, 3), row.Owner);
            if (row.IsGroup)
            {
                sheet.Range(r, 1, r, 4).Style.Font.Bold = true;
                sheet.Range(r, 1, r, 4).Style.Fill.BackgroundColor = XLColor.FromHtml(row.Kind == GanttRowKind.Initiative ? "#E8EEF5" : "#F4F6F9");
            }
            else if (row.Status is { } status)
            {
                Text(sheet.Cell(r, 4), row.Item!.Milestone.IsExternal ? "国・県" : status.Label());
            }
        }
        foreach (var bar in chart.Bars)
        {
            var covered = Enumerable.Range(0, bounds.Count).Where(i => bounds[i].To > bar.X0 && bounds[i].From < bar.X1).ToList();
            var tone = ReportPalette.Gantt(bar.Tone);
            var doneCells = (int)Math.Round(covered.Count * bar.Progress);
            for (var k = 0; k < covered.Count; k++)
            {
                var cell = sheet.Cell(firstDataRow + bar.Row, firstMonthColumn + covered[k]);
                var strong = bar.Tone == GanttTone.Summary || k < doneCells;
                cell.Style.Fill.BackgroundColor = XLColor.FromHtml(strong ? tone.Strong : tone.Light);
            }
            if (bar.OverdueTo is { } overdue)
            {
                Overdue(bar.Row, bar.X1, overdue);
            }
        }
        foreach (var diamond in chart.Diamonds)
        {
            var i = bounds.FindIndex(b => diamond.X >= b.From && diamond.X < b.To);
            if (i < 0)
            {
                continue;
            }
            if (diamond.OverdueTo is { } overdue)
            {
                Overdue(diamond.Row, bounds[i].To, overdue);
            }
            var cell = Text(sheet.Cell(firstDataRow + diamond.Row, firstMonthColumn + i), "◆");
            cell.Style.Font.FontColor = XLColor.FromHtml(ReportPalette.Gantt(diamond.Tone).Strong);
            cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        }
        var lastRow = firstDataRow + Math.Max(chart.RowCount, 1) - 1;

        // The months between a missed end and the as-of date, hatched red.
        void Overdue(int row, double from, double to)
        {
            foreach (var i in Enumerable.Range(0, bounds.Count).Where(i => bounds[i].From >= from && bounds[i].From < to))
            {
                var cell = sheet.Cell(firstDataRow + row, firstMonthColumn + i);
                cell.Style.Fill.BackgroundColor = XLColor.White;
                cell.Style.Fill.PatternType = XLFillPatternValues.LightUp;
                cell.Style.Fill.PatternColor = XLColor.FromHtml(ReportPalette.Gantt(GanttTone.Late).Strong);
            }
        }
        var lastColumn = firstMonthColumn + Math.Max(months.Count, 1) - 1;
        // The month grid is Excel's own gridlines, shown and printed, rather than a border on every cell: at
        // 10,000 rows × 84 months, per-cell borders would make almost a million styled cells.
        sheet.Range(yearRow, 1, monthRow, lastColumn).Style.Border.SetInsideBorder(XLBorderStyleValues.Thin)
            .Border.SetOutsideBorder(XLBorderStyleValues.Thin);
        sheet.ShowGridLines = true;
        sheet.PageSetup.ShowGridlines = true;
        for (var i = 0; i < months.Count; i++)
        {
            if (months[i].FiscalYearStart)
            {
                sheet.Range(yearRow, firstMonthColumn + i, lastRow, firstMonthColumn + i).Style.Border.LeftBorder = XLBorderStyleValues.Medium;
            }
        }
        if (todayColumn >= 0)
        {
            var column = sheet.Range(monthRow, firstMonthColumn + todayColumn, lastRow, firstMonthColumn + todayColumn);
            column.Style.Border.LeftBorder = XLBorderStyleValues.Medium;
            column.Style.Border.LeftBorderColor = XLColor.FromHtml(ReportPalette.Signal(Signal.Red).Strong);
        }
        if (chart.RowCount > 0)
        {
            sheet.Range(monthRow, 1, lastRow, 4).SetAutoFilter();
        }
        sheet.SheetView.Freeze(monthRow, 4);

        var legendRow = lastRow + 2;
        Text(sheet.Cell(legendRow, 2), "凡例").Style.Font.Bold = true;
        Text(sheet.Cell(legendRow, 3), "濃い色 = 進捗済みの月、斜線 = 期限を過ぎた月、◆ = 時点の工程、赤い月 = 基準日");
        var legend = legendRow + 1;
        foreach (var tone in new[] { GanttTone.Done, GanttTone.InProgress, GanttTone.NotStarted, GanttTone.AtRisk, GanttTone.Late, GanttTone.External, GanttTone.OnHold })
        {
            var swatch = sheet.Cell(legend++, 2);
            Text(swatch, tone.Label());
            swatch.Style.Fill.BackgroundColor = XLColor.FromHtml(ReportPalette.Gantt(tone).Light);
        }
        Print(sheet, monthRow);
        sheet.PageSetup.SetColumnsToRepeatAtLeft(1, 2);
    }

    /// <summary>
    /// One row per system and one column per step under merged phase headers: a finished step is ● on green,
    /// an open one blank, so the sheet reads like the national progress table.
    /// </summary>
    private static void Standardisation(IXLWorksheet sheet, ReportHeader h, StandardisationSection section)
    {
        Stamp(sheet, $"{StandardisationSheet}　完了率 {RoadmapSummary.Percent(section.Rate)}　全手順完了 {section.SystemsComplete}/{section.Systems.Count} 業務", h);
        const int phaseRow = 2, stepRow = 3, firstStep = 5;
        var fixedColumns = new (string Title, double Width)[] { ("業務", 20), ("主管課", 16), ("完了手順", 9), ("完了率", 8) };
        for (var c = 0; c < fixedColumns.Length; c++)
        {
            sheet.Range(phaseRow, c + 1, stepRow, c + 1).Merge();
            HeaderCell(sheet.Cell(phaseRow, c + 1), fixedColumns[c].Title);
            sheet.Column(c + 1).Width = fixedColumns[c].Width;
        }
        var steps = section.Steps;
        for (var i = 0; i < steps.Count; i++)
        {
            HeaderCell(sheet.Cell(stepRow, firstStep + i), $"{steps[i].No}\n{steps[i].Title}");
            sheet.Column(firstStep + i).Width = 9;
        }
        // Consecutive steps of one phase share a merged header cell.
        for (var i = 0; i < steps.Count;)
        {
            var end = i;
            while (end + 1 < steps.Count && steps[end + 1].Phase == steps[i].Phase)
            {
                end++;
            }
            HeaderCell(sheet.Range(phaseRow, firstStep + i, phaseRow, firstStep + end).Merge().FirstCell(), steps[i].Phase);
            i = end + 1;
        }
        sheet.Row(stepRow).Height = 54;

        var done = XLColor.FromHtml(ReportPalette.Status(MilestoneStatus.Done, false).Light);
        var row = stepRow + 1;
        foreach (var system in section.Systems)
        {
            Text(sheet.Cell(row, 1), system.Name);
            Text(sheet.Cell(row, 2), system.Department);
            Text(sheet.Cell(row, 3), $"{system.DoneCount}/{system.Done.Count}").Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
            Percent(sheet.Cell(row, 4), system.Rate);
            for (var i = 0; i < system.Done.Count; i++)
            {
                if (system.Done[i])
                {
                    var cell = Text(sheet.Cell(row, firstStep + i), "●");
                    cell.Style.Fill.BackgroundColor = done;
                    cell.Style.Font.FontColor = XLColor.FromHtml(ReportPalette.Status(MilestoneStatus.Done, false).Strong);
                    cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
                }
            }
            row++;
        }
        var lastColumn = firstStep + Math.Max(steps.Count, 1) - 1;
        sheet.Range(phaseRow, 1, stepRow - 1, lastColumn).Style.Border.SetInsideBorder(XLBorderStyleValues.Thin)
            .Border.SetOutsideBorder(XLBorderStyleValues.Thin);
        Table(sheet, stepRow, row - 1, lastColumn);
        sheet.SheetView.Freeze(stepRow, 2);

        row += 1;
        Text(sheet.Cell(row, 1), "全体の完了率").Style.Font.Bold = true;
        Percent(sheet.Cell(row, 4), section.Rate, "0.0%");
        Text(sheet.Cell(row + 1, 1), ReportNotes.StandardisationRate);
        Print(sheet, stepRow);
    }

    private static void Procedures(IXLWorksheet sheet, ReportHeader h, ProcedureSection section)
    {
        Stamp(sheet, ProcedureSheet + "　" + string.Join("　", section.ByStage.Select(s => $"{s.Stage} {s.Count}件")), h);
        var columns = new (string, double)[]
        {
            ("担当課", 18), ("手続", 60), ("分類", 12), ("段階", 16), ("開始予定日", 12), ("開始日", 12), ("遅れ", 6),
        };
        Header(sheet, 2, columns);
        var row = 3;
        foreach (var p in section.Rows)
        {
            Text(sheet.Cell(row, 1), p.Department);
            Text(sheet.Cell(row, 2), p.Title);
            Text(sheet.Cell(row, 3), p.Category);
            Text(sheet.Cell(row, 4), p.Stage);
            DayCell(sheet.Cell(row, 5), p.PlannedGoLive);
            DayCell(sheet.Cell(row, 6), p.ActualGoLive);
            if (p.Late)
            {
                SignalCell(sheet.Cell(row, 7), Signal.Red);
            }
            row++;
        }
        Table(sheet, 2, row - 1, columns.Length);
        Wrap(sheet, 3, row - 1, [2]);
        Print(sheet, 2);
    }

    private static void Automation(IXLWorksheet sheet, ReportHeader h, AutomationSection section)
    {
        Stamp(sheet, AutomationSheet, h);
        var columns = new (string, double)[]
        {
            ("担当課", 18), ("業務", 36), ("ツール", 14), ("段階", 12), ("削減時間(計画)", 14), ("削減時間(実績)", 14),
        };
        Header(sheet, 2, columns);
        var row = 3;
        foreach (var c in section.Cases)
        {
            Text(sheet.Cell(row, 1), c.Department);
            Text(sheet.Cell(row, 2), c.Business);
            Text(sheet.Cell(row, 3), c.Tool);
            Text(sheet.Cell(row, 4), c.Stage);
            Hours(sheet.Cell(row, 5), c.PlannedHoursSaved);
            Hours(sheet.Cell(row, 6), c.ActualHoursSaved);
            row++;
        }
        if (section.Cases.Count == 0)
        {
            Text(sheet.Cell(row++, 1), ReportNotes.NoAutomationCases);
        }
        Table(sheet, 2, row - 1, columns.Length);

        if (section.Peers.Count > 0)
        {
            row += 1;
            Text(sheet.Cell(row++, 1), ReportNotes.PeerTitle).Style.Font.Bold = true;
            var first = row;
            var peerHeaders = new[] { "団体", "区分", "人口", "職員数", "業務数", "削減時間" };
            for (var c = 0; c < peerHeaders.Length; c++)
            {
                HeaderCell(sheet.Cell(row, c + 1), peerHeaders[c]);
            }
            row++;
            foreach (var p in section.Peers)
            {
                Text(sheet.Cell(row, 1), p.Name);
                Text(sheet.Cell(row, 2), p.Type);
                sheet.Cell(row, 3).SetValue(p.Population).Style.NumberFormat.Format = "#,##0";
                sheet.Cell(row, 4).SetValue(p.Staff).Style.NumberFormat.Format = "#,##0";
                sheet.Cell(row, 5).SetValue(p.Tasks);
                Text(sheet.Cell(row, 6), p.HoursSaved);
                row++;
            }
            sheet.Range(first, 1, row - 1, peerHeaders.Length).Style.Border.SetInsideBorder(XLBorderStyleValues.Thin)
                .Border.SetOutsideBorder(XLBorderStyleValues.Thin);
        }
        Print(sheet, 2);
    }

    // ---- cells ----

    /// <summary>
    /// Text stays text: typed explicitly so ClosedXML never guesses a number or date, and a leading = + - @
    /// gets Excel's quote prefix so the cell is not turned into a formula when someone edits it.
    /// </summary>
    internal static IXLCell Text(IXLCell cell, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return cell;
        }
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        if (text[0] is '=' or '+' or '-' or '@')
        {
            cell.Style.IncludeQuotePrefix = true;
        }
        return cell;
    }

    private static void Percent(IXLCell cell, double share, string format = "0%")
    {
        cell.SetValue(Math.Round(share, 4));
        cell.Style.NumberFormat.Format = format;
    }

    private static void Delta(IXLCell cell, int delta)
    {
        cell.SetValue(delta);
        cell.Style.NumberFormat.Format = "+0;-0;0";
    }

    private static void Hours(IXLCell cell, decimal? hours)
    {
        if (hours is { } value)
        {
            cell.SetValue(value);
            cell.Style.NumberFormat.Format = "#,##0";
        }
    }

    private static void DayCell(IXLCell cell, DateOnly? day, bool styled = true)
    {
        if (day is { } d)
        {
            cell.SetValue(d.ToDateTime(TimeOnly.MinValue));
            if (styled)
            {
                cell.Style.NumberFormat.Format = DayFormat;
            }
        }
    }

    /// <summary>
    /// A month-precision plan date is written as the month's first day and shown as yyyy/mm. In a column already
    /// formatted for months only the day-precision dates get a format of their own.
    /// </summary>
    private static void PlanDateCell(IXLCell cell, PlanDate? date, bool columnIsMonths = false)
    {
        if (date is { } d)
        {
            cell.SetValue(d.FirstDay.ToDateTime(TimeOnly.MinValue));
            if (!columnIsMonths || d.Precision == DatePrecision.Day)
            {
                cell.Style.NumberFormat.Format = d.Precision == DatePrecision.Month ? MonthFormat : DayFormat;
            }
        }
    }

    private static void SignalCell(IXLCell cell, Signal signal, bool fillOnly = false)
    {
        Text(cell, signal.Label());
        cell.Style.Fill.BackgroundColor = XLColor.FromHtml(ReportPalette.Signal(signal).Strong);
        if (!fillOnly)
        {
            SignalColumn(cell.AsRange());
        }
    }

    private static void SignalColumn(IXLRange range)
    {
        range.Style.Font.FontColor = XLColor.White;
        range.Style.Font.Bold = true;
        range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
    }

    // ---- sheet furniture ----

    private static void Stamp(IXLWorksheet sheet, string title, ReportHeader h)
    {
        var cell = Text(sheet.Cell(1, 1), $"{title}　基準日 {h.AsOfWithWestern}　対象 {h.ScopeLabel}"
            + (h.SampleData ? "　※サンプルデータ" : ""));
        cell.Style.Font.Bold = true;
        cell.Style.Font.FontSize = 12;
    }

    private static void Header(IXLWorksheet sheet, int row, IReadOnlyList<(string Title, double Width)> columns)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            HeaderCell(sheet.Cell(row, c + 1), columns[c].Title);
            sheet.Column(c + 1).Width = columns[c].Width;
        }
    }

    private static void HeaderCell(IXLCell cell, string title)
    {
        Text(cell, title);
        cell.Style.Font.Bold = true;
        cell.Style.Fill.BackgroundColor = HeaderFill;
        cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        cell.Style.Alignment.WrapText = true;
    }

    /// <summary>Borders, autofilter and frozen header for a table whose header is on <paramref name="headerRow"/>.</summary>
    private static void Table(IXLWorksheet sheet, int headerRow, int lastRow, int columns)
    {
        var range = sheet.Range(headerRow, 1, Math.Max(lastRow, headerRow), columns);
        range.Style.Border.SetInsideBorder(XLBorderStyleValues.Thin).Border.SetOutsideBorder(XLBorderStyleValues.Thin);
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        range.SetAutoFilter();
        sheet.SheetView.FreezeRows(headerRow);
    }

    private static void Wrap(IXLWorksheet sheet, int firstRow, int lastRow, IEnumerable<int> columns)
    {
        if (lastRow < firstRow)
        {
            return;
        }
        foreach (var c in columns)
        {
            sheet.Range(firstRow, c, lastRow, c).Style.Alignment.WrapText = true;
        }
    }

    /// <summary>A3 landscape, one page wide, header rows repeated, the as-of date in the page footer.</summary>
    private static void Print(IXLWorksheet sheet, int headerRow)
    {
        var setup = sheet.PageSetup;
        setup.PaperSize = XLPaperSize.A3Paper;
        setup.PageOrientation = XLPageOrientation.Landscape;
        setup.FitToPages(1, 0);
        setup.SetRowsToRepeatAtTop(1, headerRow);
        setup.Margins.Left = setup.Margins.Right = 0.4;
        setup.Margins.Top = setup.Margins.Bottom = 0.6;
        setup.Footer.Center.AddText("&P / &N");
        setup.Footer.Right.AddText(sheet.Name);
    }
}

using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// Lays a <see cref="CommitteeReport"/> out as an Excel workbook. Content comes from the report model only;
/// this class decides sheets, cells, widths, fills and print settings. Every sheet, small or large, goes through
/// <see cref="XlsxBook"/>, which streams it with OpenXmlWriter: ClosedXML took 5–15 s for 10,000 milestones.
/// </summary>
public static partial class ExcelReportWriter
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
    private const string HeaderFill = ReportPalette.HeaderFill;
    private const string White = "#FFFFFF";

    /// <param name="clock">Stamps the workbook's creation time; the system clock when not given.</param>
    public static void Write(CommitteeReport report, Stream output, TimeProvider? clock = null)
    {
        using var book = new XlsxBook(output, FontName, 10, clock)
        {
            Title = $"{report.Header.PlanTitle} {report.Header.Title}",
            Subject = $"{report.Header.MeetingName} {report.Header.Basis}{(report.Header.Basis is null ? "" : " ")}基準日 {report.Header.AsOfLabel}",
            Author = report.Header.IssuedBy,
            Company = report.Header.IssuedBy,
        };

        book.Sheet(SummarySheet, sheet => Summary(sheet, report));
        if (report.Changes is { } changes)
        {
            book.Sheet(ChangeSheet, sheet => Changes(sheet, report.Header, changes));
        }
        book.Sheet(ListSheet, sheet => MilestoneList(sheet, report.Header, report.Milestones));
        book.Sheet(LateSheet, sheet => LateList(sheet, report.Header, report.Late));
        book.Sheet(DepartmentSheet, sheet => Departments(sheet, report.Header, report.Departments));
        book.Sheet(GanttSheet, sheet => Gantt(sheet, report.Header, report.Gantt));
        if (report.Standardisation is { } standardisation)
        {
            book.Sheet(StandardisationSheet, sheet => Standardisation(sheet, report.Header, standardisation));
        }
        PeerSheet(book, report);
        if (report.Procedures is { } procedures)
        {
            book.Sheet(ProcedureSheet, sheet => Procedures(sheet, report.Header, procedures));
        }
        if (report.Automation is { } automation)
        {
            book.Sheet(AutomationSheet, sheet => Automation(sheet, report.Header, automation));
        }
        book.Save();
    }

    private static void Summary(XlsxSheet sheet, CommitteeReport report)
    {
        var h = report.Header;
        sheet.Cell(1, 1).Text($"{h.PlanTitle} {h.Title}").Style(s => s with { Bold = true, FontSize = 14 });
        sheet.Cell(2, 1).Text($"{h.MeetingName}　{(h.Basis is { } basis ? basis + "　" : "")}基準日 {h.AsOfWithWestern}　対象 {h.ScopeLabel}　作成 {h.IssuedBy}"
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
            sheet.Cell(row, 1).Text(i.Code);
            sheet.Cell(row, 2).Text(i.Title);
            sheet.Cell(row, 3).Text(i.LeadDepartment);
            var counts = new[] { i.Total, i.External, i.NotStarted, i.InProgress, i.Done, i.OnHold, i.Cancelled,
                i.Overdue, i.LateStart, i.AtRisk, i.Stale };
            for (var c = 0; c < counts.Length; c++)
            {
                sheet.Cell(row, 4 + c).Number(counts[c]);
            }
            Percent(sheet.Cell(row, 15), i.ShareDone);
            Percent(sheet.Cell(row, 16), i.ActualProgress / 100.0);
            Percent(sheet.Cell(row, 17), i.ExpectedProgress / 100.0);
            SignalCell(sheet.Cell(row, 18), i.Signal);
            var fill = ReportPalette.Evaluation(i.Evaluation).Light;
            sheet.Cell(row, 19).Text(i.EvaluationLabel).Style(s => s with { Bold = true, Fill = fill });
            row++;
        }
        Table(sheet, headerRow, row - 1, columns.Length);

        row += 1;
        Bold(sheet.Cell(row++, 1).Text("評価の基準"));
        foreach (var line in ReportNotes.EvaluationRule)
        {
            sheet.Cell(row++, 1).Text(line);
        }
        sheet.Cell(row++, 1).Text(ReportNotes.Signal);
        sheet.Cell(row++, 1).Text(ReportNotes.SignalAndEvaluation);
        Findings(sheet, report.Details, row + 1, columns.Length);
        sheet.PrintA3Landscape(headerRow);
    }

    /// <summary>
    /// Under the 概要 table, per initiative: 目標 and the 所見 (text across the table's width, rows as tall as
    /// their lines), then every indicator with 目標値, 目標年度, 実績値 and its day.
    /// </summary>
    private static void Findings(XlsxSheet sheet, IReadOnlyList<InitiativeDetail> details, int row, int lastColumn)
    {
        if (details.Count == 0)
        {
            return;
        }
        Bold(sheet.Cell(row++, 1).Text("目標と所見"));
        var first = row;
        var textWidth = Enumerable.Range(3, lastColumn - 2).Sum(sheet.ColumnWidth);
        foreach (var d in details)
        {
            var f = d.Finding;
            var lines = new List<(string Label, string? Text)> { ("目標", d.Aim) };
            lines.AddRange(f is null
                ? [("所見", ReportNotes.NoFinding)]
                : [("取組内容", f.Work), ("成果・実績", f.Results), ("課題", f.Issues), ("今後の方向性", f.NextSteps)]);
            if (f is not null)
            {
                lines.Add(("所見の部会", f.MeetingLabel));
            }
            foreach (var (label, text) in lines)
            {
                sheet.Cell(row, 1).Text(d.Code);
                sheet.Cell(row, 2).Text(label).Style(s => s with { Bold = true });
                var value = text ?? "—";
                sheet.Range(row, 3, row, lastColumn).Merge();
                sheet.Cell(row, 3).Text(value);
                // A merged cell's text is not measured for the row; its height is set here from the merged width.
                var lineCount = XlsxSheet.TextLines(value, textWidth);
                if (lineCount > 1)
                {
                    sheet.SetRowHeight(row, Math.Ceiling(lineCount * 10 * 1.5 + 3));
                }
                row++;
            }
        }
        sheet.Range(first, 1, row - 1, lastColumn).Style(s => s.Grid() with { Vertical = XlsxVertical.Top, Wrap = true });

        row += 1;
        Bold(sheet.Cell(row++, 1).Text("指標"));
        var header = row;
        foreach (var (title, column) in new[] { ("重点取組", 1), ("指標", 2), ("目標値", 3), ("目標年度", 4), ("実績値", 5), ("時点", 6), ("達成率", 7), ("区分", 8) })
        {
            HeaderCell(sheet.Cell(row, column), title);
        }
        row++;
        foreach (var d in details)
        {
            foreach (var i in d.Indicators)
            {
                sheet.Cell(row, 1).Text(d.Code);
                sheet.Cell(row, 2).Text(i.Name);
                sheet.Cell(row, 3).Text(i.TargetText);
                sheet.Cell(row, 4).Text(i.TargetYear ?? "—");
                sheet.Cell(row, 5).Text(i.ActualText);
                sheet.Cell(row, 6).Text(i.ActualOn ?? "—");
                sheet.Cell(row, 7).Text(i.Attainment is { } a ? $"{a}%" : "—");
                sheet.Cell(row, 8).Text(i.Computed ? "算出" : "入力");
                row++;
            }
        }
        sheet.Range(header, 1, Math.Max(header, row - 1), 8).Style(s => s.Grid());
    }

    private static void Changes(XlsxSheet sheet, ReportHeader h, ChangeSection changes)
    {
        Stamp(sheet, changes.Heading, h);
        var columns = new (string, double)[]
        {
            ("重点取組", 8), ("名称", 34), ("完了(前回)", 10), ("完了(今回)", 10), ("完了 増減", 10),
            ("遅延・着手遅れ(前回)", 10), ("遅延・着手遅れ(今回)", 10), ("遅延・着手遅れ 増減", 10), ("評価(前回)", 14), ("評価(今回)", 14),
        };
        Header(sheet, 2, columns);
        var row = 3;
        foreach (var i in changes.Initiatives)
        {
            sheet.Cell(row, 1).Text(i.Code);
            sheet.Cell(row, 2).Text(i.Title);
            sheet.Cell(row, 3).Number(i.DoneBefore);
            sheet.Cell(row, 4).Number(i.DoneNow);
            Delta(sheet.Cell(row, 5), i.DoneDelta);
            sheet.Cell(row, 6).Number(i.LateBefore);
            sheet.Cell(row, 7).Number(i.LateNow);
            Delta(sheet.Cell(row, 8), i.LateDelta);
            sheet.Cell(row, 9).Text(EvaluationRule.Label(i.EvaluationBefore));
            sheet.Cell(row, 10).Text(EvaluationRule.Label(i.EvaluationNow));
            row++;
        }
        Table(sheet, 2, row - 1, columns.Length);
        row += 1;
        Bold(sheet.Cell(row++, 1).Text(changes.Milestones.Count == 0 ? "変更のあった工程はありません。" : "変更のあった工程"));
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
                sheet.Cell(row, 1).Text(m.Code);
                sheet.Cell(row, 2).Text(m.InitiativeCode);
                sheet.Cell(row, 3).Text(m.Title);
                sheet.Cell(row, 4).Text(m.Owner);
                sheet.Cell(row, 5).Text(m.Change);
                row++;
            }
            sheet.Range(first, 1, row - 1, 5).Style(s => s.Grid());
            Wrap(sheet, first + 1, row - 1, [3, 5]);
        }
        sheet.SetColumnWidth(3, Math.Max(sheet.ColumnWidth(3), 40));
        sheet.SetColumnWidth(5, Math.Max(sheet.ColumnWidth(5), 40));
        sheet.PrintA3Landscape(2);
    }

    private static readonly (string Title, double Width)[] ListColumns =
    [
        ("コード", 9), ("重点取組", 8), ("取組項目", 18), ("工程名", 30), ("主管課", 18), ("関係課", 20), ("計画期間", 22),
        ("計画開始", 10), ("計画終了", 10), ("状態", 8), ("進捗率", 8), ("実績開始", 11), ("実績終了", 11),
        ("判定", 18), ("信号", 6), ("遅延理由", 30), ("対応策", 30), ("備考", 24), ("出典", 14),
    ];

    private static void MilestoneList(XlsxSheet sheet, ReportHeader h, IReadOnlyList<MilestoneRow> rows)
    {
        Stamp(sheet, ListSheet, h);
        Header(sheet, 2, ListColumns);
        var row = 3;
        foreach (var m in rows)
        {
            sheet.Cell(row, 1).Text(m.Code);
            sheet.Cell(row, 2).Text(m.InitiativeCode);
            sheet.Cell(row, 3).Text(m.TrackTitle);
            sheet.Cell(row, 4).Text(m.Title);
            sheet.Cell(row, 5).Text(m.Owner);
            sheet.Cell(row, 6).Text(m.Related);
            sheet.Cell(row, 7).Text(m.Period);
            PlanDateCell(sheet.Cell(row, 8), m.PlannedStart, columnIsMonths: true);
            PlanDateCell(sheet.Cell(row, 9), m.PlannedEnd, columnIsMonths: true);
            sheet.Cell(row, 10).Text(m.StatusLabel);
            sheet.Cell(row, 11).Number(m.Progress / 100.0);
            DayCell(sheet.Cell(row, 12), m.ActualStart, styled: false);
            DayCell(sheet.Cell(row, 13), m.ActualEnd, styled: false);
            sheet.Cell(row, 14).Text(m.State);
            SignalCell(sheet.Cell(row, 15), m.Signal, fillOnly: true);
            sheet.Cell(row, 16).Text(m.DelayReason);
            sheet.Cell(row, 17).Text(m.Countermeasure);
            sheet.Cell(row, 18).Text(m.Note);
            sheet.Cell(row, 19).Text(m.Source);
            if (m.External)
            {
                sheet.Range(row, 1, row, 14).Style(s => s with { FontColor = ReportPalette.ExternalText });
            }
            row++;
        }
        Table(sheet, 2, row - 1, ListColumns.Length);
        Wrap(sheet, 3, row - 1, [3, 4, 6, 7, 14, 16, 17, 18, 19]);
        // Formats set once per column rather than per cell.
        if (row > 3)
        {
            sheet.Range(3, 8, row - 1, 9).Style(s => s with { Format = s.Format ?? MonthFormat });
            sheet.Range(3, 11, row - 1, 11).Style(s => s with { Format = "0%" });
            sheet.Range(3, 12, row - 1, 13).Style(s => s with { Format = DayFormat });
            SignalColumn(sheet.Range(3, 15, row - 1, 15));
        }
        sheet.Freeze(2, 4);
        // Too wide for one page at a readable size: the code, initiative, track and title repeat on each page.
        sheet.PrintA3Landscape(2, repeatColumns: 4);
    }

    private static void LateList(XlsxSheet sheet, ReportHeader h, IReadOnlyList<MilestoneRow> rows)
    {
        Stamp(sheet, LateSheet, h);
        var columns = new (string, double)[]
        {
            ("コード", 9), ("重点取組", 8), ("工程名", 30), ("主管課", 18), ("計画期間", 22), ("状態", 8), ("進捗率", 8),
            ("判定", 14), ("遅延理由", 40), ("対応策", 40),
        };
        Header(sheet, 2, columns);
        var red = ReportPalette.Signal(Signal.Red).Strong;
        var row = 3;
        foreach (var m in rows)
        {
            sheet.Cell(row, 1).Text(m.Code);
            sheet.Cell(row, 2).Text(m.InitiativeCode);
            sheet.Cell(row, 3).Text(m.Title);
            sheet.Cell(row, 4).Text(m.Owner);
            sheet.Cell(row, 5).Text(m.Period);
            sheet.Cell(row, 6).Text(m.StatusLabel);
            Percent(sheet.Cell(row, 7), m.Progress / 100.0);
            sheet.Cell(row, 8).Text(m.State).Style(s => s with { FontColor = red });
            sheet.Cell(row, 9).Text(m.DelayReason ?? ReportNotes.NoReason);
            sheet.Cell(row, 10).Text(m.Countermeasure ?? ReportNotes.NoCountermeasure);
            row++;
        }
        if (rows.Count == 0)
        {
            sheet.Cell(row++, 1).Text(ReportNotes.NoLateItems);
        }
        Table(sheet, 2, Math.Max(row - 1, 2), columns.Length);
        Wrap(sheet, 3, row - 1, [3, 5, 8, 9, 10]);
        sheet.PrintA3Landscape(2);
    }

    private static void Departments(XlsxSheet sheet, ReportHeader h, IReadOnlyList<DepartmentRow> rows)
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
            sheet.Cell(row, 1).Text(d.Division);
            sheet.Cell(row, 2).Text(d.Name);
            sheet.Cell(row, 3).Number(d.Total);
            sheet.Cell(row, 4).Number(d.Owned);
            sheet.Cell(row, 5).Number(d.NotStarted);
            sheet.Cell(row, 6).Number(d.InProgress);
            sheet.Cell(row, 7).Number(d.Done);
            sheet.Cell(row, 8).Number(d.Late);
            sheet.Cell(row, 9).Number(d.Attention);
            Percent(sheet.Cell(row, 10), d.ShareDone);
            SignalCell(sheet.Cell(row, 11), d.Signal);
            row++;
        }
        Table(sheet, 2, Math.Max(row - 1, 2), columns.Length);
        sheet.PrintA3Landscape(2);
    }

    /// <summary>
    /// The chart as cells: one column per month under merged 令和N年度 headers. A bar fills the months it
    /// touches, the done share of them in the strong tone; a ◆ is a mark in its month; the as-of month is
    /// outlined in red. Columns come from the layout's month ticks, so Excel and PDF agree on every month.
    /// </summary>
    private static void Gantt(XlsxSheet sheet, ReportHeader h, GanttGeometry chart)
    {
        Stamp(sheet, "工程表 (ガント)", h);
        const int yearRow = 2, monthRow = 3, firstMonthColumn = 5;
        Header(sheet, yearRow, [("コード", 9), ("工程", 44), ("主管課", 16), ("状態", 8)], rows: monthRow - yearRow + 1);
        var months = chart.Ticks.Where(t => t.X >= 0 && t.X < chart.Width).ToList();
        var bounds = months.Select((t, i) => (From: t.X, To: i + 1 < months.Count ? months[i + 1].X : chart.Width)).ToList();
        for (var i = 0; i < months.Count; i++)
        {
            var column = firstMonthColumn + i;
            HeaderCell(sheet.Cell(monthRow, column), months[i].Month.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sheet.SetColumnWidth(column, 3.6);
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
        var red = ReportPalette.Signal(Signal.Red).Strong;
        var todayColumn = chart.TodayX is { } today ? bounds.FindIndex(b => today >= b.From && today < b.To) : -1;
        if (todayColumn >= 0)
        {
            sheet.Cell(monthRow, firstMonthColumn + todayColumn).Style(s => s with { Fill = red, FontColor = White });
        }

        var firstDataRow = monthRow + 1;
        foreach (var row in chart.Rows)
        {
            var r = firstDataRow + row.Index;
            sheet.Cell(r, 1).Text(row.Kind == GanttRowKind.Track ? "" : row.Code);
            sheet.Cell(r, 2).Text(new string('　', row.Depth) + row.Title);
            sheet.Cell(r, 3).Text(row.Owner);
            if (row.IsGroup)
            {
                var fill = row.Kind == GanttRowKind.Initiative ? "#E8EEF5" : "#F4F6F9";
                sheet.Range(r, 1, r, 4).Style(s => s with { Bold = true, Fill = fill });
            }
            else if (row.Status is { } status)
            {
                sheet.Cell(r, 4).Text(row.Item!.Milestone.IsExternal ? "国・県" : status.Label());
            }
        }
        foreach (var bar in chart.Bars)
        {
            var covered = Enumerable.Range(0, bounds.Count).Where(i => bounds[i].To > bar.X0 && bounds[i].From < bar.X1).ToList();
            var doneCells = bar.Tone == GanttTone.Summary ? covered.Count : (int)Math.Round(covered.Count * bar.Progress);
            for (var k = 0; k < covered.Count; k++)
            {
                var done = k < doneCells;
                sheet.Cell(firstDataRow + bar.Row, firstMonthColumn + covered[k]).Style(s => BarCell(s, bar.Tone, done));
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
            var colour = ReportPalette.Gantt(diamond.Tone).Strong;
            sheet.Cell(firstDataRow + diamond.Row, firstMonthColumn + i).Text("◆")
                .Style(s => s with { FontColor = colour, Horizontal = XlsxHorizontal.Center });
        }
        var lastRow = firstDataRow + Math.Max(chart.RowCount, 1) - 1;

        // The months between a missed end and the as-of date, hatched red.
        void Overdue(int row, double from, double to)
        {
            var hatch = ReportPalette.Gantt(GanttTone.Late).Strong;
            for (var i = 0; i < bounds.Count; i++)
            {
                if (bounds[i].From >= from && bounds[i].From < to)
                {
                    sheet.Cell(firstDataRow + row, firstMonthColumn + i)
                        .Style(s => s with { Fill = White, Pattern = XlsxPattern.LightUp, PatternColor = hatch });
                }
            }
        }
        var lastColumn = firstMonthColumn + Math.Max(months.Count, 1) - 1;
        // The month grid is Excel's own gridlines, shown and printed, rather than a border on every cell: at
        // 10,000 rows × 84 months, per-cell borders would make almost a million styled cells.
        sheet.Range(yearRow, 1, monthRow, lastColumn).Style(s => s.Grid());
        for (var i = 0; i < months.Count; i++)
        {
            if (months[i].FiscalYearStart)
            {
                sheet.Range(yearRow, firstMonthColumn + i, lastRow, firstMonthColumn + i).Style(s => s with { Left = XlsxLine.Medium });
            }
        }
        if (todayColumn >= 0)
        {
            sheet.Range(monthRow, firstMonthColumn + todayColumn, lastRow, firstMonthColumn + todayColumn)
                .Style(s => s with { Left = XlsxLine.Medium, LeftColor = red });
        }
        if (chart.RowCount > 0)
        {
            sheet.Range(monthRow, 1, lastRow, 4).SetAutoFilter();
        }
        sheet.Freeze(monthRow, 4);

        var legendRow = lastRow + 2;
        Bold(sheet.Cell(legendRow, 2).Text("凡例"));
        sheet.Cell(legendRow, 3).Text("濃い色 = 進捗済みの月、白地 = 未着手、横線 = 要注意、右下がり線 = 遅延、縦線 = 保留・中止、点 = 国・県、"
            + "右上がり線 = 期限を過ぎた月、◆ = 時点の工程、赤い月 = 基準日");
        var legend = legendRow + 1;
        foreach (var tone in new[] { GanttTone.Done, GanttTone.InProgress, GanttTone.NotStarted, GanttTone.AtRisk, GanttTone.Late, GanttTone.External, GanttTone.OnHold })
        {
            // Two months as a bar of that state draws them: 完了 all done, 未着手 none, the others half.
            sheet.Cell(legend, firstMonthColumn).Style(s => BarCell(s, tone, done: tone != GanttTone.NotStarted));
            sheet.Cell(legend, firstMonthColumn + 1).Style(s => BarCell(s, tone, done: tone == GanttTone.Done));
            sheet.Cell(legend++, 2).Text(tone.Label());
        }
        var overdueLegend = ReportPalette.Gantt(GanttTone.Late).Strong;
        sheet.Cell(legend, firstMonthColumn).Style(s => s with { Fill = White, Pattern = XlsxPattern.LightUp, PatternColor = overdueLegend });
        sheet.Cell(legend, 2).Text("期限を過ぎた月");
        sheet.PrintA3Landscape(monthRow, repeatColumns: 2, gridLines: true);
    }

    /// <summary>
    /// A month a bar covers: the done months solid in the strong tone; the rest light with the state's pattern, as in
    /// the PDF (white for 未着手, horizontal lines for 要注意, falling lines for 遅延, vertical lines for 保留・中止, dots for
    /// 国・県), so every state still reads on a grey photocopy.
    /// </summary>
    private static XlsxStyle BarCell(XlsxStyle style, GanttTone tone, bool done)
    {
        var colours = ReportPalette.Gantt(tone);
        if (done)
        {
            return style with { Fill = colours.Strong };
        }
        var pattern = tone switch
        {
            GanttTone.AtRisk => XlsxPattern.LightHorizontal,
            GanttTone.Late => XlsxPattern.LightDown,
            GanttTone.OnHold or GanttTone.Cancelled => XlsxPattern.LightVertical,
            GanttTone.External => XlsxPattern.Dots,
            _ => XlsxPattern.None,
        };
        var fill = tone == GanttTone.NotStarted ? White : colours.Light;
        return pattern == XlsxPattern.None
            ? style with { Fill = fill }
            : style with { Fill = fill, Pattern = pattern, PatternColor = colours.Strong };
    }

    /// <summary>
    /// One row per 業務: its rates and real move, then one column per national step under merged circled-number
    /// headers, each cell a mark that differs in shape (● 完了済み, ◐ 作業中, ○ 未着手, － 対象外) on a status fill, so
    /// the sheet reads like 総務省's table on a grey copy too. The steps' names follow under the table.
    /// </summary>
    private static void Standardisation(XlsxSheet sheet, ReportHeader h, StandardisationSection section)
    {
        Stamp(sheet, $"{StandardisationSheet}　{section.Headline}", h);
        const int groupRow = 2, stepRow = 3, firstStep = 10;
        Header(sheet, groupRow,
            [("業務", 18), ("業務所管課", 15), ("完了率", 8), ("作業中率", 8), ("未着手率", 8), ("特定移行支援", 16),
             ("移行予定", 10), ("稼働日", 11), ("移行遅延", 7)], rows: stepRow - groupRow + 1);
        var steps = section.Steps;
        for (var i = 0; i < steps.Count; i++)
        {
            HeaderCell(sheet.Cell(stepRow, firstStep + i), steps[i].Code);
            sheet.SetColumnWidth(firstStep + i, 4.5);
        }
        // Consecutive steps of one circled number share a merged header cell.
        for (var i = 0; i < steps.Count;)
        {
            var end = i;
            while (end + 1 < steps.Count && steps[end + 1].Group == steps[i].Group)
            {
                end++;
            }
            HeaderCell(sheet.Range(groupRow, firstStep + i, groupRow, firstStep + end).Merge().FirstCell(), steps[i].Group);
            i = end + 1;
        }

        var red = ReportPalette.Status(MilestoneStatus.NotStarted, late: true);
        var row = stepRow + 1;
        foreach (var system in section.Systems)
        {
            sheet.Cell(row, 1).Text(system.Name);
            sheet.Cell(row, 2).Text(system.Department);
            Percent(sheet.Cell(row, 3), system.Rate, "0.0%");
            Percent(sheet.Cell(row, 4), system.WorkingRate, "0.0%");
            Percent(sheet.Cell(row, 5), system.NotStartedRate, "0.0%");
            if (system.SpecificSupport)
            {
                sheet.Cell(row, 6).Text(system.SpecificReason ?? "対象");
            }
            PlanDateCell(sheet.Cell(row, 7), system.PlannedMigration);
            DayCell(sheet.Cell(row, 8), system.GoLiveOn);
            if (system.MigrationLate)
            {
                sheet.Cell(row, 9).Text("遅延").Style(s => s with { FontColor = red.Strong, Bold = true });
            }
            for (var i = 0; i < system.Statuses.Count; i++)
            {
                var status = system.Statuses[i];
                var tone = ReportPalette.Step(status);
                sheet.Cell(row, firstStep + i).Text(status.Mark())
                    .Style(s => s with { Fill = tone.Light, FontColor = tone.Strong, Horizontal = XlsxHorizontal.Center });
            }
            row++;
        }
        var lastColumn = firstStep + Math.Max(steps.Count, 1) - 1;
        sheet.Range(groupRow, 1, stepRow - 1, lastColumn).Style(s => s.Grid());
        Table(sheet, stepRow, row - 1, lastColumn);
        sheet.Freeze(stepRow, 2);

        row += 1;
        Bold(sheet.Cell(row, 1).Text("全体"));
        Percent(sheet.Cell(row, 3), section.Rate, "0.00%");
        Percent(sheet.Cell(row, 4), section.WorkingRate, "0.00%");
        Percent(sheet.Cell(row, 5), section.NotStartedRate, "0.00%");
        sheet.Cell(row, 6).Text($"移行済み {section.Migrated} / {section.Systems.Count}　特定移行支援 {section.SpecificSupport}");
        sheet.Cell(row + 1, 1).Text(ReportNotes.StandardisationRate);
        sheet.Cell(row + 2, 1).Text(ReportNotes.StepLegend);
        row += 4;
        foreach (var step in steps)
        {
            sheet.Cell(row, 1).Text(step.Code);
            sheet.Cell(row++, 2).Text(step.Title);
        }
        sheet.PrintA3Landscape(stepRow);
    }

    private static void Procedures(XlsxSheet sheet, ReportHeader h, ProcedureSection section)
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
            sheet.Cell(row, 1).Text(p.Department);
            sheet.Cell(row, 2).Text(p.Title);
            sheet.Cell(row, 3).Text(p.Category);
            sheet.Cell(row, 4).Text(p.Stage);
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
        sheet.PrintA3Landscape(2);
    }

    private static void Automation(XlsxSheet sheet, ReportHeader h, AutomationSection section)
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
            sheet.Cell(row, 1).Text(c.Department);
            sheet.Cell(row, 2).Text(c.Business);
            sheet.Cell(row, 3).Text(c.Tool);
            sheet.Cell(row, 4).Text(c.Stage);
            Hours(sheet.Cell(row, 5), c.PlannedHoursSaved);
            Hours(sheet.Cell(row, 6), c.ActualHoursSaved);
            row++;
        }
        if (section.Cases.Count == 0)
        {
            sheet.Cell(row++, 1).Text(ReportNotes.NoAutomationCases);
        }
        Table(sheet, 2, row - 1, columns.Length);

        if (section.Peers.Count > 0)
        {
            row += 1;
            Bold(sheet.Cell(row++, 1).Text(ReportNotes.PeerTitle));
            var first = row;
            var peerHeaders = new[] { "団体", "区分", "人口", "職員数", "業務数", "削減時間" };
            for (var c = 0; c < peerHeaders.Length; c++)
            {
                HeaderCell(sheet.Cell(row, c + 1), peerHeaders[c]);
            }
            row++;
            foreach (var p in section.Peers)
            {
                sheet.Cell(row, 1).Text(p.Name);
                sheet.Cell(row, 2).Text(p.Type);
                sheet.Cell(row, 3).Number(p.Population).Style(s => s with { Format = "#,##0" });
                sheet.Cell(row, 4).Number(p.Staff).Style(s => s with { Format = "#,##0" });
                sheet.Cell(row, 5).Number(p.Tasks);
                sheet.Cell(row, 6).Text(p.HoursSaved);
                row++;
            }
            sheet.Range(first, 1, row - 1, peerHeaders.Length).Style(s => s.Grid());
        }
        sheet.PrintA3Landscape(2);
    }

    // ---- cells ----

    private static void Bold(XlsxCell cell) => cell.Style(s => s with { Bold = true });

    private static void Percent(XlsxCell cell, double share, string format = "0%") =>
        cell.Number(Math.Round(share, 4)).Style(s => s with { Format = format });

    private static void Delta(XlsxCell cell, int delta) => cell.Number(delta).Style(s => s with { Format = "+0;-0;0" });

    private static void Hours(XlsxCell cell, decimal? hours)
    {
        if (hours is { } value)
        {
            cell.Number((double)value).Style(s => s with { Format = "#,##0" });
        }
    }

    private static void DayCell(XlsxCell cell, DateOnly? day, bool styled = true)
    {
        if (day is { } d)
        {
            cell.Date(d);
            if (styled)
            {
                cell.Style(s => s with { Format = DayFormat });
            }
        }
    }

    /// <summary>
    /// A month-precision plan date is written as the month's first day and shown as yyyy/mm. In a column
    /// formatted for months afterwards only the day-precision dates get a format of their own.
    /// </summary>
    private static void PlanDateCell(XlsxCell cell, PlanDate? date, bool columnIsMonths = false)
    {
        if (date is { } d)
        {
            cell.Date(d.FirstDay);
            if (!columnIsMonths || d.Precision == DatePrecision.Day)
            {
                var format = d.Precision == DatePrecision.Month ? MonthFormat : DayFormat;
                cell.Style(s => s with { Format = format });
            }
        }
    }

    private static void SignalCell(XlsxCell cell, Signal signal, bool fillOnly = false)
    {
        var fill = ReportPalette.Signal(signal).Strong;
        cell.Text(ReportNotes.SignalText(signal)).Style(s => s with { Fill = fill });
        if (!fillOnly)
        {
            SignalColumn(cell.AsRange());
        }
    }

    private static void SignalColumn(XlsxRange range) =>
        range.Style(s => s with { FontColor = White, Bold = true, Horizontal = XlsxHorizontal.Center });

    // ---- sheet furniture ----

    private static void Stamp(XlsxSheet sheet, string title, ReportHeader h) =>
        sheet.Cell(1, 1).Text($"{title}　基準日 {h.AsOfWithWestern}　対象 {h.ScopeLabel}" + (h.SampleData ? "　※サンプルデータ" : ""))
            .Style(s => s with { Bold = true, FontSize = 12 });

    /// <summary>Column titles and widths from column A; with <paramref name="rows"/> above 1 each title is merged down
    /// over that many rows (beside a header of two rows, as the ガント and 標準化 sheets have).</summary>
    private static void Header(XlsxSheet sheet, int row, IReadOnlyList<(string Title, double Width)> columns, int rows = 1)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            if (rows > 1)
            {
                sheet.Range(row, c + 1, row + rows - 1, c + 1).Merge();
            }
            HeaderCell(sheet.Cell(row, c + 1), columns[c].Title);
            sheet.SetColumnWidth(c + 1, columns[c].Width);
        }
    }

    private static void HeaderCell(XlsxCell cell, string title) =>
        cell.Text(title).Style(s => s with
        {
            Bold = true, Fill = HeaderFill, Horizontal = XlsxHorizontal.Center, Vertical = XlsxVertical.Center, Wrap = true,
        });

    /// <summary>Borders, autofilter and frozen header for a table whose header is on <paramref name="headerRow"/>.</summary>
    private static void Table(XlsxSheet sheet, int headerRow, int lastRow, int columns)
    {
        var range = sheet.Range(headerRow, 1, Math.Max(lastRow, headerRow), columns);
        range.Style(s => s.Grid() with { Vertical = XlsxVertical.Top });
        range.SetAutoFilter();
        sheet.FreezeRows(headerRow);
    }

    private static void Wrap(XlsxSheet sheet, int firstRow, int lastRow, IEnumerable<int> columns)
    {
        if (lastRow < firstRow)
        {
            return;
        }
        foreach (var c in columns)
        {
            sheet.Range(firstRow, c, lastRow, c).Style(s => s with { Wrap = true });
        }
    }
}

using ClosedXML.Excel;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;

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
            PlanDateCell(sheet.Cell(row, 8), m.PlannedStart);
            PlanDateCell(sheet.Cell(row, 9), m.PlannedEnd);
            Text(sheet.Cell(row, 10), m.StatusLabel);
            Percent(sheet.Cell(row, 11), m.Progress / 100.0);
            DayCell(sheet.Cell(row, 12), m.ActualStart);
            DayCell(sheet.Cell(row, 13), m.ActualEnd);
            Text(sheet.Cell(row, 14), m.State);
            SignalCell(sheet.Cell(row, 15), m.Signal);
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

    private static void Percent(IXLCell cell, double share)
    {
        cell.SetValue(Math.Round(share, 4));
        cell.Style.NumberFormat.Format = "0%";
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

    private static void DayCell(IXLCell cell, DateOnly? day)
    {
        if (day is { } d)
        {
            cell.SetValue(d.ToDateTime(TimeOnly.MinValue));
            cell.Style.NumberFormat.Format = DayFormat;
        }
    }

    /// <summary>A month-precision plan date is written as the month's first day and shown as yyyy/mm.</summary>
    private static void PlanDateCell(IXLCell cell, PlanDate? date)
    {
        if (date is { } d)
        {
            cell.SetValue(d.FirstDay.ToDateTime(TimeOnly.MinValue));
            cell.Style.NumberFormat.Format = d.Precision == DatePrecision.Month ? MonthFormat : DayFormat;
        }
    }

    private static void SignalCell(IXLCell cell, Signal signal)
    {
        Text(cell, signal.Label());
        var tone = ReportPalette.Signal(signal);
        cell.Style.Fill.BackgroundColor = XLColor.FromHtml(tone.Strong);
        cell.Style.Font.FontColor = XLColor.White;
        cell.Style.Font.Bold = true;
        cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
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

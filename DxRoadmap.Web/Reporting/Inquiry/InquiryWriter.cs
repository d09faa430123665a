using System.Globalization;
using ClosedXML.Excel;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Services;

namespace DxRoadmap.Web.Reporting;

// Writing the 照会票: each answer sheet from its InquirySheet description (InquiryLayout.cs).
public static partial class InquiryWorkbook
{
    private static readonly XLColor AnswerFill = XLColor.FromHtml("#FFF2CC");
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DCE6F1");
    private const string DayFormat = "yyyy/mm/dd";

    public static void Write(InquiryContent content, Stream output)
    {
        using var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = ExcelReportWriter.FontName;
        workbook.Style.Font.FontSize = 10;
        workbook.Properties.Title = $"進捗照会票 {content.Department}";
        workbook.Properties.Author = content.ExportedBy;

        WriteMilestones(workbook.Worksheets.Add(MilestoneSheet), content);
        WriteProcedures(workbook.Worksheets.Add(ProcedureSheet), content);
        WriteCases(workbook.Worksheets.Add(CaseSheet), content);
        WriteMeta(workbook.Worksheets.Add(MetaSheet), content);
        workbook.Worksheet(MilestoneSheet).SetTabActive();
        workbook.SaveAs(output);
    }

    private static void WriteMilestones(IXLWorksheet sheet, InquiryContent content)
    {
        Instructions(sheet, content,
        [
            "記入方法: 黄色の列 (状態～コメント) だけを記入してください。状態は一覧から選び、進捗率は 0～100 の整数で、実績開始・実績終了は 2026/11/26 の形で入力します。",
            "遅延している工程 (計画終了を過ぎた、または計画開始を過ぎても未着手) は遅延理由を入力してください。完了にするときは実績終了日を入力してください。",
            "行・列の追加や削除、並べ替えはしないでください (右端の非表示の列で工程を照合します)。記入後に保存し、推進課へ返送してください。",
            "コメントは変更履歴に「照会回答の取込」と一緒に記録されます。記入のない行は変更なしとして扱います。",
        ]);
        Header(sheet, Milestones, centered: true);

        var row = FirstDataRow;
        foreach (var item in content.Milestones)
        {
            var m = item.Milestone;
            Text(sheet.Cell(row, CodeColumn), m.Code);
            Text(sheet.Cell(row, 2), item.InitiativeCode);
            Text(sheet.Cell(row, 3), item.TrackTitle);
            Text(sheet.Cell(row, Milestones.TitleColumn), m.Title);
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

        // Unlike the other sheets, an empty 工程 sheet stays a bare header, and its long texts wrap.
        if (last >= FirstDataRow)
        {
            var table = sheet.Range(HeaderRow, 1, last, Milestones.VisibleColumns);
            table.Style.Border.SetInsideBorder(XLBorderStyleValues.Thin).Border.SetOutsideBorder(XLBorderStyleValues.Thin);
            var body = sheet.Range(FirstDataRow, 1, last, Milestones.VisibleColumns);
            body.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            body.Style.Alignment.WrapText = true;
            sheet.Range(FirstDataRow, ActualStartColumn, last, ActualEndColumn).Style.NumberFormat.Format = DayFormat;
            Unlock(sheet, Milestones, last);

            OneOf(sheet.Range(FirstDataRow, StatusColumn, last, StatusColumn), "状態", StatusNames.All.Select(s => s.Label()).ToList());

            var progress = sheet.Range(FirstDataRow, ProgressColumn, last, ProgressColumn).SetDataValidation();
            progress.WholeNumber.Between(0, 100);
            Refuse(progress, "進捗率", "進捗率は 0～100 の整数で入力してください。");

            Days(sheet.Range(FirstDataRow, ActualStartColumn, last, ActualEndColumn), "実績日");

            foreach (var column in new[] { DelayReasonColumn, CountermeasureColumn, NoteColumn, CommentColumn })
            {
                var text = sheet.Range(FirstDataRow, column, last, column).SetDataValidation();
                text.TextLength.EqualOrLessThan(Milestone.TextMaxLength);
                Refuse(text, "文字数", $"{Milestone.TextMaxLength}文字以内で入力してください。");
            }
        }
        sheet.Columns(IdColumn, FingerprintColumn).Hide();
        sheet.SheetView.FreezeColumns(4);
        Finish(sheet);
    }

    private static void WriteProcedures(IXLWorksheet sheet, InquiryContent content) => AnswerTable(sheet, content, Procedures,
        [
            "記入方法: 黄色の列 (段階・開始予定日・開始日(実績)) だけを記入してください。段階は一覧から選び、日付は 2026/11/26 の形で入力します。",
            "サービス開始にするときは開始日(実績) を入力してください (今日より後の日付は入力できません)。記入のない行は変更なしとして扱います。",
        ],
        content.Procedures,
        (row, p) =>
        {
            Text(sheet.Cell(row, 1), p.Title);
            Text(sheet.Cell(row, 2), p.Category);
            Text(sheet.Cell(row, ProcedureStageColumn), p.Stage.Label());
            DateCell(sheet.Cell(row, PlannedGoLiveColumn), p.PlannedGoLive);
            DateCell(sheet.Cell(row, ActualGoLiveColumn), p.ActualGoLive);
            return (p.Id, Fingerprint(new ProcedureStageChange(p.Id, p.Stage, p.PlannedGoLive, p.ActualGoLive)));
        },
        last =>
        {
            OneOf(sheet.Range(FirstDataRow, ProcedureStageColumn, last, ProcedureStageColumn), "段階",
                ProcedureStages.All.Select(s => s.Label()).ToList());
            Days(sheet.Range(FirstDataRow, PlannedGoLiveColumn, last, ActualGoLiveColumn), "日付");
        });

    private static void WriteCases(IXLWorksheet sheet, InquiryContent content) => AnswerTable(sheet, content, Cases,
        [
            "記入方法: 黄色の列 (段階・削減時間 実績) だけを記入してください。段階は一覧から選び、削減時間は 1年あたりの時間数を数字で入力します。",
            "業務名・ツール・計画の削減時間はアプリの「AI・RPA」画面で変更します。記入のない行は変更なしとして扱います。",
        ],
        content.Cases,
        (row, c) =>
        {
            Text(sheet.Cell(row, 1), c.Business);
            Text(sheet.Cell(row, 2), c.Tool);
            Text(sheet.Cell(row, CaseStageColumn), c.Stage);
            if (c.PlannedHoursSaved is { } planned)
            {
                sheet.Cell(row, CasePlannedHoursColumn).Value = planned;
            }
            if (c.ActualHoursSaved is { } actual)
            {
                sheet.Cell(row, CaseActualHoursColumn).Value = actual;
            }
            return (c.Id, Fingerprint(new CaseValues(c.Stage, c.ActualHoursSaved)));
        },
        last =>
        {
            // 計画 sits between the two answer columns and stays the plan's figure.
            var planned = sheet.Range(FirstDataRow, CasePlannedHoursColumn, last, CasePlannedHoursColumn);
            planned.Style.Protection.SetLocked(true);
            planned.Style.Fill.BackgroundColor = XLColor.NoColor;
            OneOf(sheet.Range(FirstDataRow, CaseStageColumn, last, CaseStageColumn), "段階", AutomationStages.All);
            var hours = sheet.Range(FirstDataRow, CaseActualHoursColumn, last, CaseActualHoursColumn).SetDataValidation();
            hours.Decimal.Between(0, 1_000_000);
            Refuse(hours, "削減時間", "削減時間は 0～1,000,000 の数字で入力してください。");
        });

    /// <summary>
    /// A 手続 or AI・RPA sheet: instructions, header, one row per item (<paramref name="writeRow"/> fills the visible cells
    /// and returns the hidden id and fingerprint), a bordered body with unlocked answer columns, and the sheet's own
    /// validations over its data rows (<paramref name="validate"/>, given the last row, only when there are rows).
    /// </summary>
    private static void AnswerTable<T>(IXLWorksheet sheet, InquiryContent content, InquirySheet layout, IReadOnlyList<string> instructions,
        IReadOnlyList<T> items, Func<int, T, (int Id, string Fingerprint)> writeRow, Action<int> validate)
    {
        Instructions(sheet, content, instructions);
        Header(sheet, layout, centered: false);
        var row = FirstDataRow;
        foreach (var item in items)
        {
            var (id, fingerprint) = writeRow(row, item);
            sheet.Cell(row, layout.IdColumn).Value = id;
            Text(sheet.Cell(row, layout.FingerprintColumn), fingerprint);
            row++;
        }
        var last = row - 1;
        if (last < FirstDataRow)
        {
            Text(sheet.Cell(FirstDataRow, 1), "(該当なし)");
        }
        sheet.Range(HeaderRow, 1, Math.Max(last, FirstDataRow), layout.VisibleColumns).Style
            .Border.SetInsideBorder(XLBorderStyleValues.Thin).Border.SetOutsideBorder(XLBorderStyleValues.Thin)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Top);
        if (last >= FirstDataRow)
        {
            Unlock(sheet, layout, last);
            validate(last);
        }
        sheet.Columns(layout.IdColumn, layout.FingerprintColumn).Hide();
        Finish(sheet);
    }

    private static void Header(IXLWorksheet sheet, InquirySheet layout, bool centered)
    {
        for (var c = 1; c <= layout.Columns.Count; c++)
        {
            var cell = sheet.Cell(HeaderRow, c);
            Text(cell, layout.Columns[c - 1].Title);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = layout.IsAnswer(c) ? AnswerFill : HeaderFill;
            if (centered)
            {
                cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
            }
            cell.Style.Alignment.WrapText = true;
            sheet.Column(c).Width = layout.Columns[c - 1].Width;
        }
    }

    /// <summary>Unlocks and colours the answer columns of the data rows.</summary>
    private static void Unlock(IXLWorksheet sheet, InquirySheet layout, int last)
    {
        var answers = sheet.Range(FirstDataRow, layout.FirstAnswer, last, layout.LastAnswer);
        answers.Style.Protection.SetLocked(false);
        answers.Style.Fill.BackgroundColor = AnswerFill;
    }

    /// <summary>A drop-down of <paramref name="choices"/> on the cells, refusing anything else with a message naming them.</summary>
    private static void OneOf(IXLRange cells, string name, IReadOnlyList<string> choices)
    {
        var validation = cells.SetDataValidation();
        validation.List($"\"{string.Join(',', choices)}\"", true);
        Refuse(validation, name, $"{name}は {string.Join('/', choices)} から選んでください。");
    }

    /// <summary>Dates from 2000 to 2099 only, refusing anything else.</summary>
    private static void Days(IXLRange cells, string name)
    {
        var dates = cells.SetDataValidation();
        dates.Date.Between(new DateTime(2000, 1, 1), new DateTime(2099, 12, 31));
        Refuse(dates, name, "日付を 2026/11/26 の形で入力してください。");
    }

    private static void Refuse(IXLDataValidation validation, string title, string message)
    {
        validation.ShowErrorMessage = true;
        validation.ErrorStyle = XLErrorStyle.Stop;
        validation.ErrorTitle = title;
        validation.ErrorMessage = message;
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

    private static void WriteMeta(IXLWorksheet sheet, InquiryContent content)
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

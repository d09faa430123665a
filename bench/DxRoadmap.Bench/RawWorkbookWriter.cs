using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Schedule.Gantt;
using DxRoadmap.Web.Reporting;

namespace DxRoadmap.Bench;

/// <summary>
/// The baseline for the Excel writer: the same cells of 工程一覧, 遅延一覧 and ガント streamed with OpenXmlWriter
/// (inline strings, dates and numbers as numbers, one fill style per Gantt tone), without the layout work
/// ClosedXML does for borders, merges, filters and print setup.
/// </summary>
public static class RawWorkbookWriter
{
    private static readonly GanttTone[] Tones = Enum.GetValues<GanttTone>();

    public static void Write(CommitteeReport report, Stream output)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheets = new Sheets();

        AddSheet(workbookPart, sheets, "工程一覧", writer =>
        {
            foreach (var m in report.Milestones)
            {
                Row(writer,
                    Text(m.Code), Text(m.InitiativeCode), Text(m.TrackTitle), Text(m.Title), Text(m.Owner), Text(m.Related),
                    Text(m.Period), Date(m.PlannedStart?.FirstDay), Date(m.PlannedEnd?.FirstDay), Text(m.StatusLabel),
                    Number(m.Progress / 100.0), Date(m.ActualStart), Date(m.ActualEnd), Text(m.State), Text(m.SignalLabel),
                    Text(m.DelayReason), Text(m.Countermeasure), Text(m.Note), Text(m.Source));
            }
        });
        AddSheet(workbookPart, sheets, "遅延一覧", writer =>
        {
            foreach (var m in report.Late)
            {
                Row(writer, Text(m.Code), Text(m.InitiativeCode), Text(m.Title), Text(m.Owner), Text(m.Period), Text(m.StatusLabel),
                    Number(m.Progress / 100.0), Text(m.State), Text(m.DelayReason), Text(m.Countermeasure));
            }
        });
        AddSheet(workbookPart, sheets, "ガント", writer =>
        {
            var chart = report.Gantt;
            var months = chart.Ticks.Count;
            var fills = new Dictionary<int, int[]>();
            foreach (var bar in chart.Bars)
            {
                var cells = fills.TryGetValue(bar.Row, out var existing) ? existing : fills[bar.Row] = new int[months];
                for (var i = 0; i < months; i++)
                {
                    var from = chart.Ticks[i].X;
                    var to = i + 1 < months ? chart.Ticks[i + 1].X : chart.Width;
                    if (to > bar.X0 && from < bar.X1)
                    {
                        cells[i] = 3 + Array.IndexOf(Tones, bar.Tone);
                    }
                }
            }
            foreach (var row in chart.Rows)
            {
                writer.WriteStartElement(new Row());
                WriteCell(writer, Text(row.Code));
                WriteCell(writer, Text(row.Title));
                WriteCell(writer, Text(row.Owner));
                if (fills.TryGetValue(row.Index, out var cells))
                {
                    for (var i = 0; i < months; i++)
                    {
                        writer.WriteElement(new Cell { StyleIndex = (uint)cells[i] });
                    }
                }
                writer.WriteEndElement();
            }
        });
        workbookPart.Workbook = new Workbook(sheets);
    }

    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, string name, Action<OpenXmlWriter> rows)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            rows(writer);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        sheets.Append(new Sheet { Name = name, SheetId = (uint)sheets.Count() + 1, Id = workbookPart.GetIdOfPart(part) });
    }

    private static void Row(OpenXmlWriter writer, params Cell?[] cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var cell in cells)
        {
            WriteCell(writer, cell);
        }
        writer.WriteEndElement();
    }

    private static void WriteCell(OpenXmlWriter writer, Cell? cell) => writer.WriteElement(cell ?? new Cell());

    private static Cell? Text(string? text) => string.IsNullOrEmpty(text) ? null
        : new Cell(new InlineString(new Text(text))) { DataType = CellValues.InlineString };

    private static Cell Number(double value) =>
        new(new CellValue(value.ToString(CultureInfo.InvariantCulture))) { StyleIndex = 2 };

    private static Cell? Date(DateOnly? date) => date is { } d
        ? new Cell(new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture))) { StyleIndex = 1 }
        : null;

    /// <summary>Style 0 default, 1 date, 2 percent, 3… one solid fill per Gantt tone.</summary>
    private static Stylesheet Stylesheet()
    {
        var fills = new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
        foreach (var tone in Tones)
        {
            fills.Append(new Fill(new PatternFill(new ForegroundColor { Rgb = "FF" + ReportPalette.Gantt(tone).Strong[1..] })
                { PatternType = PatternValues.Solid }));
        }
        var formats = new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 9, ApplyNumberFormat = true });
        for (var i = 0; i < Tones.Length; i++)
        {
            formats.Append(new CellFormat { FillId = (uint)(2 + i), ApplyFill = true });
        }
        return new Stylesheet(
            new Fonts(new Font(new FontName { Val = ExcelReportWriter.FontName }, new FontSize { Val = 10 })),
            fills,
            new Borders(new Border()),
            formats);
    }
}

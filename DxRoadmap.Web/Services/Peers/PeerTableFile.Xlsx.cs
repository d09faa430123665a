using System.Globalization;
using ClosedXML.Excel;
using DxRoadmap.Web.Reporting;

namespace DxRoadmap.Web.Services.Peers;

// The same table saved as an Excel workbook: its first sheet read cell by cell, after the workbook guard.
public static partial class PeerTableFile
{
    public const string NotAWorkbook = "Excel ブック (.xlsx) として読み込めません。CSV か Excel 形式 (.xlsx) で保存した表を選んでください。";

    public const string UnreadableWorkbook = "ブックの内容を読み取れませんでした。表を CSV UTF-8 で保存し直して取り込んでください。";

    /// <summary>True when the bytes start as a zip package does (an .xlsx), whatever the file is called.</summary>
    public static bool LooksLikeWorkbook(ReadOnlySpan<byte> file) => file.StartsWith("PK\u0003\u0004"u8);

    /// <summary>
    /// Reads the first sheet of a workbook. The package passes <see cref="WorkbookGuard"/> (<see cref="WorkbookLimits.Upload"/>)
    /// before ClosedXML opens it; a number cell is read as its value (a cell shown as 85.75% holds 0.8575), any other
    /// cell as its text.
    /// </summary>
    public static PeerFileRead ReadXlsx(byte[] file, DateOnly month, IReadOnlyList<string> businesses)
    {
        if (file.Length > MaxFileSize)
        {
            return PeerFileRead.Refused(TooLarge);
        }
        using var stream = new MemoryStream(file, writable: false);
        if (WorkbookGuard.Open(stream, WorkbookLimits.Upload, out var refusal) is not { } workbook)
        {
            return PeerFileRead.Refused(refusal == InquiryWorkbook.NotAWorkbook ? NotAWorkbook : refusal!);
        }
        using (workbook)
        {
            List<PeerLine> lines;
            try
            {
                var sheet = workbook.Worksheets.First();
                var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
                var lastColumn = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
                if (lastRow >= MaxRows)
                {
                    return PeerFileRead.Refused($"行が多すぎます ({MaxRows:N0} 行まで)。");
                }
                if (lastColumn > MaxColumns)
                {
                    return PeerFileRead.Refused($"列が多すぎます ({MaxColumns} 列まで)。");
                }
                lines = new List<PeerLine>(lastRow);
                for (var r = 1; r <= lastRow; r++)
                {
                    var cells = new string[lastColumn];
                    for (var c = 1; c <= lastColumn; c++)
                    {
                        var cell = sheet.Cell(r, c);
                        cells[c - 1] = cell.DataType == XLDataType.Number
                            ? cell.GetDouble().ToString("R", CultureInfo.InvariantCulture)
                            : cell.GetString();
                    }
                    lines.Add(new PeerLine(r, cells));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                return PeerFileRead.Refused(UnreadableWorkbook);
            }
            return Read(lines, month, businesses);
        }
    }
}

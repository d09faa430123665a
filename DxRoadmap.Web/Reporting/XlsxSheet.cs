using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// One worksheet being laid out: cells by row and column (1-based, as in Excel), with a style id each, plus
/// the sheet's widths, merges, filter, frozen panes and print set-up. Written once by <see cref="XlsxBook"/>.
/// </summary>
internal sealed class XlsxSheet(XlsxBook book, string name)
{
    internal struct Slot
    {
        public string? Text;
        public double Number;
        public int Style;
        public bool HasNumber;
    }

    private readonly List<Slot[]?> _rows = [];
    private readonly SortedDictionary<int, double> _widths = [];
    private readonly Dictionary<int, double> _heights = [];
    private readonly List<string> _merges = [];

    public string Name { get; } = name;

    internal XlsxBook Book { get; } = book;

    internal (int First, int Last)? RepeatRows { get; private set; }

    internal (int First, int Last)? RepeatColumns { get; private set; }

    internal (int Row1, int Column1, int Row2, int Column2)? FilterArea { get; private set; }

    private readonly HashSet<(int Row, int Column)> _merged = [];
    private int _repeatColumns;
    private (int Rows, int Columns) _frozen;
    private bool _printGridLines;
    private bool _print;

    public XlsxCell Cell(int row, int column) => new(this, row, column);

    public XlsxRange Range(int row1, int column1, int row2, int column2) => new(this, row1, column1, row2, column2);

    public double ColumnWidth(int column) => _widths.TryGetValue(column, out var width) ? width : 8.43;

    public void SetColumnWidth(int column, double width) => _widths[column] = width;

    public void SetRowHeight(int row, double height) => _heights[row] = height;

    public void Freeze(int rows, int columns) => _frozen = (rows, columns);

    public void FreezeRows(int rows) => _frozen = (rows, 0);

    internal void Merge(XlsxRange range)
    {
        _merges.Add(Reference(range));
        for (var r = range.Row1; r <= range.Row2; r++)
        {
            for (var c = range.Column1; c <= range.Column2; c++)
            {
                _merged.Add((r, c));
            }
        }
    }

    internal void SetAutoFilter(XlsxRange range) => FilterArea = (range.Row1, range.Column1, range.Row2, range.Column2);

    /// <summary>
    /// A3 landscape, rows 1…<paramref name="headerRow"/> repeated, page n / N and the sheet name in the footer.
    /// One page wide when that still prints the smallest text at <see cref="MinimumPrintedPoints"/> or more;
    /// otherwise at the scale that does, with columns 1…<paramref name="repeatColumns"/> (at least the first)
    /// repeated on every page across.
    /// </summary>
    public void PrintA3Landscape(int headerRow, int repeatColumns = 0, bool gridLines = false)
    {
        _print = true;
        RepeatRows = (1, headerRow);
        _repeatColumns = repeatColumns;
        _printGridLines = gridLines;
    }

    /// <summary>The smallest text size a printed page may carry.</summary>
    public const double MinimumPrintedPoints = 8;

    /// <summary>A3 landscape less the left and right margins (0.4 in each), in points.</summary>
    public const double PrintableWidth = 420 / 25.4 * 72 - 2 * 0.4 * 72;

    /// <summary>
    /// Points per unit of column width as Excel stores it (the padding included): one unit is the width of a
    /// digit of the workbook font. LibreOffice prints BIZ UDPゴシック 10 pt at about 6.4 pt per unit (measured
    /// on its PDF output); a little more is allowed so that the check errs on the readable side.
    /// </summary>
    public const double PointsPerWidthUnit = 6.5;


    internal ref Slot At(int row, int column)
    {
        while (_rows.Count < row)
        {
            _rows.Add(null);
        }
        ref var cells = ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_rows)[row - 1];
        if (cells is null)
        {
            cells = new Slot[Math.Max(column, 8)];
        }
        else if (cells.Length < column)
        {
            Array.Resize(ref cells, Math.Max(column, cells.Length * 2));
        }
        return ref cells[column - 1];
    }

    // ---- writing ----

    private static readonly string[] Letters = Enumerable.Range(1, 16384).Select(ColumnName).ToArray();

    internal static string Column(int column) => Letters[column - 1];

    private static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + (column - 1) % 26) + name;
        }
        return name;
    }

    internal static string Quoted(string sheet) => "'" + sheet.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Reference(int row1, int column1, int row2, int column2) =>
        $"{Column(column1)}{row1}:{Column(column2)}{row2}";

    private static string Reference(XlsxRange r) => Reference(r.Row1, r.Column1, r.Row2, r.Column2);

    internal string Absolute((int Row1, int Column1, int Row2, int Column2) r) =>
        $"{Quoted(Name)}!${Column(r.Column1)}${r.Row1}:${Column(r.Column2)}${r.Row2}";

    /// <summary>
    /// A column's stored width includes the cell margins; Excel shows the width in characters without them,
    /// so widths are given as Excel shows them and the margin is added on writing (ClosedXML does the same).
    /// </summary>
    private const double CellPadding = 0.710625;

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Streams the worksheet part, in the element order the schema requires.</summary>
    internal void WriteTo(OpenXmlWriter writer, bool selected, Func<string, int> sharedString)
    {
        var lastColumn = FitToContent();
        var scale = PrintScale(lastColumn);
        writer.WriteStartElement(new Worksheet());
        if (_print)
        {
            writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = scale is null }));
        }
        writer.WriteElement(new SheetDimension
        {
            Reference = _rows.Count == 0 ? "A1" : $"A1:{Column(Math.Max(1, lastColumn))}{_rows.Count}",
        });
        var view = new SheetView { WorkbookViewId = 0, TabSelected = selected ? true : null };
        if (_frozen.Rows > 0 || _frozen.Columns > 0)
        {
            var pane = _frozen.Columns > 0
                ? (_frozen.Rows > 0 ? PaneValues.BottomRight : PaneValues.TopRight)
                : PaneValues.BottomLeft;
            view.Append(
                new Pane
                {
                    HorizontalSplit = _frozen.Columns > 0 ? _frozen.Columns : null,
                    VerticalSplit = _frozen.Rows > 0 ? _frozen.Rows : null,
                    TopLeftCell = $"{Column(_frozen.Columns + 1)}{_frozen.Rows + 1}",
                    ActivePane = pane,
                    State = PaneStateValues.Frozen,
                },
                new Selection { Pane = pane });
        }
        writer.WriteElement(new SheetViews(view));
        writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15 });
        if (_widths.Count > 0)
        {
            writer.WriteElement(new Columns(_widths.Select(w => new DocumentFormat.OpenXml.Spreadsheet.Column
                { Min = (uint)w.Key, Max = (uint)w.Key, Width = w.Value + CellPadding, CustomWidth = true })));
        }

        writer.WriteStartElement(new SheetData());
        var rowElement = new Row();
        var cellElement = new DocumentFormat.OpenXml.Spreadsheet.Cell();
        var valueElement = new CellValue();
        var attributes = new List<OpenXmlAttribute>(4);
        for (var r = 0; r < _rows.Count; r++)
        {
            var cells = _rows[r];
            if (cells is null && !_heights.ContainsKey(r + 1))
            {
                continue;
            }
            var rowNumber = (r + 1).ToString(CultureInfo.InvariantCulture);
            attributes.Clear();
            attributes.Add(new OpenXmlAttribute("r", "", rowNumber));
            if (_heights.TryGetValue(r + 1, out var height))
            {
                attributes.Add(new OpenXmlAttribute("ht", "", Invariant(height)));
                attributes.Add(new OpenXmlAttribute("customHeight", "", "1"));
            }
            writer.WriteStartElement(rowElement, attributes);
            for (var c = 0; cells is not null && c < cells.Length; c++)
            {
                ref readonly var slot = ref cells[c];
                if (slot.Text is null && !slot.HasNumber && slot.Style == 0)
                {
                    continue;
                }
                attributes.Clear();
                attributes.Add(new OpenXmlAttribute("r", "", Letters[c] + rowNumber));
                if (slot.Style != 0)
                {
                    attributes.Add(new OpenXmlAttribute("s", "", StyleIndex(slot.Style)));
                }
                string? value = null;
                if (slot.Text is not null)
                {
                    attributes.Add(new OpenXmlAttribute("t", "", "s"));
                    value = sharedString(slot.Text).ToString(CultureInfo.InvariantCulture);
                }
                else if (slot.HasNumber)
                {
                    value = Invariant(slot.Number);
                }
                writer.WriteStartElement(cellElement, attributes);
                if (value is not null)
                {
                    writer.WriteStartElement(valueElement);
                    writer.WriteString(value);
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement();

        if (FilterArea is { } filter)
        {
            writer.WriteElement(new AutoFilter { Reference = Reference(filter.Row1, filter.Column1, filter.Row2, filter.Column2) });
        }
        if (_merges.Count > 0)
        {
            writer.WriteElement(new MergeCells(_merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)_merges.Count });
        }
        if (_print)
        {
            if (_printGridLines)
            {
                writer.WriteElement(new PrintOptions { GridLines = true });
            }
            writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
            writer.WriteElement(new PageSetup
            {
                PaperSize = 8, // A3
                Orientation = OrientationValues.Landscape,
                Scale = scale,
                FitToWidth = scale is null ? 1u : null,
                FitToHeight = scale is null ? 0u : null,
            });
            writer.WriteElement(new HeaderFooter(new OddFooter("&C&P / &N&R" + Name.Replace("&", "&&", StringComparison.Ordinal))));
        }
        writer.WriteEndElement();
    }

    /// <summary>
    /// Widens each column to the longest unwrapped text of its table cells (up to <see cref="WidestColumn"/>) and gives every row
    /// holding wrapped text the height of its lines, so that no printed cell is cut or runs into the next row.
    /// Returns the last column used.
    /// </summary>
    private int FitToContent()
    {
        var lastColumn = _widths.Count > 0 ? _widths.Keys.Max() : 0;
        var widest = new Dictionary<int, double>();
        for (var r = 0; r < _rows.Count; r++)
        {
            var cells = _rows[r];
            if (cells is null)
            {
                continue;
            }
            var lines = 1.0;
            var size = 0.0;
            for (var c = 0; c < cells.Length; c++)
            {
                ref readonly var slot = ref cells[c];
                if (slot.Text is null && !slot.HasNumber && slot.Style == 0)
                {
                    continue;
                }
                lastColumn = Math.Max(lastColumn, c + 1);
                if (slot.Text is null || _merged.Contains((r + 1, c + 1)))
                {
                    continue;
                }
                var style = Book.Style(slot.Style);
                var fontScale = (style.FontSize == 0 ? Book.FontSize : style.FontSize) / Book.FontSize;
                if (style.Wrap)
                {
                    lines = Math.Max(lines, TextLines(slot.Text, ColumnWidth(c + 1) / fontScale));
                    size = Math.Max(size, style.FontSize == 0 ? Book.FontSize : style.FontSize);
                }
                else if (style.Left != XlsxLine.None && !slot.Text.Contains('\n', StringComparison.Ordinal))
                {
                    // Only a table's cells (they have borders) must fit; a title or a note may run on.
                    var width = TextWidth(slot.Text) * fontScale + 1;
                    widest[c + 1] = Math.Max(widest.GetValueOrDefault(c + 1), width);
                }
            }
            if (lines > 1 && !_heights.ContainsKey(r + 1))
            {
                _heights[r + 1] = Math.Ceiling(lines * size * LineSpacing + 3);
            }
        }
        foreach (var (column, width) in widest)
        {
            if (width > ColumnWidth(column))
            {
                _widths[column] = Math.Min(WidestColumn, width);
            }
        }
        return lastColumn;
    }

    /// <summary>Line height as a multiple of the font size, as Excel and LibreOffice set BIZ UDPゴシック.</summary>
    private const double LineSpacing = 1.5;

    /// <summary>The widest a column grows to fit its text; longer text is for wrapped columns.</summary>
    private const double WidestColumn = 60;

    /// <summary>Width in digit widths: a full-width character is two, anything else one (a safe over-estimate).</summary>
    internal static double TextWidth(string text)
    {
        double width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += IsWide(rune.Value) ? 2 : 1;
        }
        return width;
    }

    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000
            or 0x25A0 or 0x25B2 or 0x25C6 or 0x25CF or 0x2605;

    /// <summary>Lines a wrapped cell needs in a column <paramref name="columnWidth"/> digits wide.</summary>
    internal static double TextLines(string text, double columnWidth)
    {
        var usable = Math.Max(1, columnWidth - 0.5);
        double lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            lines += Math.Max(1, Math.Ceiling(TextWidth(paragraph) / usable));
        }
        return lines;
    }

    /// <summary>
    /// Null to print one page wide, or the percentage that keeps the smallest text readable; in that case
    /// the first columns repeat on every page across.
    /// </summary>
    private uint? PrintScale(int lastColumn)
    {
        if (!_print)
        {
            return null;
        }
        var width = 0.0;
        for (var c = 1; c <= lastColumn; c++)
        {
            width += (ColumnWidth(c) + CellPadding) * PointsPerWidthUnit;
        }
        var smallest = SmallestFont();
        var fit = Math.Min(1, PrintableWidth / width);
        if (fit * smallest >= MinimumPrintedPoints)
        {
            RepeatColumns = _repeatColumns > 0 ? (1, _repeatColumns) : null;
            return null;
        }
        RepeatColumns = (1, Math.Max(1, _repeatColumns));
        return (uint)Math.Ceiling(100 * MinimumPrintedPoints / smallest);
    }

    private double SmallestFont()
    {
        var smallest = Book.FontSize;
        var seen = new HashSet<int>();
        foreach (var cells in _rows)
        {
            for (var c = 0; cells is not null && c < cells.Length; c++)
            {
                if (cells[c].Text is not null && seen.Add(cells[c].Style) && Book.Style(cells[c].Style).FontSize is > 0 and var size)
                {
                    smallest = Math.Min(smallest, size);
                }
            }
        }
        return smallest;
    }

    private static readonly List<string> StyleIndexes = [];

    private static string StyleIndex(int style)
    {
        lock (StyleIndexes)
        {
            while (StyleIndexes.Count <= style)
            {
                StyleIndexes.Add(StyleIndexes.Count.ToString(CultureInfo.InvariantCulture));
            }
            return StyleIndexes[style];
        }
    }
}

/// <summary>A cell of an <see cref="XlsxSheet"/>; values are typed, text always stays text.</summary>
internal readonly struct XlsxCell(XlsxSheet sheet, int row, int column)
{
    public int Row => row;

    public int ColumnNumber => column;

    /// <summary>
    /// Text stays text: a shared string, never parsed as a number or date, and a leading = + - @ gets Excel's
    /// quote prefix so the cell is not turned into a formula when someone edits it. Null or empty leaves the cell.
    /// </summary>
    public XlsxCell Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return this;
        }
        ref var slot = ref sheet.At(row, column);
        slot.Text = XmlSafe(text);
        slot.HasNumber = false;
        if (LooksLikeFormula(text))
        {
            return Style(s => s with { QuotePrefix = true });
        }
        return this;
    }

    /// <summary>Text Excel would take for a formula if someone edited the cell: it begins with = + - or @.</summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@';

    /// <summary>
    /// Control characters pasted into a note (a vertical tab from Word, say) cannot be stored in the XML of a
    /// workbook; each becomes U+FFFD so the export still succeeds and shows where something was dropped.
    /// </summary>
    internal static string XmlSafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!Valid(text, i, out var width))
            {
                var safe = new System.Text.StringBuilder(text.Length);
                safe.Append(text, 0, i);
                for (; i < text.Length; i += width)
                {
                    if (Valid(text, i, out width))
                    {
                        safe.Append(text, i, width);
                    }
                    else
                    {
                        safe.Append('\uFFFD');
                    }
                }
                return safe.ToString();
            }
            i += width - 1;
        }
        return text;

        static bool Valid(string text, int i, out int width)
        {
            width = 1;
            if (System.Xml.XmlConvert.IsXmlChar(text[i]))
            {
                return true;
            }
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                width = 2;
                return true;
            }
            return false;
        }
    }

    public XlsxCell Number(double value)
    {
        ref var slot = ref sheet.At(row, column);
        slot.Text = null;
        slot.Number = value;
        slot.HasNumber = true;
        return this;
    }

    /// <summary>A date as Excel's serial day number; give it a date format to show it as one.</summary>
    public XlsxCell Date(DateOnly day) => Number(day.ToDateTime(TimeOnly.MinValue).ToOADate());

    public XlsxCell Style(Func<XlsxStyle, XlsxStyle> change)
    {
        ref var slot = ref sheet.At(row, column);
        slot.Style = sheet.Book.StyleId(change(sheet.Book.Style(slot.Style)));
        return this;
    }

    public XlsxRange AsRange() => new(sheet, row, column, row, column);
}

/// <summary>A rectangle of cells: styled together, merged, or given the sheet's autofilter.</summary>
internal readonly struct XlsxRange(XlsxSheet sheet, int row1, int column1, int row2, int column2)
{
    public int Row1 => row1;

    public int Column1 => column1;

    public int Row2 => row2;

    public int Column2 => column2;

    public XlsxCell FirstCell() => sheet.Cell(row1, column1);

    /// <summary>Changes every cell of the range; cells sharing a style share the lookup.</summary>
    public XlsxRange Style(Func<XlsxStyle, XlsxStyle> change)
    {
        var book = sheet.Book;
        int lastFrom = -1, lastTo = 0;
        for (var r = row1; r <= row2; r++)
        {
            for (var c = column1; c <= column2; c++)
            {
                ref var slot = ref sheet.At(r, c);
                if (slot.Style != lastFrom)
                {
                    lastFrom = slot.Style;
                    lastTo = book.StyleId(change(book.Style(lastFrom)));
                }
                slot.Style = lastTo;
            }
        }
        return this;
    }

    public XlsxRange Merge()
    {
        sheet.Merge(this);
        return this;
    }

    public void SetAutoFilter() => sheet.SetAutoFilter(this);
}

using PdfSharp;
using PdfSharp.Drawing;
using DxRoadmap.Domain.Schedule;
using PdfSharp.Pdf;

namespace DxRoadmap.Web.Reporting;

public enum PaperSize
{
    A3 = 0,
    A4 = 1,
}

public enum CellAlign
{
    Left = 0,
    Center = 1,
    Right = 2,
}

/// <summary>
/// A table column: a title, a share of the table width, alignment. A centred or right-aligned column, or one
/// marked <paramref name="Whole"/>, is widened so that none of its values breaks (「未着手」, 「100%」, 「5.2-02」).
/// </summary>
internal sealed record PdfColumn(string Title, double Weight, CellAlign Align = CellAlign.Left, bool Whole = false)
{
    public bool KeepsValuesWhole => Whole || Align != CellAlign.Left;
}

/// <summary>One table cell's text and optional colours.</summary>
internal sealed record PdfCell(string? Text, string? Fill = null, string? Color = null, bool Bold = false)
{
    public static implicit operator PdfCell(string? text) => new(text);
}

/// <summary>
/// Pages, fonts, the running header and a flowing cursor for the PDF report: tables continue on a new page
/// with their header repeated. Page numbers are added at the end, when the page count is known.
/// </summary>
internal sealed class PdfCanvas : IDisposable
{
    public const double Margin = 36;
    private const double HeaderHeight = 26;
    private const double FooterHeight = 20;
    private const double CellPadding = 3;

    private readonly PdfDocument _document;
    private readonly PaperSize _paper;
    private readonly string _headerLeft;
    private readonly string _headerRight;
    private readonly string _footerLeft;
    private readonly Dictionary<(ReportFace Face, bool Bold, double Size), XFont> _fonts = [];
    private readonly Dictionary<(bool Bold, double Size, string Element), double> _widths = [];
    private XGraphics? _graphics;
    private PdfPage? _page;

    public PdfCanvas(PdfDocument document, PaperSize paper, string headerLeft, string headerRight, string footerLeft)
    {
        _document = document;
        _paper = paper;
        _headerLeft = headerLeft;
        _headerRight = headerRight;
        _footerLeft = footerLeft;
    }

    public XGraphics G => _graphics ?? throw new InvalidOperationException("ページがありません。");

    public double Width { get; private set; }

    public double Height { get; private set; }

    public double Left => Margin;

    public double Right => Width - Margin;

    public double ContentWidth => Width - 2 * Margin;

    public double Top => Margin + HeaderHeight;

    public double Bottom => Height - Margin - FooterHeight;

    /// <summary>Where the next block starts on the current page.</summary>
    public double Y { get; set; }

    /// <summary>Body text size: A4 pages get slightly smaller type so tables keep their columns.</summary>
    public double BodySize => _paper == PaperSize.A3 ? 9 : 7.5;

    private XFont Font(ReportFace face, double size, bool bold)
    {
        if (!_fonts.TryGetValue((face, bold, size), out var font))
        {
            font = new XFont(face == ReportFace.Main ? ReportFonts.Family : ReportFonts.FallbackFamily, size,
                bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
            _fonts[(face, bold, size)] = font;
        }
        return font;
    }

    /// <summary>
    /// Character widths are cached: the appendix measures hundreds of thousands of characters. A character
    /// only the fallback font has is measured in that font, so lines wrap to what is actually drawn.
    /// </summary>
    public double CharWidth(string element, double size, bool bold)
    {
        if (!_widths.TryGetValue((bold, size, element), out var width))
        {
            width = TextWidth(G, element, size, bold);
            _widths[(bold, size, element)] = width;
        }
        return width;
    }

    /// <summary>The width of <paramref name="text"/> as <see cref="DrawText"/> sets it, each run in its font.</summary>
    public double TextWidth(string? text, double size, bool bold = false) => TextWidth(G, text, size, bold);

    private double TextWidth(XGraphics g, string? text, double size, bool bold)
    {
        double width = 0;
        foreach (var run in ReportFonts.Runs.Split(text ?? ""))
        {
            width += g.MeasureString(run.Text, Font(run.Face, size, bold)).Width;
        }
        return width;
    }

    /// <summary>
    /// Draws text on its baseline, aligned left, centred or right at <paramref name="at"/> as
    /// <paramref name="format"/> says. Characters BIZ UDPGothic lacks are drawn in the fallback font on the
    /// same baseline and size, those neither font has as 〓, and variation selectors are dropped. Every piece of
    /// text in the report goes through here.
    /// </summary>
    public void DrawText(string? text, double size, bool bold, XBrush brush, XPoint at, XStringFormat format) =>
        DrawText(G, text, size, bold, brush, at, format);

    private void DrawText(XGraphics g, string? text, double size, bool bold, XBrush brush, XPoint at, XStringFormat format)
    {
        if (format.LineAlignment != XLineAlignment.BaseLine)
        {
            // Two fonts with different ascents only line up on the baseline.
            throw new ArgumentException("文字は基準線 (BaseLine) に揃えて描きます。", nameof(format));
        }
        var runs = ReportFonts.Runs.Split(text ?? "");
        if (runs.Count == 0)
        {
            return;
        }
        if (runs.Count == 1 && runs[0].Face == ReportFace.Main)
        {
            g.DrawString(runs[0].Text, Font(ReportFace.Main, size, bold), brush, at, format);
            return;
        }
        var widths = new double[runs.Count];
        for (var i = 0; i < runs.Count; i++)
        {
            widths[i] = g.MeasureString(runs[i].Text, Font(runs[i].Face, size, bold)).Width;
        }
        var x = format.Alignment switch
        {
            XStringAlignment.Center => at.X - widths.Sum() / 2,
            XStringAlignment.Far => at.X - widths.Sum(),
            _ => at.X,
        };
        for (var i = 0; i < runs.Count; i++)
        {
            g.DrawString(runs[i].Text, Font(runs[i].Face, size, bold), brush, new XPoint(x, at.Y), XStringFormats.BaseLineLeft);
            x += widths[i];
        }
    }

    public List<string> Wrap(string? text, double width, double size, bool bold = false) =>
        JapaneseLineBreaker.Wrap(text is null ? null : ReportFonts.Printable(text), width,
            element => CharWidth(element, size, bold));

    /// <summary>Starts a page with the running header; a cover passes <paramref name="plain"/> to skip it.</summary>
    public void NewPage(bool plain = false)
    {
        _graphics?.Dispose();
        var page = _page = _document.AddPage();
        page.Size = _paper == PaperSize.A3 ? PageSize.A3 : PageSize.A4;
        page.Orientation = PageOrientation.Landscape;
        _graphics = XGraphics.FromPdfPage(page);
        Width = page.Width.Point;
        Height = page.Height.Point;
        Y = Top;
        if (!plain)
        {
            DrawText(_headerLeft, 8, false, Brush(ReportPalette.Ink), new XPoint(Left, Margin + 10), XStringFormats.BaseLineLeft);
            DrawText(_headerRight, 8, false, Brush(ReportPalette.Ink), new XPoint(Right, Margin + 10), XStringFormats.BaseLineRight);
            G.DrawLine(new XPen(Color(ReportPalette.Accent), 0.8), Left, Margin + 15, Right, Margin + 15);
        }
    }

    /// <summary>
    /// A bookmark to the current page in the document outline, under <paramref name="parent"/> or at the top.
    /// </summary>
    public PdfOutline Bookmark(string title, PdfOutline? parent = null)
    {
        var page = _page ?? throw new InvalidOperationException("ページがありません。");
        var outlines = parent?.Outlines ?? _document.Outlines;
        var outline = outlines.Add(title, page, opened: parent is null);
        return outline;
    }

    /// <summary>Moves to a new page unless <paramref name="height"/> still fits below the cursor.</summary>
    public void Need(double height)
    {
        if (_graphics is null || Y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Heading(string text, double size = 14)
    {
        Need(size * 3);
        DrawText(text, size, true, Brush(ReportPalette.Accent), new XPoint(Left, Y + size), XStringFormats.BaseLineLeft);
        Y += size * 1.8;
    }

    public void Paragraph(string text, double? size = null, string color = ReportPalette.Ink)
    {
        var s = size ?? BodySize;
        foreach (var line in Wrap(text, ContentWidth, s))
        {
            Need(s * 1.5);
            DrawText(line, s, false, Brush(color), new XPoint(Left, Y + s), XStringFormats.BaseLineLeft);
            Y += s * 1.45;
        }
    }

    /// <summary>
    /// A table across the content width; rows are as tall as their wrapped text and never split, and a page
    /// break repeats the caption (続き) and the header row.
    /// </summary>
    public void Table(string? caption, IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<PdfCell>> rows,
        PdfOutline? bookmarkUnder = null)
    {
        var size = BodySize;
        var line = size * 1.35;
        var list = rows as IReadOnlyList<IReadOnlyList<PdfCell>> ?? rows.ToList();
        var widths = ColumnWidths(columns, list, size);
        var headerLines = columns.Select((c, i) => Wrap(c.Title, widths[i] - 2 * CellPadding, size, true)).ToList();
        var headerHeight = headerLines.Max(l => l.Count) * line + 2 * CellPadding;

        void DrawHeader(bool continued)
        {
            if (caption is not null)
            {
                DrawText(continued ? caption + " (続き)" : caption, size + 2, true, Brush(ReportPalette.Accent),
                    new XPoint(Left, Y + size + 2), XStringFormats.BaseLineLeft);
                Y += (size + 2) * 1.7;
            }
            var x = Left;
            for (var i = 0; i < columns.Count; i++)
            {
                G.DrawRectangle(new XPen(Color(ReportPalette.Rule), 0.5), Brush(ReportPalette.HeaderFill), x, Y, widths[i], headerHeight);
                DrawLines(headerLines[i], x, Y, widths[i], size, true, ReportPalette.Ink, CellAlign.Center);
                x += widths[i];
            }
            Y += headerHeight;
        }

        Need(headerHeight + line * 2 + (caption is null ? 0 : size * 3));
        if (bookmarkUnder is not null && caption is not null)
        {
            Bookmark(caption, bookmarkUnder);
        }
        DrawHeader(false);
        foreach (var row in list)
        {
            var wrapped = row.Select((cell, i) => Wrap(cell.Text, widths[i] - 2 * CellPadding, size, cell.Bold)).ToList();
            var height = Math.Max(1, wrapped.Max(l => l.Count)) * line + 2 * CellPadding;
            if (Y + height > Bottom)
            {
                NewPage();
                DrawHeader(true);
            }
            var x = Left;
            for (var i = 0; i < columns.Count; i++)
            {
                var cell = row[i];
                G.DrawRectangle(new XPen(Color(ReportPalette.Rule), 0.5), cell.Fill is null ? null : Brush(cell.Fill), x, Y, widths[i], height);
                DrawLines(wrapped[i], x, Y, widths[i], size, cell.Bold, cell.Color ?? ReportPalette.Ink, columns[i].Align);
                x += widths[i];
            }
            Y += height;
        }
        Y += size;
    }

    /// <summary>
    /// Widths by weight, then each column that keeps its values whole gets at least its widest value, taken
    /// from the columns that wrap in proportion to their widths.
    /// </summary>
    private double[] ColumnWidths(IReadOnlyList<PdfColumn> columns, IReadOnlyList<IReadOnlyList<PdfCell>> rows, double size)
    {
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => ContentWidth * c.Weight / total).ToArray();
        var needed = new double[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            if (!columns[i].KeepsValuesWhole)
            {
                continue;
            }
            foreach (var row in rows)
            {
                foreach (var part in (row[i].Text ?? "").Split('\n'))
                {
                    // Measured as Wrap measures, from the cached character widths.
                    var width = 0.0;
                    foreach (var element in JapaneseLineBreaker.Elements(ReportFonts.Printable(part)))
                    {
                        width += CharWidth(element, size, row[i].Bold);
                    }
                    needed[i] = Math.Max(needed[i], width + 2 * CellPadding + 1);
                }
            }
        }
        var extra = Enumerable.Range(0, columns.Count).Sum(i => Math.Max(0, needed[i] - widths[i]));
        var flexible = Enumerable.Range(0, columns.Count).Where(i => !columns[i].KeepsValuesWhole).Sum(i => widths[i]);
        if (extra <= 0 || flexible <= extra * 2)
        {
            return widths;
        }
        for (var i = 0; i < columns.Count; i++)
        {
            widths[i] = columns[i].KeepsValuesWhole ? Math.Max(widths[i], needed[i]) : widths[i] * (1 - extra / flexible);
        }
        return widths;
    }

    private void DrawLines(IReadOnlyList<string> lines, double x, double y, double width, double size, bool bold, string color, CellAlign align)
    {
        var brush = Brush(color);
        var line = size * 1.35;
        for (var i = 0; i < lines.Count; i++)
        {
            var baseline = y + CellPadding + i * line + size;
            var (px, format) = align switch
            {
                CellAlign.Center => (x + width / 2, XStringFormats.BaseLineCenter),
                CellAlign.Right => (x + width - CellPadding, XStringFormats.BaseLineRight),
                _ => (x + CellPadding, XStringFormats.BaseLineLeft),
            };
            DrawText(lines[i], size, bold, brush, new XPoint(px, baseline), format);
        }
    }

    /// <summary>「n / N」 and the issuing division on every page but the cover, once all pages exist.</summary>
    public void NumberPages()
    {
        _graphics?.Dispose();
        _graphics = null;
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - Margin;
            DrawText(g, $"{i + 1} / {count}", 8, false, Brush(ReportPalette.Ink), new XPoint(page.Width.Point / 2, y), XStringFormats.BaseLineCenter);
            if (i > 0)
            {
                DrawText(g, _footerLeft, 8, false, Brush(ReportPalette.Ink), new XPoint(Margin, y), XStringFormats.BaseLineLeft);
            }
        }
    }

    /// <summary>
    /// A signal as a shape (● 青, ▲ 黄, ■ 赤) in its colour, centred on (<paramref name="x"/>, <paramref name="y"/>):
    /// on a grey photocopy the three colours look alike, the shapes do not.
    /// </summary>
    public void SignalMark(Signal signal, double x, double y, double size)
    {
        var brush = Brush(ReportPalette.Signal(signal).Strong);
        var r = size / 2;
        switch (signal)
        {
            case Signal.Red:
                G.DrawRectangle(brush, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
                break;
            case Signal.Yellow:
                G.DrawPolygon(new XPen(Color(ReportPalette.Ink), 0.4), brush, [new(x, y - r), new(x + r * 1.1, y + r * 0.85), new(x - r * 1.1, y + r * 0.85)], XFillMode.Winding);
                break;
            default:
                G.DrawEllipse(brush, x - r, y - r, size, size);
                break;
        }
    }

    /// <summary>
    /// Parallel lines across a rectangle, clipped to it: the pattern that tells a state apart without colour.
    /// <paramref name="angle"/> is the slope: 1 rises to the right, -1 falls, 0 is horizontal, 2 vertical.
    /// </summary>
    public void Hatch(XRect area, string color, double spacing, int angle, double width = 0.5)
    {
        if (area.Width <= 0 || area.Height <= 0)
        {
            return;
        }
        var state = G.Save();
        G.IntersectClip(area);
        var pen = new XPen(Color(color), width);
        if (angle == 2)
        {
            for (var x = area.Left + spacing / 2; x < area.Right; x += spacing)
            {
                G.DrawLine(pen, x, area.Top, x, area.Bottom);
            }
        }
        else if (angle == 0)
        {
            for (var y = area.Top + spacing / 2; y < area.Bottom; y += spacing)
            {
                G.DrawLine(pen, area.Left, y, area.Right, y);
            }
        }
        else
        {
            var h = area.Height;
            for (var x = area.Left - h; x < area.Right; x += spacing)
            {
                if (angle > 0)
                {
                    G.DrawLine(pen, x, area.Bottom, x + h, area.Top);
                }
                else
                {
                    G.DrawLine(pen, x, area.Top, x + h, area.Bottom);
                }
            }
        }
        G.Restore(state);
    }

    public static XColor Color(string hex) => XColor.FromArgb(
        Convert.ToInt32(hex.Substring(1, 2), 16), Convert.ToInt32(hex.Substring(3, 2), 16), Convert.ToInt32(hex.Substring(5, 2), 16));

    public static XSolidBrush Brush(string hex) => new(Color(hex));

    public void Dispose()
    {
        _graphics?.Dispose();
        _graphics = null;
    }
}

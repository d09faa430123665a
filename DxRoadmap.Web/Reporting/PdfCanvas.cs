using PdfSharp;
using PdfSharp.Drawing;
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

/// <summary>A table column: a title, a share of the table width, alignment.</summary>
internal sealed record PdfColumn(string Title, double Weight, CellAlign Align = CellAlign.Left);

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
    private readonly Dictionary<(bool Bold, double Size), XFont> _fonts = [];
    private readonly Dictionary<(bool Bold, double Size, char Ch), double> _widths = [];
    private XGraphics? _graphics;

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

    public XFont Font(double size, bool bold = false)
    {
        if (!_fonts.TryGetValue((bold, size), out var font))
        {
            font = new XFont(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
                new XPdfFontOptions(PdfFontEncoding.Unicode));
            _fonts[(bold, size)] = font;
        }
        return font;
    }

    /// <summary>Character widths are cached: the appendix measures hundreds of thousands of characters.</summary>
    public double CharWidth(char ch, double size, bool bold)
    {
        if (!_widths.TryGetValue((bold, size, ch), out var width))
        {
            width = G.MeasureString(ch.ToString(), Font(size, bold)).Width;
            _widths[(bold, size, ch)] = width;
        }
        return width;
    }

    public List<string> Wrap(string? text, double width, double size, bool bold = false) =>
        JapaneseLineBreaker.Wrap(text, width, ch => CharWidth(ch, size, bold));

    /// <summary>Starts a page with the running header; a cover passes <paramref name="plain"/> to skip it.</summary>
    public void NewPage(bool plain = false)
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = _paper == PaperSize.A3 ? PageSize.A3 : PageSize.A4;
        page.Orientation = PageOrientation.Landscape;
        _graphics = XGraphics.FromPdfPage(page);
        Width = page.Width.Point;
        Height = page.Height.Point;
        Y = Top;
        if (!plain)
        {
            var small = Font(8);
            G.DrawString(_headerLeft, small, Brush(ReportPalette.Ink), new XPoint(Left, Margin + 10), XStringFormats.BaseLineLeft);
            G.DrawString(_headerRight, small, Brush(ReportPalette.Ink), new XPoint(Right, Margin + 10), XStringFormats.BaseLineRight);
            G.DrawLine(new XPen(Color(ReportPalette.Accent), 0.8), Left, Margin + 15, Right, Margin + 15);
        }
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
        G.DrawString(text, Font(size, true), Brush(ReportPalette.Accent), new XPoint(Left, Y + size), XStringFormats.BaseLineLeft);
        Y += size * 1.8;
    }

    public void Paragraph(string text, double? size = null, string color = ReportPalette.Ink)
    {
        var s = size ?? BodySize;
        foreach (var line in Wrap(text, ContentWidth, s))
        {
            Need(s * 1.5);
            G.DrawString(line, Font(s), Brush(color), new XPoint(Left, Y + s), XStringFormats.BaseLineLeft);
            Y += s * 1.45;
        }
    }

    /// <summary>
    /// A table across the content width; rows are as tall as their wrapped text and never split, and a page
    /// break repeats the caption (続き) and the header row.
    /// </summary>
    public void Table(string? caption, IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<PdfCell>> rows)
    {
        var size = BodySize;
        var line = size * 1.35;
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => ContentWidth * c.Weight / total).ToArray();
        var headerLines = columns.Select((c, i) => Wrap(c.Title, widths[i] - 2 * CellPadding, size, true)).ToList();
        var headerHeight = headerLines.Max(l => l.Count) * line + 2 * CellPadding;

        void DrawHeader(bool continued)
        {
            if (caption is not null)
            {
                G.DrawString(continued ? caption + " (続き)" : caption, Font(size + 2, true), Brush(ReportPalette.Accent),
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
        DrawHeader(false);
        foreach (var row in rows)
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

    private void DrawLines(IReadOnlyList<string> lines, double x, double y, double width, double size, bool bold, string color, CellAlign align)
    {
        var font = Font(size, bold);
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
            G.DrawString(lines[i], font, brush, new XPoint(px, baseline), format);
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
            var font = Font(8);
            g.DrawString($"{i + 1} / {count}", font, Brush(ReportPalette.Ink), new XPoint(page.Width.Point / 2, y), XStringFormats.BaseLineCenter);
            if (i > 0)
            {
                g.DrawString(_footerLeft, font, Brush(ReportPalette.Ink), new XPoint(Margin, y), XStringFormats.BaseLineLeft);
            }
        }
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

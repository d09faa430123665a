using System.Globalization;
using System.Runtime.InteropServices;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.ExtendedProperties;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DxRoadmap.Web.Reporting;

internal enum XlsxLine : byte { None, Thin, Medium }

/// <summary>A cell fill: solid, or thin lines (rising, falling, horizontal, vertical) or sparse dots in the pattern colour over the fill.</summary>
internal enum XlsxPattern : byte { None, Solid, LightUp, LightDown, LightHorizontal, LightVertical, Dots }

internal enum XlsxHorizontal : byte { General, Center }

internal enum XlsxVertical : byte { Bottom, Center, Top }

/// <summary>
/// Everything a cell of the committee workbook can look like. A value type, so that styling a million cells
/// costs a lookup each rather than an object each; colours are #RRGGBB.
/// </summary>
internal readonly record struct XlsxStyle(
    bool Bold = false,
    double FontSize = 0,
    string? FontColor = null,
    string? Fill = null,
    XlsxPattern Pattern = XlsxPattern.None,
    string? PatternColor = null,
    XlsxLine Left = XlsxLine.None,
    XlsxLine Right = XlsxLine.None,
    XlsxLine Top = XlsxLine.None,
    XlsxLine Bottom = XlsxLine.None,
    string? LeftColor = null,
    XlsxHorizontal Horizontal = XlsxHorizontal.General,
    XlsxVertical Vertical = XlsxVertical.Bottom,
    bool Wrap = false,
    string? Format = null,
    bool QuotePrefix = false)
{
    /// <summary>A thin line on every side: a range with inside and outside borders.</summary>
    public XlsxStyle Grid() => this with { Left = XlsxLine.Thin, Right = XlsxLine.Thin, Top = XlsxLine.Thin, Bottom = XlsxLine.Thin };
}

/// <summary>
/// A small spreadsheet writer for the committee workbook: each sheet is laid out in memory as plain structs
/// (random access, so layouts may style ranges after filling them), then streamed into the package with
/// OpenXmlWriter and dropped before the next sheet. Strings are shared; the stylesheet holds exactly the
/// styles used. ClosedXML builds an object per cell and per style, which made large reports slow.
/// </summary>
internal sealed class XlsxBook : IDisposable
{
    private readonly Stream _output;
    private readonly MemoryStream? _buffer;
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbookPart;
    private readonly Distinct<XlsxStyle> _styles = Distinct<XlsxStyle>.Starting(default);
    private readonly Distinct<string> _strings = new(StringComparer.Ordinal);
    private readonly List<(string Name, string PartId)> _sheets = [];
    private readonly List<DefinedName> _names = [];
    private readonly string _fontName;
    private readonly double _fontSize;
    private bool _saved;

    private readonly TimeProvider _clock;

    public XlsxBook(Stream output, string fontName, double fontSize, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _output = output;
        _fontName = fontName;
        _fontSize = fontSize;
        // The package needs a readable, seekable stream; a download or a write-only file gets a buffer.
        _buffer = output is { CanRead: true, CanWrite: true, CanSeek: true } ? null : new MemoryStream();
        _document = SpreadsheetDocument.Create(_buffer ?? output, SpreadsheetDocumentType.Workbook);
        _workbookPart = _document.AddWorkbookPart();
    }

    public string? Title { get; set; }

    public string? Subject { get; set; }

    public string? Author { get; set; }

    public string? Company { get; set; }

    /// <summary>The size of text whose style names none.</summary>
    internal double FontSize => _fontSize;

    internal int StyleId(XlsxStyle style) => _styles.Id(style);

    internal XlsxStyle Style(int id) => _styles.Items[id];

    /// <summary>Lays out one sheet and writes it into the package at once.</summary>
    public void Sheet(string name, Action<XlsxSheet> layout)
    {
        var sheet = new XlsxSheet(this, name);
        layout(sheet);
        var part = _workbookPart.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part))
        {
            sheet.WriteTo(writer, _sheets.Count == 0, SharedString);
        }
        var index = (uint)_sheets.Count;
        _sheets.Add((name, _workbookPart.GetIdOfPart(part)));
        if (sheet.FilterArea is { } filter)
        {
            _names.Add(new DefinedName(sheet.Absolute(filter)) { Name = "_xlnm._FilterDatabase", LocalSheetId = index, Hidden = true });
        }
        var titles = new List<string>();
        if (sheet.RepeatColumns is { } columns)
        {
            titles.Add($"{XlsxSheet.Quoted(name)}!${XlsxSheet.Column(columns.First)}:${XlsxSheet.Column(columns.Last)}");
        }
        if (sheet.RepeatRows is { } rows)
        {
            titles.Add($"{XlsxSheet.Quoted(name)}!${rows.First}:${rows.Last}");
        }
        if (titles.Count > 0)
        {
            _names.Add(new DefinedName(string.Join(',', titles)) { Name = "_xlnm.Print_Titles", LocalSheetId = index });
        }
    }

    private int SharedString(string text) => _strings.Id(text);

    public void Save()
    {
        WriteStrings();
        _workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
        var sheets = new Sheets(_sheets.Select((s, i) => new Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = s.PartId }));
        _workbookPart.Workbook = new Workbook(new BookViews(new WorkbookView()), sheets);
        if (_names.Count > 0)
        {
            _workbookPart.Workbook.Append(new DefinedNames(_names));
        }
        _document.PackageProperties.Title = Title;
        _document.PackageProperties.Subject = Subject;
        _document.PackageProperties.Creator = Author;
        _document.PackageProperties.Created = _clock.GetUtcNow().UtcDateTime;
        _document.AddExtendedFilePropertiesPart().Properties = new Properties(new Application("DxRoadmap"), new Company(Company ?? ""));
        _document.Dispose();
        _saved = true;
        if (_buffer is not null)
        {
            _buffer.Position = 0;
            _buffer.CopyTo(_output);
        }
    }

    public void Dispose()
    {
        if (!_saved)
        {
            _document.Dispose();
        }
        _buffer?.Dispose();
    }

    private void WriteStrings()
    {
        var part = _workbookPart.AddNewPart<SharedStringTablePart>();
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new SharedStringTable(), [
            new OpenXmlAttribute("count", "", _strings.Items.Count.ToString(CultureInfo.InvariantCulture)),
            new OpenXmlAttribute("uniqueCount", "", _strings.Items.Count.ToString(CultureInfo.InvariantCulture))]);
        var item = new SharedStringItem();
        var plain = new Text();
        var preserved = new Text { Space = SpaceProcessingModeValues.Preserve };
        foreach (var text in _strings.Items)
        {
            writer.WriteStartElement(item);
            writer.WriteStartElement(NeedsPreserve(text) ? preserved : plain);
            writer.WriteString(text);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    private static bool NeedsPreserve(string text) =>
        char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\n', StringComparison.Ordinal);

    /// <summary>Fonts, fills, borders and number formats, each listed once, and one cell format per style id.</summary>
    private Stylesheet Stylesheet()
    {
        var fonts = new Distinct<(bool, double, string?)>();
        var fills = new Distinct<(string?, XlsxPattern, string?)>();
        fills.Id((null, XlsxPattern.None, null));
        fills.Id(("gray125", XlsxPattern.None, null));
        var borders = new Distinct<(XlsxLine, XlsxLine, XlsxLine, XlsxLine, string?)>();
        borders.Id(default);
        var formats = new Distinct<string>();
        fonts.Id((false, 0, null));
        var cellFormats = new CellFormats();
        foreach (var s in _styles.Items)
        {
            var pattern = s.Pattern == XlsxPattern.None && s.Fill is not null ? XlsxPattern.Solid : s.Pattern;
            var format = new CellFormat
            {
                FontId = (uint)fonts.Id((s.Bold, s.FontSize, s.FontColor)),
                FillId = (uint)fills.Id(pattern == XlsxPattern.None ? (null, XlsxPattern.None, null) : (s.Fill, pattern, s.PatternColor)),
                BorderId = (uint)borders.Id((s.Left, s.Right, s.Top, s.Bottom, s.LeftColor)),
                NumberFormatId = s.Format is null ? 0u : (uint)(164 + formats.Id(s.Format)),
                FormatId = 0,
            };
            format.ApplyFont = format.FontId != 0;
            format.ApplyFill = format.FillId != 0;
            format.ApplyBorder = format.BorderId != 0;
            format.ApplyNumberFormat = format.NumberFormatId != 0;
            if (s.QuotePrefix)
            {
                format.QuotePrefix = true;
            }
            if (s.Horizontal != XlsxHorizontal.General || s.Vertical != XlsxVertical.Bottom || s.Wrap)
            {
                format.ApplyAlignment = true;
                var alignment = new Alignment();
                if (s.Horizontal == XlsxHorizontal.Center)
                {
                    alignment.Horizontal = HorizontalAlignmentValues.Center;
                }
                if (s.Vertical != XlsxVertical.Bottom)
                {
                    alignment.Vertical = s.Vertical == XlsxVertical.Top ? VerticalAlignmentValues.Top : VerticalAlignmentValues.Center;
                }
                if (s.Wrap)
                {
                    alignment.WrapText = true;
                }
                format.Append(alignment);
            }
            cellFormats.Append(format);
        }
        cellFormats.Count = (uint)_styles.Items.Count;

        var numberingFormats = new NumberingFormats(formats.Items.Select((code, i) =>
            new NumberingFormat { NumberFormatId = (uint)(164 + i), FormatCode = code }));
        return new Stylesheet(
            numberingFormats,
            new Fonts(fonts.Items.Select(f => Font(f.Item1, f.Item2, f.Item3))),
            new Fills(fills.Items.Select(Fill)),
            new Borders(borders.Items.Select(Border)),
            new CellStyleFormats(new CellFormat()),
            cellFormats,
            new CellStyles(new CellStyle { Name = "標準", FormatId = 0, BuiltinId = 0 }));
    }

    private Font Font(bool bold, double size, string? color)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }
        font.Append(new FontSize { Val = size == 0 ? _fontSize : size });
        if (color is not null)
        {
            font.Append(new Color { Rgb = Argb(color) });
        }
        font.Append(new FontName { Val = _fontName }, new FontFamilyNumbering { Val = 3 }, new FontCharSet { Val = 128 });
        return font;
    }

    private static Fill Fill((string? Color, XlsxPattern Pattern, string? PatternColor) f)
    {
        if (f.Color == "gray125")
        {
            return new Fill(new PatternFill { PatternType = PatternValues.Gray125 });
        }
        if (f.Pattern == XlsxPattern.None)
        {
            return new Fill(new PatternFill { PatternType = PatternValues.None });
        }
        if (f.Pattern == XlsxPattern.Solid)
        {
            return new Fill(new PatternFill(new ForegroundColor { Rgb = Argb(f.Color!) }, new BackgroundColor { Indexed = 64 })
                { PatternType = PatternValues.Solid });
        }
        return new Fill(new PatternFill(
                new ForegroundColor { Rgb = Argb(f.PatternColor ?? "#000000") },
                new BackgroundColor { Rgb = Argb(f.Color ?? "#FFFFFF") })
            {
                PatternType = f.Pattern switch
                {
                    XlsxPattern.LightDown => PatternValues.LightDown,
                    XlsxPattern.LightHorizontal => PatternValues.LightHorizontal,
                    XlsxPattern.LightVertical => PatternValues.LightVertical,
                    XlsxPattern.Dots => PatternValues.Gray0625,
                    _ => PatternValues.LightUp,
                },
            });
    }

    private static Border Border((XlsxLine Left, XlsxLine Right, XlsxLine Top, XlsxLine Bottom, string? LeftColor) b) => new(
        Side(new LeftBorder(), b.Left, b.LeftColor),
        Side(new RightBorder(), b.Right, null),
        Side(new TopBorder(), b.Top, null),
        Side(new BottomBorder(), b.Bottom, null),
        new DiagonalBorder());

    private static BorderPropertiesType Side(BorderPropertiesType side, XlsxLine line, string? color)
    {
        if (line != XlsxLine.None)
        {
            side.Style = line == XlsxLine.Thin ? BorderStyleValues.Thin : BorderStyleValues.Medium;
            side.Append(new Color { Rgb = Argb(color ?? "#000000") });
        }
        return side;
    }

    private static string Argb(string color) => "FF" + color.TrimStart('#').ToUpperInvariant();

    /// <summary>Numbers distinct items in the order first seen: shared strings, styles, fonts, fills, borders.</summary>
    private sealed class Distinct<T>(IEqualityComparer<T>? comparer = null) where T : notnull
    {
        private readonly Dictionary<T, int> _ids = new(comparer);

        public List<T> Items { get; } = [];

        /// <summary>A table whose id 0 is <paramref name="first"/> (the stylesheet's default cell format).</summary>
        public static Distinct<T> Starting(T first)
        {
            var table = new Distinct<T>();
            table.Id(first);
            return table;
        }

        public int Id(T item)
        {
            // One hash lookup per call: this runs for every text cell of the workbook.
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, item, out var exists);
            if (!exists)
            {
                id = Items.Count;
                Items.Add(item);
            }
            return id;
        }
    }
}

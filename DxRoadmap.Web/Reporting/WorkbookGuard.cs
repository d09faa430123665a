using System.Globalization;
using System.IO.Compression;
using System.Xml;
using ClosedXML.Excel;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// How much a workbook the app reads may hold. Far above what a real 照会票 needs (a 課 has tens to a few hundred
/// rows; the file is tens of kilobytes), far below what would hold a core or hundreds of megabytes for long.
/// </summary>
/// <param name="MaxParts">Entries in the zip package.</param>
/// <param name="MaxPartBytes">Uncompressed size of one entry, counted while unpacking (a zip header can lie).</param>
/// <param name="MaxTotalBytes">Uncompressed size of all entries together.</param>
/// <param name="MaxElements">XML elements in one part.</param>
/// <param name="MaxRows">Rows written in one sheet.</param>
/// <param name="MaxRowNumber">Highest row number a sheet may use.</param>
/// <param name="MaxCells">Cells written in all sheets together.</param>
/// <param name="MaxSharedStrings">Entries of the shared string table.</param>
/// <param name="MaxTextLength">Characters of one text (Excel's own limit for a cell is 32,767).</param>
public sealed record WorkbookLimits(int MaxParts, long MaxPartBytes, long MaxTotalBytes, int MaxElements, int MaxRows, int MaxRowNumber,
    int MaxCells, int MaxSharedStrings, int MaxTextLength)
{
    /// <summary>The limits every workbook upload is read under.</summary>
    public static WorkbookLimits Upload { get; } = new(
        MaxParts: 200,
        MaxPartBytes: 8 * 1024 * 1024,
        MaxTotalBytes: 16 * 1024 * 1024,
        MaxElements: 500_000,
        MaxRows: 5_000,
        MaxRowNumber: 10_000,
        MaxCells: 150_000,
        MaxSharedStrings: 100_000,
        MaxTextLength: 32_767);
}

/// <summary>
/// The check every workbook the app reads goes through before a library parses it: the package is opened as a zip
/// and every part is unpacked and read as a stream of XML, counting as it goes, and the check stops at the first
/// limit it meets — so a file that unpacks to gigabytes, or holds a million rows, is refused after reading at most
/// the limits' worth. ClosedXML reads whole parts into memory and evaluates formulas on access, so it only ever
/// sees a package that passed.
/// </summary>
public static class WorkbookGuard
{
    /// <summary>
    /// The package checked against <paramref name="limits"/>, then opened with ClosedXML: the workbook, or null with
    /// <paramref name="refusal"/> set to the check's message or to <see cref="InquiryWorkbook.NotAWorkbook"/> when
    /// ClosedXML cannot read it. The one way an uploaded workbook reaches ClosedXML.
    /// </summary>
    public static XLWorkbook? Open(Stream input, WorkbookLimits limits, out string? refusal)
    {
        refusal = Check(input, limits);
        if (refusal is not null)
        {
            return null;
        }
        try
        {
            return new XLWorkbook(input);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // ClosedXML and the Open XML SDK throw many kinds for a file that is not a workbook (zip, XML, format).
            refusal = InquiryWorkbook.NotAWorkbook;
            return null;
        }
    }

    /// <summary>
    /// Null when the workbook is within <paramref name="limits"/>; otherwise a Japanese message naming the limit.
    /// Never throws for a bad file. Leaves <paramref name="workbook"/> open, positioned where it was.
    /// </summary>
    public static string? Check(Stream workbook, WorkbookLimits limits)
    {
        var start = workbook.Position;
        try
        {
            using var zip = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true);
            return Check(zip, limits);
        }
        catch (Refusal refusal)
        {
            return refusal.Message;
        }
        catch (XmlException)
        {
            // Only xl/workbook.xml and its relationships are read before ReadXml names the part.
            return Broken("ブックの部品「xl/workbook.xml」");
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or IOException or ArgumentException)
        {
            // Not a zip, a truncated one, or an entry packed in a way that cannot be unpacked.
            return InquiryWorkbook.NotAWorkbook;
        }
        finally
        {
            workbook.Position = start;
        }
    }

    private static string? Check(ZipArchive zip, WorkbookLimits limits)
    {
        if (zip.Entries.Count > limits.MaxParts)
        {
            return $"ブックの中の部品が多すぎます ({zip.Entries.Count:N0} 個、上限 {limits.MaxParts:N0} 個)。照会票は出力した形のまま記入して保存してください。";
        }
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!names.Contains("[Content_Types].xml") || !names.Contains("xl/workbook.xml"))
        {
            return InquiryWorkbook.NotAWorkbook;
        }
        var sheets = SheetNames(zip, limits);
        var budget = new Budget(limits);
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName;
            var label = sheets.TryGetValue(name, out var sheet) ? $"「{sheet}」シート" : $"ブックの部品「{name}」";
            var kind = !IsXml(name) ? PartKind.Other
                : sheet is not null ? PartKind.Sheet
                : name.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase) ? PartKind.SharedStrings
                : PartKind.Xml;
            using var stream = new CountingStream(entry.Open(), budget, label);
            if (kind == PartKind.Other)
            {
                stream.CopyTo(Stream.Null); // counted, not parsed
                continue;
            }
            ReadXml(stream, kind, label, budget);
        }
        return null;
    }

    private static readonly string[] NotXml = [".bin", ".png", ".jpeg", ".jpg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".vml"];

    /// <summary>
    /// Every part is XML (the workbook, sheets, styles, relationships, the core properties in whatever file name) but
    /// pictures, printer settings and legacy VML drawings, which Excel itself writes as loose HTML.
    /// </summary>
    private static bool IsXml(string name) => !NotXml.Any(ext => name.EndsWith(ext, StringComparison.OrdinalIgnoreCase));

    /// <summary>The sheet names by part path ("xl/worksheets/sheet1.xml" → 工程), so messages name what the user sees.</summary>
    /// <remarks>Read under a budget of its own: the two parts are read again, counted, with all the others.</remarks>
    private static Dictionary<string, string> SheetNames(ZipArchive zip, WorkbookLimits limits)
    {
        var ids = new Dictionary<string, string>(); // relationship id → sheet name
        var targets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase); // part path → sheet name
        var budget = new Budget(limits);
        if (zip.GetEntry("xl/workbook.xml") is { } workbook)
        {
            using var reader = XmlReader.Create(new CountingStream(workbook.Open(), budget, "ブックの部品「xl/workbook.xml」"), Settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet"
                    && reader.GetAttribute("name") is { } sheetName
                    && reader.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships") is { } id)
                {
                    ids[id] = sheetName;
                }
            }
        }
        if (zip.GetEntry("xl/_rels/workbook.xml.rels") is { } rels)
        {
            using var reader = XmlReader.Create(new CountingStream(rels.Open(), budget, "ブックの部品「xl/_rels/workbook.xml.rels」"), Settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                    && reader.GetAttribute("Id") is { } id && ids.TryGetValue(id, out var sheetName)
                    && reader.GetAttribute("Target") is { } target)
                {
                    targets[target.StartsWith('/') ? target[1..] : "xl/" + target] = sheetName;
                }
            }
        }
        return targets;
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, // no entity can expand: a DTD is refused outright
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private enum PartKind { Xml, Sheet, SharedStrings, Other }

    private static void ReadXml(Stream stream, PartKind kind, string where, Budget budget)
    {
        var limits = budget.Limits;
        var elements = 0;
        var rows = 0;
        var strings = 0;
        string? cell = null;
        try
        {
            using var reader = XmlReader.Create(stream, Settings);
            while (reader.Read())
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
                {
                    if (reader.Value.Length > limits.MaxTextLength)
                    {
                        throw new Refusal($"{Place(where, cell)}の文字数が多すぎます ({reader.Value.Length:N0} 文字、上限 {limits.MaxTextLength:N0} 文字)。");
                    }
                    continue;
                }
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (++elements > limits.MaxElements)
                {
                    throw new Refusal($"{where}の中身が多すぎます (要素 {limits.MaxElements:N0} 個を超えています)。照会票は出力した形のまま記入して保存してください。");
                }
                switch (kind, reader.LocalName)
                {
                    case (PartKind.Sheet, "row"):
                        if (++rows > limits.MaxRows)
                        {
                            throw new Refusal($"{where}の行が多すぎます ({limits.MaxRows:N0} 行を超えています)。照会票に行を追加しないでください。");
                        }
                        if (reader.GetAttribute("r") is { } r && (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > limits.MaxRowNumber))
                        {
                            throw new Refusal($"{where}に {r} 行目が使われています (使える行は {limits.MaxRowNumber:N0} 行目まで)。照会票に行を追加しないでください。");
                        }
                        break;
                    case (PartKind.Sheet, "c"):
                        cell = reader.GetAttribute("r");
                        if (++budget.Cells > limits.MaxCells)
                        {
                            throw new Refusal($"ブックのセルが多すぎます ({limits.MaxCells:N0} 個を超えています)。照会票は出力した形のまま記入して保存してください。");
                        }
                        break;
                    case (PartKind.Sheet, "f"):
                        throw new Refusal($"{Place(where, cell)}に数式が入力されています。照会票には数式ではなく値を入力してください。");
                    case (PartKind.SharedStrings, "si"):
                        if (++strings > limits.MaxSharedStrings)
                        {
                            throw new Refusal($"ブックの文字列が多すぎます ({limits.MaxSharedStrings:N0} 個を超えています)。照会票は出力した形のまま記入して保存してください。");
                        }
                        break;
                }
            }
        }
        catch (XmlException)
        {
            throw new Refusal(Broken(where));
        }
    }

    private static string Broken(string where) =>
        $"{where}の XML が壊れているか、読めない形式 (DTD、対応していない文字コードなど) です。照会票を出力し直して記入してください。";

    private static string Place(string where, string? cell) => cell is null ? where : $"{where}の {cell} セル";

    /// <param name="where">「工程」シート, or ブックの部品「xl/styles.xml」.</param>
    private static Refusal TooLarge(string where, WorkbookLimits limits) => new(
        $"{where}を展開したところで大きさの上限を超えました (1つの部品は {limits.MaxPartBytes / 1024 / 1024} MB、ブック全体は "
        + $"{limits.MaxTotalBytes / 1024 / 1024} MB まで)。照会票は出力した形のまま記入して保存してください。");

    /// <summary>The longest tag ('&lt;' to '&gt;') read: a real workbook's longest are a few hundred bytes.</summary>
    private const int MaxTagBytes = 64 * 1024;

    /// <summary>What all parts of one package have used so far.</summary>
    private sealed class Budget(WorkbookLimits limits)
    {
        public WorkbookLimits Limits => limits;
        public long TotalBytes;
        public int Cells;
    }

    /// <summary>A limit met: the message says which.</summary>
    private sealed class Refusal(string message) : Exception(message);

    /// <summary>Unpacks an entry, refusing once the entry or the whole package passes its uncompressed limit.</summary>
    private sealed class CountingStream(Stream inner, Budget budget, string where) : Stream
    {
        private long _read;

        private bool _inTag;
        private int _tagLength;

        public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override int Read(Span<byte> buffer) => Count(buffer[..inner.Read(buffer)]);

        private int Count(ReadOnlySpan<byte> read)
        {
            var n = read.Length;
            // A tag that runs on for megabytes (spaces before its '>') costs the XML reader time that grows with the
            // square of its length; no tag of a real workbook comes near this. '<' and '>' are single bytes in UTF-8.
            foreach (var b in read)
            {
                if (b == (byte)'<')
                {
                    _inTag = true;
                    _tagLength = 0;
                }
                else if (b == (byte)'>')
                {
                    _inTag = false;
                }
                else if (_inTag && ++_tagLength > MaxTagBytes)
                {
                    throw new Refusal($"{where}に長すぎるタグがあります ({MaxTagBytes / 1024} KB を超えています)。照会票は出力した形のまま記入して保存してください。");
                }
            }
            _read += n;
            budget.TotalBytes += n;
            if (_read > budget.Limits.MaxPartBytes || budget.TotalBytes > budget.Limits.MaxTotalBytes)
            {
                throw TooLarge(where, budget.Limits);
            }
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

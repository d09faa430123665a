using System.Buffers.Binary;
using System.Text;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// Which characters a TrueType font has glyphs for, read from its Unicode 'cmap' subtable (format 12, or
/// format 4 for fonts without one). <see cref="FontRuns"/> uses it to pick the font for each character, and a
/// character neither PDF font can draw is printed as 〓 (げた), the customary mark for a character that cannot
/// be shown, rather than as an empty box the reader cannot name.
/// </summary>
public sealed class FontCoverage
{
    public const char Missing = '〓';

    // Glyph is the first character's glyph index in a format 12 group, or -1 for a format 4 segment.
    private readonly (int First, int Last, int Glyph)[] _ranges;

    private FontCoverage((int First, int Last, int Glyph)[] ranges) => _ranges = ranges;

    public static FontCoverage Read(byte[] font)
    {
        var span = font.AsSpan();
        var tables = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
        for (var t = 0; t < tables; t++)
        {
            var record = span[(12 + t * 16)..];
            if (Encoding.ASCII.GetString(record[..4]) != "cmap")
            {
                continue;
            }
            var cmap = span[(int)BinaryPrimitives.ReadUInt32BigEndian(record[8..])..];
            var count = BinaryPrimitives.ReadUInt16BigEndian(cmap[2..]);
            int? format4 = null;
            for (var i = 0; i < count; i++)
            {
                var entry = cmap[(4 + i * 8)..];
                var platform = BinaryPrimitives.ReadUInt16BigEndian(entry);
                var encoding = BinaryPrimitives.ReadUInt16BigEndian(entry[2..]);
                var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(entry[4..]);
                var format = BinaryPrimitives.ReadUInt16BigEndian(cmap[offset..]);
                if (platform == 3 && encoding == 10 && format == 12)
                {
                    return new FontCoverage(Format12(cmap[offset..]));
                }
                if (platform == 3 && encoding == 1 && format == 4)
                {
                    format4 = offset;
                }
            }
            if (format4 is { } f4)
            {
                return new FontCoverage(Format4(cmap[f4..]));
            }
        }
        throw new InvalidDataException("フォントに Unicode の cmap がありません。");
    }

    public bool Has(int codePoint) => Find(codePoint) >= 0;

    /// <summary>
    /// The glyph index the font draws <paramref name="codePoint"/> with (a PDF's CID with Identity-H), or null
    /// when the font lacks it. Known from format 12 cmaps only, which both report fonts have.
    /// </summary>
    public int? GlyphOf(int codePoint)
    {
        var index = Find(codePoint);
        if (index < 0)
        {
            return null;
        }
        var (first, _, glyph) = _ranges[index];
        return glyph < 0 ? throw new NotSupportedException("format 4 の cmap からはグリフ番号を求めません。") : glyph + codePoint - first;
    }

    private int Find(int codePoint)
    {
        int low = 0, high = _ranges.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (codePoint < _ranges[mid].First)
            {
                high = mid - 1;
            }
            else if (codePoint > _ranges[mid].Last)
            {
                low = mid + 1;
            }
            else
            {
                return mid;
            }
        }
        return -1;
    }

    private static (int, int, int)[] Format12(ReadOnlySpan<byte> table)
    {
        var groups = (int)BinaryPrimitives.ReadUInt32BigEndian(table[12..]);
        var ranges = new (int, int, int)[groups];
        for (var g = 0; g < groups; g++)
        {
            var group = table[(16 + g * 12)..];
            ranges[g] = ((int)BinaryPrimitives.ReadUInt32BigEndian(group), (int)BinaryPrimitives.ReadUInt32BigEndian(group[4..]),
                (int)BinaryPrimitives.ReadUInt32BigEndian(group[8..]));
        }
        return ranges;
    }

    // Format 4 maps BMP segments; a segment may still map some characters to glyph 0, which is accepted here
    // as a rare over-estimate (the character then prints as the font's empty box).
    private static (int, int, int)[] Format4(ReadOnlySpan<byte> table)
    {
        var segments = BinaryPrimitives.ReadUInt16BigEndian(table[6..]) / 2;
        var ranges = new List<(int, int, int)>(segments);
        for (var s = 0; s < segments; s++)
        {
            var end = BinaryPrimitives.ReadUInt16BigEndian(table[(14 + s * 2)..]);
            var start = BinaryPrimitives.ReadUInt16BigEndian(table[(16 + segments * 2 + s * 2)..]);
            if (start != 0xFFFF)
            {
                ranges.Add((start, end, -1));
            }
        }
        return [.. ranges];
    }
}

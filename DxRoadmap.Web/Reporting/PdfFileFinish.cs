using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// Two repairs to the file PDFsharp 6.2 writes, made once on the finished bytes:
/// <list type="bullet">
/// <item>its Flate streams end without the zlib Adler-32 checksum, so <c>qpdf --check</c> warns on every one:
/// the checksum is appended;</item>
/// <item>its ToUnicode maps write a character beyond the BMP as a bare code point (&lt;29E3D&gt;), so copying
/// 𩸽 gives ⧣: such entries are rewritten as UTF-16 surrogate pairs (&lt;D867DE3D&gt;).</item>
/// </list>
/// The file keeps its objects and order; stream lengths and the cross-reference table are rewritten to match.
/// </summary>
internal static partial class PdfFileFinish
{
    private static readonly byte[] StreamStart = "stream\n"u8.ToArray();

    public static void Write(ReadOnlySpan<byte> pdf, Stream output)
    {
        var text = Encoding.Latin1;
        var startXref = LastIndexOf(pdf, "startxref"u8);
        var xrefOffset = int.Parse(ReadToken(pdf, startXref + "startxref".Length), CultureInfo.InvariantCulture);
        var (offsets, trailerStart) = ReadXref(pdf, xrefOffset);

        var order = offsets.Where(o => o.Value > 0).OrderBy(o => o.Value).ToList();
        var newOffsets = new Dictionary<int, long>(offsets.Count);
        var start = output.Position;
        output.Write(pdf[..order[0].Value]);
        for (var i = 0; i < order.Count; i++)
        {
            var (number, offset) = order[i];
            var end = i + 1 < order.Count ? order[i + 1].Value : xrefOffset;
            newOffsets[number] = output.Position - start;
            WriteObject(pdf[offset..end], output, text);
        }

        var newXref = output.Position - start;
        var size = offsets.Keys.Max() + 1;
        var xref = new StringBuilder();
        xref.Append(CultureInfo.InvariantCulture, $"xref\n0 {size}\n");
        for (var number = 0; number < size; number++)
        {
            xref.Append(newOffsets.TryGetValue(number, out var o)
                ? $"{o.ToString("D10", CultureInfo.InvariantCulture)} 00000 n \n"
                : "0000000000 65535 f \n");
        }
        output.Write(text.GetBytes(xref.ToString()));
        var trailer = pdf[trailerStart..startXref];
        output.Write(trailer);
        output.Write(text.GetBytes(string.Create(CultureInfo.InvariantCulture, $"startxref\n{newXref}\n%%EOF\n")));
    }

    private static void WriteObject(ReadOnlySpan<byte> obj, Stream output, Encoding text)
    {
        var streamAt = obj.IndexOf(StreamStart);
        if (streamAt < 0)
        {
            output.Write(obj);
            return;
        }
        var head = text.GetString(obj[..streamAt]);
        var length = LengthPattern().Match(head);
        if (!length.Success || !FlatePattern().IsMatch(head))
        {
            output.Write(obj);
            return;
        }
        var dataStart = streamAt + StreamStart.Length;
        var dataLength = int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture);
        var data = obj.Slice(dataStart, dataLength);
        var plain = Inflate(data);
        byte[] fixedData;
        if (ToUnicodeMap(plain) is { } map)
        {
            fixedData = Deflate(map);
        }
        else
        {
            var checksum = Adler32(plain);
            fixedData = data.Length >= 4 && data[^4..].SequenceEqual(checksum) ? data.ToArray() : [.. data, .. checksum];
        }
        var newHead = head[..length.Groups[1].Index] + fixedData.Length.ToString(CultureInfo.InvariantCulture)
            + head[(length.Groups[1].Index + length.Groups[1].Length)..];
        output.Write(text.GetBytes(newHead));
        output.Write(StreamStart);
        output.Write(fixedData);
        output.Write(obj[(dataStart + dataLength)..]);
    }

    /// <summary>The map with entries beyond the BMP in UTF-16, or null when the stream is no such map.</summary>
    private static byte[]? ToUnicodeMap(byte[] plain)
    {
        if (plain.Length < 8 || !plain.AsSpan().StartsWith("/CIDInit"u8))
        {
            return null;
        }
        var map = Encoding.ASCII.GetString(plain);
        var result = WideEntriesAsUtf16(map);
        return ReferenceEquals(result, map) ? null : Encoding.ASCII.GetBytes(result);
    }

    /// <summary>&lt;0A12&gt; &lt;29E3D&gt; becomes &lt;0A12&gt; &lt;D867DE3D&gt;; the same string when nothing needs it.</summary>
    internal static string WideEntriesAsUtf16(string map) =>
        WideEntry().IsMatch(map)
            ? WideEntry().Replace(map, m =>
            {
                var codePoint = int.Parse(m.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var utf16 = string.Concat(char.ConvertFromUtf32(codePoint).Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture)));
                return $"<{m.Groups[1].Value}>{m.Groups[2].Value}<{utf16}>";
            })
            : map;

    private static byte[] Inflate(ReadOnlySpan<byte> data)
    {
        // Two bytes of zlib header, then raw deflate; whatever follows the last block is ignored.
        using var input = new MemoryStream(data[2..].ToArray());
        using var inflate = new DeflateStream(input, CompressionMode.Decompress);
        using var plain = new MemoryStream();
        inflate.CopyTo(plain);
        return plain.ToArray();
    }

    private static byte[] Deflate(byte[] plain)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(plain);
        }
        return compressed.ToArray();
    }

    internal static byte[] Adler32(ReadOnlySpan<byte> data)
    {
        const uint modulus = 65521;
        uint a = 1, b = 0;
        while (data.Length > 0)
        {
            // 5552 bytes is the most that can be summed before the 32-bit sums must be reduced.
            var chunk = data[..Math.Min(5552, data.Length)];
            foreach (var value in chunk)
            {
                a += value;
                b += a;
            }
            a %= modulus;
            b %= modulus;
            data = data[chunk.Length..];
        }
        var sum = (b << 16) | a;
        return [(byte)(sum >> 24), (byte)(sum >> 16), (byte)(sum >> 8), (byte)sum];
    }

    private static (Dictionary<int, int> Offsets, int TrailerStart) ReadXref(ReadOnlySpan<byte> pdf, int at)
    {
        var reader = new LineReader(pdf, at);
        if (reader.Next().Trim() != "xref")
        {
            throw new InvalidOperationException("PDF の相互参照表が読めません。");
        }
        var offsets = new Dictionary<int, int>();
        while (true)
        {
            var lineStart = reader.Position;
            var line = reader.Next().Trim();
            if (line.StartsWith("trailer", StringComparison.Ordinal))
            {
                return (offsets, lineStart);
            }
            var parts = line.Split(' ');
            var first = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var count = int.Parse(parts[1], CultureInfo.InvariantCulture);
            for (var i = 0; i < count; i++)
            {
                var entry = reader.Next().Trim().Split(' ');
                if (entry[2] == "n")
                {
                    offsets[first + i] = int.Parse(entry[0], CultureInfo.InvariantCulture);
                }
            }
        }
    }

    private ref struct LineReader(ReadOnlySpan<byte> pdf, int position)
    {
        private readonly ReadOnlySpan<byte> _pdf = pdf;

        public int Position { get; private set; } = position;

        public string Next()
        {
            var rest = _pdf[Position..];
            var end = rest.IndexOfAny((byte)'\n', (byte)'\r');
            var line = Encoding.Latin1.GetString(rest[..end]);
            Position += end;
            while (Position < _pdf.Length && _pdf[Position] is (byte)'\n' or (byte)'\r')
            {
                Position++;
            }
            return line;
        }
    }

    private static string ReadToken(ReadOnlySpan<byte> pdf, int at)
    {
        var rest = Encoding.Latin1.GetString(pdf[at..Math.Min(pdf.Length, at + 32)]);
        return rest.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries)[0];
    }

    private static int LastIndexOf(ReadOnlySpan<byte> pdf, ReadOnlySpan<byte> value) =>
        pdf.LastIndexOf(value) is var i and >= 0 ? i : throw new InvalidOperationException("PDF の末尾が読めません。");

    [GeneratedRegex(@"/Length (\d+)(?![\d ]*R)")]
    private static partial Regex LengthPattern();

    [GeneratedRegex(@"/Filter\s*/FlateDecode")]
    private static partial Regex FlatePattern();

    // A bfchar entry whose destination is one code point written with five or six hex digits.
    [GeneratedRegex(@"<([0-9A-Fa-f]{4})>(\s*)<([0-9A-Fa-f]{5,6})>")]
    private static partial Regex WideEntry();
}

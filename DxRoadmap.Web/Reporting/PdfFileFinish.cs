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

    public static void Write(byte[] buffer, int length, Stream output)
    {
        var pdf = buffer.AsSpan(0, length);
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
            WriteObject(buffer, offset, end, output, text);
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

    private static void WriteObject(byte[] buffer, int from, int to, Stream output, Encoding text)
    {
        var obj = buffer.AsSpan(from, to - from);
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
        var (checksum, map) = Read(buffer, from + dataStart, dataLength);
        var fixedLength = map?.Length ?? (data.Length >= 4 && data[^4..].SequenceEqual(checksum) ? data.Length : data.Length + 4);
        var newHead = head[..length.Groups[1].Index] + fixedLength.ToString(CultureInfo.InvariantCulture)
            + head[(length.Groups[1].Index + length.Groups[1].Length)..];
        output.Write(text.GetBytes(newHead));
        output.Write(StreamStart);
        if (map is not null)
        {
            output.Write(map);
        }
        else
        {
            output.Write(data);
            if (fixedLength > data.Length)
            {
                output.Write(checksum);
            }
        }
        output.Write(obj[(dataStart + dataLength)..]);
    }

    /// <summary>
    /// Inflates a stream once, in chunks: its Adler-32, and for a ToUnicode map with entries beyond the BMP the
    /// rewritten map, compressed again (null otherwise). Content streams are never held whole.
    /// </summary>
    private static (byte[] Checksum, byte[]? Map) Read(byte[] buffer, int offset, int count)
    {
        var adler = new Adler();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        MemoryStream? map = null;
        try
        {
            // Two bytes of zlib header, then raw deflate; whatever follows the last block is ignored.
            using var input = new MemoryStream(buffer, offset + 2, count - 2, writable: false);
            using var inflate = new DeflateStream(input, CompressionMode.Decompress);
            var first = true;
            int read;
            while ((read = inflate.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (first && chunk.AsSpan(0, read).StartsWith("/CIDInit"u8))
                {
                    map = new MemoryStream();
                }
                first = false;
                adler.Add(chunk.AsSpan(0, read));
                map?.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        if (map is null)
        {
            return (adler.Sum(), null);
        }
        var text = Encoding.ASCII.GetString(map.GetBuffer(), 0, (int)map.Length);
        var result = WideEntriesAsUtf16(text);
        return (adler.Sum(), ReferenceEquals(result, text) ? null : Deflate(Encoding.ASCII.GetBytes(result)));
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
        var adler = new Adler();
        adler.Add(data);
        return adler.Sum();
    }

    /// <summary>zlib's Adler-32, fed in pieces.</summary>
    private struct Adler()
    {
        private const uint Modulus = 65521;
        private uint _a = 1;
        private uint _b;

        public void Add(ReadOnlySpan<byte> data)
        {
            while (data.Length > 0)
            {
                // 5552 bytes is the most that can be summed before the 32-bit sums must be reduced.
                var chunk = data[..Math.Min(5552, data.Length)];
                foreach (var value in chunk)
                {
                    _a += value;
                    _b += _a;
                }
                _a %= Modulus;
                _b %= Modulus;
                data = data[chunk.Length..];
            }
        }

        public readonly byte[] Sum()
        {
            var sum = (_b << 16) | _a;
            return [(byte)(sum >> 24), (byte)(sum >> 16), (byte)(sum >> 8), (byte)sum];
        }
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

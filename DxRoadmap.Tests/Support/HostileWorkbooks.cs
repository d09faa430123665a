using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace DxRoadmap.Tests.Support;

/// <summary>
/// Hostile and damaged versions of a real 照会票, made at the package level as a user with an unzip tool and an editor
/// would make them. Each takes the exported workbook (the 工程 sheet is the package's first sheet, written with the x: prefix as ClosedXML writes it) and returns the
/// bytes to upload.
/// </summary>
public static partial class HostileWorkbooks
{
    public const string MilestoneSheetPart = "xl/worksheets/sheet1.xml";

    /// <summary>The uncompressed size of the unpacking bombs: as in the file that took a server to 3.4 GB.</summary>
    public const long BombBytes = 1_600_000_000;

    /// <summary>Every named variant: its name and how it is made from the exported workbook.</summary>
    public static IReadOnlyDictionary<string, Func<byte[], byte[]>> All { get; } = new Dictionary<string, Func<byte[], byte[]>>
    {
        ["whitespace-before-sheetData"] = file => Bomb(file, "<x:sheetData>", before: true),
        ["whitespace-inside-closing-tag"] = file => Bomb(file, "</x:sheetData", before: false),
        ["truncated-zip"] = file => file[..(file.Length / 2)],
        ["zip-not-a-workbook"] = _ => Package([("readme.txt", Encoding.UTF8.GetBytes("これはブックではありません"))]),
        ["10000-entries"] = file => Package([.. Entries(file), .. Enumerable.Range(1, 10_000)
            .Select(i => ($"customXml/item{i}.xml", Encoding.UTF8.GetBytes($"<item n=\"{i}\"/>")))]),
        ["400000-rows"] = file => ReplaceSheetData(file, Rows(400_000, filled: true)),
        ["1048576-rows"] = file => ReplaceSheetData(file, Rows(1_048_576, filled: false)),
        ["last-row-1048576"] = file => Edit(file, MilestoneSheetPart, xml => xml.Replace("</x:sheetData>",
            "<x:row r=\"1048576\"><x:c r=\"F1048576\" t=\"inlineStr\"><x:is><x:t>完了</x:t></x:is></x:c></x:row></x:sheetData>", StringComparison.Ordinal)),
        ["million-shared-strings"] = file => Edit(file, "xl/sharedStrings.xml", xml => MillionStrings(xml)),
        ["dtd-with-nested-entities"] = file => Edit(file, MilestoneSheetPart, xml => Dtd() + XmlDeclaration().Replace(xml, "")),
        ["shift-jis-declared"] = file => Edit(file, MilestoneSheetPart, xml => XmlDeclaration().Replace(xml, "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>")),
        ["docx-not-xlsx"] = _ => Package([("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")),
            ("word/document.xml", Encoding.UTF8.GetBytes("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"))]),
    };

    /// <summary>The entries of a package, in order, unpacked.</summary>
    public static List<(string Name, byte[] Content)> Entries(byte[] file)
    {
        using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
        return zip.Entries.Select(e =>
        {
            using var content = new MemoryStream();
            using (var stream = e.Open())
            {
                stream.CopyTo(content);
            }
            return (e.FullName, content.ToArray());
        }).ToList();
    }

    public static byte[] Package(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }
        return output.ToArray();
    }

    /// <summary>The package with one XML part changed as text.</summary>
    public static byte[] Edit(byte[] file, string part, Func<string, string> change) =>
        Package(Entries(file).Select(e => e.Name == part ? (e.Name, Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(e.Content)))) : e));

    /// <summary>
    /// The 工程 sheet with <see cref="BombBytes"/> of spaces written next to <paramref name="marker"/>: before the element,
    /// or inside it (for a closing tag, between its name and its '&gt;'). Written as a stream, never held in memory.
    /// </summary>
    private static byte[] Bomb(byte[] file, string marker, bool before)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in Entries(file))
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                if (name != MilestoneSheetPart)
                {
                    stream.Write(content);
                    continue;
                }
                var xml = Encoding.UTF8.GetString(content);
                var at = xml.IndexOf(marker, StringComparison.Ordinal) + (before ? 0 : marker.Length);
                stream.Write(Encoding.UTF8.GetBytes(xml[..at]));
                var spaces = new byte[1 << 20];
                Array.Fill(spaces, (byte)' ');
                for (long written = 0; written < BombBytes; written += spaces.Length)
                {
                    stream.Write(spaces);
                }
                stream.Write(Encoding.UTF8.GetBytes(xml[at..]));
            }
        }
        return output.ToArray();
    }

    private static byte[] ReplaceSheetData(byte[] file, string rows) =>
        Edit(file, MilestoneSheetPart, xml => SheetData().Replace(xml, $"<x:sheetData>{rows}</x:sheetData>"));

    private static string Rows(int count, bool filled)
    {
        var rows = new StringBuilder(count * (filled ? 60 : 16));
        for (var r = 1; r <= count; r++)
        {
            rows.Append(filled
                ? $"<x:row r=\"{r}\"><x:c r=\"F{r}\" t=\"inlineStr\"><x:is><x:t>完了</x:t></x:is></x:c><x:c r=\"G{r}\"><x:v>{r % 101}</x:v></x:c></x:row>"
                : $"<x:row r=\"{r}\"/>");
        }
        return rows.ToString();
    }

    private static string MillionStrings(string xml)
    {
        var strings = new StringBuilder(20_000_000);
        for (var i = 0; i < 1_000_000; i++)
        {
            strings.Append("<x:si><x:t>s").Append(i).Append("</x:t></x:si>");
        }
        return xml.Replace("</x:sst>", strings + "</x:sst>", StringComparison.Ordinal);
    }

    /// <summary>The "billion laughs": ten levels of entities, each ten of the one below.</summary>
    private static string Dtd()
    {
        var dtd = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><!DOCTYPE worksheet [<!ENTITY l0 \"lol\">");
        for (var i = 1; i <= 10; i++)
        {
            dtd.Append($"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        }
        return dtd.Append("]>").ToString();
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<x:sheetData>.*</x:sheetData>", RegexOptions.Singleline)]
    private static partial Regex SheetData();
}

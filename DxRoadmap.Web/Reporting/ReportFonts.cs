using PdfSharp.Fonts;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// PDFsharp finds no fonts on Linux by itself, so the app hands it BIZ UDPGothic from the fonts/ folder
/// copied next to the binaries (from data/fonts/, with its OFL licence). PDFsharp keeps one resolver for
/// the whole process and it must be in place before the first XFont, hence the static, once-only setup.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "BIZ UDPGothic";
    private const string RegularFace = "BIZUDPGothic-Regular";
    private const string BoldFace = "BIZUDPGothic-Bold";

    private static readonly Lock Gate = new();
    private static bool _registered;

    private readonly string _folder;

    private ReportFonts(string folder) => _folder = folder;

    /// <summary>Installs the resolver once per process; later calls do nothing.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }
            var folder = Path.Combine(AppContext.BaseDirectory, "fonts");
            foreach (var face in new[] { RegularFace, BoldFace })
            {
                if (!File.Exists(Path.Combine(folder, face + ".ttf")))
                {
                    throw new FileNotFoundException($"PDF 用フォント {face}.ttf が {folder} にありません。", face + ".ttf");
                }
            }
            GlobalFontSettings.FontResolver = new ReportFonts(folder);
            _registered = true;
        }
    }

    // Every family asked for maps to BIZ UDPGothic: the report uses no other, and a stray default name
    // (PDFsharp asks for Arial in some places) must not fail on a machine without it.
    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? BoldFace : RegularFace);

    public byte[] GetFont(string faceName) => File.ReadAllBytes(Path.Combine(_folder, faceName + ".ttf"));
}

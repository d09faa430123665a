using PdfSharp.Fonts;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// PDFsharp finds no fonts on Linux by itself, so the app hands it the fonts in the fonts/ folder copied next
/// to the binaries (from data/fonts/, with their licences): BIZ UDPGothic Regular and Bold (OFL) for the
/// report, and MigMix 1P Regular (IPA Font License) for the characters BIZ UDPGothic lacks, such as 𠮷.
/// PDFsharp keeps one resolver for the whole process and it must be in place before the first XFont, hence
/// the static, once-only setup.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "BIZ UDPGothic";
    public const string FallbackFamily = "MigMix 1P";
    private const string RegularFace = "BIZUDPGothic-Regular";
    private const string BoldFace = "BIZUDPGothic-Bold";
    private const string FallbackFace = "migmix-1p-regular";

    private static readonly Lock Gate = new();
    private static bool _registered;

    private readonly string _folder;

    private ReportFonts(string folder) => _folder = folder;

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "fonts");

    /// <summary>Installs the resolver once per process; later calls do nothing.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }
            foreach (var face in new[] { RegularFace, BoldFace, FallbackFace })
            {
                if (!File.Exists(Path.Combine(Folder, face + ".ttf")))
                {
                    throw new FileNotFoundException($"PDF 用フォント {face}.ttf が {Folder} にありません。", face + ".ttf");
                }
            }
            GlobalFontSettings.FontResolver = new ReportFonts(Folder);
            _registered = true;
        }
    }

    // Every other family asked for maps to BIZ UDPGothic: the report uses no other, and a stray default name
    // (PDFsharp asks for Arial in some places) must not fail on a machine without it. The fallback font ships
    // in Regular only: the characters it draws are rare, so bold ones are emboldened by PDFsharp (fill and
    // stroke) instead of shipping another 3.4 MB face.
    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        familyName == FallbackFamily
            ? new FontResolverInfo(FallbackFace, isBold, false)
            : new FontResolverInfo(isBold ? BoldFace : RegularFace);

    public byte[] GetFont(string faceName) => File.ReadAllBytes(Path.Combine(_folder, faceName + ".ttf"));

    private static readonly Lazy<FontRuns> LazyRuns = new(() => new FontRuns(
        FontCoverage.Read(File.ReadAllBytes(Path.Combine(Folder, RegularFace + ".ttf"))),
        FontCoverage.Read(File.ReadAllBytes(Path.Combine(Folder, FallbackFace + ".ttf")))));

    /// <summary>Which font draws which character; read from the two fonts' cmaps once per process.</summary>
    public static FontRuns Runs => LazyRuns.Value;

    /// <summary>
    /// Text as the PDF can print it: variation selectors dropped (the fonts have no glyph variants; the base
    /// character stays) and characters outside both fonts shown as 〓. 𠮷 stays, drawn with the fallback font.
    /// </summary>
    public static string Printable(string text) => Runs.Printable(text);
}

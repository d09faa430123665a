using DxRoadmap.Web.Reporting;
using PdfSharp.Pdf;

namespace DxRoadmap.Tests.Reporting;

/// <summary>Which of the two PDF fonts draws which character, and how mixed text is measured and wrapped.</summary>
public class FontRunsTests
{
    private const string Absent = "\U0002A6D6";  // 𪛖: in neither BIZ UDPGothic nor MigMix 1P
    private const string Selector = "\U000E0100"; // an ideographic variation selector

    private static readonly FontRuns Runs = new(Read("BIZUDPGothic-Regular.ttf"), Read("migmix-1p-regular.ttf"));

    private static FontCoverage Read(string file) =>
        FontCoverage.Read(File.ReadAllBytes(Path.Combine(Support.RepoPaths.DataDirectory, "fonts", file)));

    private static TextRun InMain(string text) => new(text, ReportFace.Main);

    private static TextRun InFallback(string text) => new(text, ReportFace.Fallback);

    [Fact]
    public void EmptyText_HasNoRuns() =>
        Assert.Empty(Runs.Split(""));

    [Fact]
    public void TextTheMainFontHas_IsOneRun() =>
        Assert.Equal([InMain("行政手続きのオンライン化 (5.2)")], Runs.Split("行政手続きのオンライン化 (5.2)"));

    [Fact]
    public void FallbackCharacter_AtTheStart_AndAtTheEnd()
    {
        Assert.Equal([InFallback("𠮷"), InMain("野家")], Runs.Split("𠮷野家"));
        Assert.Equal([InMain("山田"), InFallback("𠮷")], Runs.Split("山田𠮷"));
        Assert.Equal([InFallback("𠮷")], Runs.Split("𠮷"));
        Assert.Equal([InFallback("𠮷"), InMain("田と"), InFallback("𠮷𠮷")], Runs.Split("𠮷田と𠮷𠮷"));
    }

    [Fact]
    public void VariationSelectors_AreDropped_AndNeverStartARun()
    {
        Assert.Equal([InFallback("𠮷"), InMain("野家")], Runs.Split("𠮷" + Selector + "野家"));
        Assert.Equal([InMain("葛城市")], Runs.Split("葛" + Selector + "城市"));
        Assert.Equal([InMain("山田"), InFallback("𠮷")], Runs.Split("山田𠮷" + Selector));
        // A selector with nothing before it has nothing to select: it is dropped too.
        Assert.Equal([InMain("葛")], Runs.Split(Selector + "葛"));
    }

    [Fact]
    public void CharactersNeitherFontHas_PrintAsGeta()
    {
        Assert.Equal([InMain("〓田")], Runs.Split(Absent + "田"));
        Assert.Equal([InFallback("𠮷"), InMain("〓")], Runs.Split("𠮷" + Absent));
        Assert.Equal("〓野家と葛城市\n次の行", Runs.Printable(Absent + "野家と葛" + Selector + "城市\n次の行"));
        Assert.Equal("𠮷野家", Runs.Printable("𠮷野家"));
    }

    [Fact]
    public void FallbackFont_GivesTheGlyphIndexThePdfUses() =>
        // 13256 is MigMix 1P's glyph for U+20BB7 (as fontTools reports it).
        Assert.Equal(13256, Runs.Fallback.GlyphOf(0x20BB7));

    [Fact]
    public void TextMap_WritesCharactersOutsideTheBmpAsUtf16() =>
        Assert.Equal("2 beginbfchar\n<33C8> <D842DFB7>\n<0041> <0041>\nendbfchar",
            PdfFileFinish.WideEntriesAsUtf16("2 beginbfchar\n<33C8> <20BB7>\n<0041> <0041>\nendbfchar"));

    [Fact]
    public void MixedText_IsMeasuredInTheFontThatDrawsIt_AndWrapsWithinTheWidth()
    {
        ReportFonts.EnsureRegistered();
        using var document = new PdfDocument();
        using var canvas = new PdfCanvas(document, PaperSize.A4, "", "", "");
        canvas.NewPage();
        // ƀ (U+0180) is in MigMix 1P only, where it is 650/1000 em wide; BIZ UDPGothic would give a full em.
        Assert.Equal(6.5, canvas.CharWidth("ƀ", 10, false), 2);
        Assert.Equal(10, canvas.CharWidth("𠮷", 10, false), 2);

        const string text = "𠮷田課長の確認待ちƀ。𠮷" + Selector + "野家と葛" + Selector + "城市の移行テストが𠮷";
        foreach (var width in new[] { 25.0, 40, 55, 73 })
        {
            var lines = canvas.Wrap(text, width, 10);
            Assert.Equal(ReportFonts.Printable(text), string.Concat(lines));
            Assert.All(lines, line => Assert.True(canvas.TextWidth(line, 10) <= width + 0.001, $"{width}: 「{line}」 is {canvas.TextWidth(line, 10)} wide"));
        }
    }
}

using DxRoadmap.Web.Reporting;

namespace DxRoadmap.Tests.Reporting;

public class JapaneseLineBreakerTests
{
    // Full-width characters are 10 wide and Latin ones 5, like a proportional Japanese font.
    private static double Measure(string element) => element.Length == 1 && element[0] < 0x80 ? 5 : 10;

    [Theory]
    [InlineData(20.0)]
    [InlineData(30.0)]
    [InlineData(40.0)]
    public void SurrogatePairsAndVariationSelectors_AreNeverSplitAcrossLines(double width)
    {
        const string text = "𠮷野家と葛󠄀城市の𠮷田、";
        var lines = JapaneseLineBreaker.Wrap(text, width, Measure);
        Assert.Equal(text, string.Concat(lines));
        Assert.All(lines, line =>
        {
            Assert.False(char.IsLowSurrogate(line[0]), $"「{line}」 starts inside a surrogate pair");
            Assert.False(char.IsHighSurrogate(line[^1]), $"「{line}」 ends inside a surrogate pair");
            Assert.False(line.StartsWith('\uDB40'), $"「{line}」 starts with a variation selector");
        });
    }

    // 「令和4年9月」 measures 50, 「～」 10.
    [Theory]
    [InlineData(110.0, new[] { "令和4年9月～令和5年3月" })]
    [InlineData(100.0, new[] { "令和4年9月～", "令和5年3月" })]   // room for 「令和4年9月～令和5」, but a date is not broken
    [InlineData(60.0, new[] { "令和4年9月～", "令和5年3月" })]
    public void APeriod_BreaksBetweenItsDates_NeverInsideOne(double width, string[] expected) =>
        Assert.Equal(expected, JapaneseLineBreaker.Wrap("令和4年9月～令和5年3月", width, Measure));

    [Theory]
    [InlineData("関係例規の改正（即時施行、又は令和6年4月施行）", "令和6年4月")]
    [InlineData("令和元年5月1日に施行", "令和元年5月1日")]
    [InlineData("期限 2026/09/30 まで", "2026/09/30")]
    public void ADateInRunningText_StaysOnOneLine(string text, string date)
    {
        for (var width = 60.0; width <= 200; width += 5)
        {
            var lines = JapaneseLineBreaker.Wrap(text, width, Measure);
            Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), string.Concat(lines).Replace(" ", "", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains(date, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ADateWiderThanTheLine_IsBrokenAsTextIs_AndNothingIsLost()
    {
        var lines = JapaneseLineBreaker.Wrap("令和4年9月～令和5年3月", 30, Measure);
        Assert.Equal("令和4年9月～令和5年3月", string.Concat(lines));
        Assert.True(lines.Count >= 4);
        Assert.DoesNotContain(lines, l => l.StartsWith('～'));
    }

    [Fact]
    public void VariationSelectors_AreDroppedForThePdf_TheBaseCharacterStays() =>
        Assert.Equal("葛城市の𠮷田", JapaneseLineBreaker.WithoutVariationSelectors("葛\U000E0100城市の𠮷田"));

    [Fact]
    public void JapaneseText_BreaksBetweenCharactersToFitTheWidth()
    {
        var lines = JapaneseLineBreaker.Wrap("行政手続きのオンライン化を進める", 50, Measure);
        Assert.Equal(["行政手続き", "のオンライ", "ン化を進め", "る"], lines);
    }

    [Theory]
    [InlineData("移行テストを進めた。後続工程", "。")]
    [InlineData("移行テストを進め、後続工程へ", "、")]
    [InlineData("基幹系システム（税）の移行", "）")]
    [InlineData("「標準準拠」」の工程", "」")]
    [InlineData("データベースの移行テスト", "ー")]
    [InlineData("移行作業っっっっ", "っ")]
    public void ClosingPunctuationAndSmallKana_NeverStartALine(string text, string forbidden)
    {
        foreach (var width in new[] { 30.0, 40, 50, 60, 70 })
        {
            var lines = JapaneseLineBreaker.Wrap(text, width, Measure);
            Assert.Equal(text, string.Concat(lines));
            Assert.All(lines.Skip(1), line => Assert.False(line.StartsWith(forbidden, StringComparison.Ordinal), $"{width}: 「{line}」"));
            Assert.All(lines.Skip(1), line => Assert.DoesNotContain(line[0], JapaneseLineBreaker.NoLineStart));
        }
    }

    [Fact]
    public void OpeningBracket_NeverEndsALine()
    {
        var lines = JapaneseLineBreaker.Wrap("工程を「ぴったりサービス」で", 40, Measure);
        Assert.All(lines, line => Assert.False(line.EndsWith('「'), line));
        Assert.Equal("工程を「ぴったりサービス」で", string.Concat(lines));
    }

    [Fact]
    public void LatinWords_StayWhole_WhenTheyFit()
    {
        var lines = JapaneseLineBreaker.Wrap("AI・RPAとFit&Gap分析", 60, Measure);
        Assert.Contains(lines, l => l.Contains("Fit&Gap", StringComparison.Ordinal));
        Assert.Equal("AI・RPAとFit&Gap分析", string.Concat(lines));
    }

    [Fact]
    public void LineBreaksInTheText_AreKept_AndEmptyTextHasNoLines()
    {
        Assert.Equal(["一行目", "二行目"], JapaneseLineBreaker.Wrap("一行目\n二行目", 100, Measure));
        Assert.Empty(JapaneseLineBreaker.Wrap(null, 100, Measure));
    }

    [Fact]
    public void EveryLine_FitsTheWidth_ExceptWhereKinsokuHangsOneMark()
    {
        const string text = "基幹系システムのベンダにおいて全国の標準準拠システムの開発・移行作業が集中し、税・介護保険の標準準拠版の提供が遅れたため、移行テストが計画より後ろ倒しになっている。";
        var lines = JapaneseLineBreaker.Wrap(text, 120, Measure);
        Assert.Equal(text, string.Concat(lines));
        Assert.All(lines, l => Assert.True(JapaneseLineBreaker.Elements(l).Sum(Measure) <= 120, l));
    }
}

public class FontCoverageTests
{
    private static readonly FontCoverage Font = FontCoverage.Read(
        File.ReadAllBytes(Path.Combine(Support.RepoPaths.DataDirectory, "fonts", "BIZUDPGothic-Regular.ttf")));

    [Theory]
    [InlineData("あ", true)]
    [InlineData("葛", true)]
    [InlineData("A", true)]
    [InlineData("𠮷", false)]  // U+20BB7: not in BIZ UDPGothic
    public void Coverage_ReadsTheFontsCmap(string character, bool expected) =>
        Assert.Equal(expected, Font.Has(char.ConvertToUtf32(character, 0)));
}

using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Services.Peers;

namespace DxRoadmap.Tests.Domain;

/// <summary>The comparison checked against 鹿児島県's published 2026-01 figures (43 団体).</summary>
public class PeerComparisonTests
{
    private static readonly DateOnly January = new(2026, 1, 1);

    private static PeerTable Kagoshima(byte[]? file = null, DateOnly? month = null) =>
        PeerTableFile.ReadCsv(file ?? PeerFiles.Kagoshima, month ?? January, PeerFiles.PlanBusinesses).Table
        ?? throw new InvalidOperationException("the table was refused");

    [Fact]
    public void Kagoshima_GivesThePublishedMeanRankAndSpread()
    {
        var s = PeerComparison.Compare(Kagoshima(), "鹿児島県", "姶良市")!;

        Assert.Equal("84.54%", PeerComparison.Percent(s.PrefectureMean));
        Assert.Equal(0.8453814, s.PrefectureMean, 6);
        Assert.Equal("85.75%", PeerComparison.Percent(s.CityOverall));
        // 19 団体 have a higher 全体 than 85.75 %, none the same.
        Assert.Equal(20, s.Rank);
        Assert.Equal(43, s.PrefectureCount);
        Assert.Equal("20位 / 43団体", s.RankText);
        Assert.Equal(("曽於市", 1.0), (s.Highest.Municipality, s.Highest.Overall));
        Assert.Equal(("龍郷町", 0.6613), (s.Lowest.Municipality, s.Lowest.Overall));
        Assert.Equal(0.855, s.PrefectureMedian, 6);
        Assert.Equal(43, s.Spread.Count);
        Assert.Equal("姶良市", s.Spread.Single(d => d.IsCity).Municipality);
        Assert.Equal(20, s.Spread.Single(d => d.IsCity).Rank);
        Assert.Equal(s.Spread.OrderByDescending(d => d.Overall).Select(d => d.Overall), s.Spread.Select(d => d.Overall));
        Assert.Null(s.Before);
    }

    [Fact]
    public void Kagoshima_OneTable_HasNoNationalMean()
    {
        var s = PeerComparison.Compare(Kagoshima(), "鹿児島県", "姶良市")!;
        Assert.Null(s.NationalMean);
        Assert.All(s.Businesses, b => Assert.Null(b.NationalMean));
    }

    [Fact]
    public void Businesses_AreThePlansTwenty_WithTheCitysRateBesideThe県Mean()
    {
        var s = PeerComparison.Compare(Kagoshima(), "鹿児島県", "姶良市")!;

        Assert.Equal(PeerFiles.PlanBusinesses, s.Businesses.Select(b => b.Business));
        // 姶良市: 19 業務 at 34/40 and 生活保護 at 40/40.
        Assert.Equal(19, s.Businesses.Count(b => b.City == 0.85));
        Assert.Equal(1.0, s.Businesses.Single(b => b.Business == "生活保護").City);
        Assert.Equal(0.9151163, s.Businesses.Single(b => b.Business == "生活保護").PrefectureMean, 6);
        Assert.Equal(0.7709302, s.Businesses.Single(b => b.Business == "健康管理").PrefectureMean, 6);
        // 総務省's 住民記録 and 戸籍附票 columns arrive under the plan's names.
        Assert.Equal(0.8488372, s.Businesses.Single(b => b.Business == "住民基本台帳").PrefectureMean, 6);
        Assert.Equal(0.8052326, s.Businesses.Single(b => b.Business == "戸籍の附票").PrefectureMean, 6);
    }

    [Fact]
    public void TwoPrefectures_GiveANationalMeanOfAllTheir団体_AndThe県MeanOfItsOwn()
    {
        var others = Enumerable.Range(1, 7).Select(i => $"熊本県,町{i}," + string.Join(',', Enumerable.Repeat("0.5", 21))).ToArray();
        var s = PeerComparison.Compare(Kagoshima(PeerFiles.With(others)), "鹿児島県", "姶良市")!;

        Assert.Equal(0.8453814, s.PrefectureMean, 6);
        Assert.Equal((0.8453814 * 43 + 0.5 * 7) / 50, s.NationalMean!.Value, 6);
        Assert.Equal(50, s.NationalCount);
        Assert.Equal(43, s.PrefectureCount);
        Assert.Equal((0.8488372 * 43 + 0.5 * 7) / 50, s.Businesses[0].NationalMean!.Value, 6);
    }

    [Fact]
    public void EqualRates_ShareARank_AndTheNextRankSkips()
    {
        // 伊佐市 (83.25 %) raised to 姶良市's 85.75 %: both 20位, the next 団体 22位.
        var raised = PeerFiles.KagoshimaText.Replace("鹿児島県,伊佐市,0.8325", "鹿児島県,伊佐市,0.8575");
        var s = PeerComparison.Compare(Kagoshima(System.Text.Encoding.UTF8.GetBytes(raised)), "鹿児島県", "姶良市")!;
        Assert.Equal(20, s.Rank);
        Assert.Equal(20, s.Spread.Single(d => d.Municipality == "伊佐市").Rank);
        Assert.Equal(22, s.Spread.Single(d => d.Municipality == "大和村").Rank); // 85.62 %, the next below
    }

    [Fact]
    public void Highest_IsRankOne()
    {
        var s = PeerComparison.Compare(Kagoshima(), "鹿児島県", "曽於市")!;
        Assert.Equal(1, s.Rank);
        var lowest = PeerComparison.Compare(Kagoshima(), "鹿児島県", "龍郷町")!;
        Assert.Equal(43, lowest.Rank);
    }

    [Fact]
    public void PreviousTable_GivesTheChangeOfRateRankAndEach業務()
    {
        var december = PeerFiles.KagoshimaText
            .Replace("鹿児島県,姶良市,0.8575,0.85", "鹿児島県,姶良市,0.8,0.75");
        var before = Kagoshima(System.Text.Encoding.UTF8.GetBytes(december), new DateOnly(2025, 12, 1));
        var s = PeerComparison.Compare(Kagoshima(), "鹿児島県", "姶良市", before)!;

        Assert.Equal("2025-12", s.Before!.MonthText);
        Assert.Equal(0.8, s.Before.CityOverall);
        Assert.Equal(0.0575, s.OverallChange!.Value, 6);
        Assert.Equal("+5.75pt", PeerComparison.Points(s.OverallChange.Value));
        // At 80.00 % 姶良市 had 27 団体 above it.
        Assert.Equal(28, s.Before.Rank);
        Assert.Equal(8, s.RankChange);
        Assert.Equal(0.10, s.Businesses[0].CityChange!.Value, 6);   // 住民基本台帳 0.75 → 0.85
        Assert.Equal(0, s.Businesses[1].CityChange!.Value, 6);
    }

    [Fact]
    public void CityMissing_GivesNoStanding()
    {
        Assert.Null(PeerComparison.Compare(Kagoshima(), "鹿児島県", "存在しない市"));
        Assert.Null(PeerComparison.Compare(Kagoshima(), "宮崎県", "姶良市"));
    }

    [Theory]
    [InlineData("住民記録", "住民基本台帳")]
    [InlineData("戸籍附票", "戸籍の附票")]
    [InlineData("戸籍の\n附票", "戸籍の附票")]
    [InlineData(" 子ども・子育て 支援 ", "子ども・子育て支援")]
    [InlineData("児童手当", "児童手当")]
    public void BusinessNames_OfEitherMinistry_MeanThePlans(string published, string plan) =>
        Assert.Equal(plan, StandardBusinessNames.Canonical(published));

    [Fact]
    public void Strip_PlacesEvery団体_StacksEqualRates_AndMarksTheMeans()
    {
        var s = PeerComparison.Compare(Kagoshima(), "鹿児島県", "姶良市")!;
        var strip = PeerStrip.Layout(s);

        Assert.Equal(0.5, strip.From);
        Assert.Equal(43, strip.Dots.Count);
        Assert.All(strip.Dots, d => Assert.InRange(d.X, 0, 1));
        Assert.Equal(1.0, strip.Dots.Single(d => d.Municipality == "曽於市").X, 6);
        Assert.Equal((0.8575 - 0.5) / 0.5, strip.Dots.Single(d => d.IsCity).X, 6);
        Assert.Equal((s.PrefectureMean - 0.5) / 0.5, strip.PrefectureMeanX, 6);
        Assert.Null(strip.NationalMeanX);
        // 宇検村 86.50 %, 錦江町 87.00 % …: rates within half a point share a column and stack.
        Assert.True(strip.Levels > 1);
        Assert.Equal(strip.Dots.Count, strip.Dots.Select(d => (Math.Round(d.Overall / PeerStrip.Bucket), d.Level)).Distinct().Count());
        Assert.Equal(["50%", "60%", "70%", "80%", "90%", "100%"], strip.Ticks.Select(t => $"{t.Rate * 100:0}%"));
    }
}

using System.Globalization;
using System.Text;

namespace DxRoadmap.Domain.Schedule;

/// <summary>
/// The names of the 20 基幹業務 as either ministry writes them: 総務省's progress table says 住民記録 and 戸籍附票
/// where the plan (after デジタル庁) says 住民基本台帳 and 戸籍の附票. Headers of published tables carry line breaks and
/// spaces left from their layout; those never tell two 業務 apart.
/// </summary>
public static class StandardBusinessNames
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["住民記録"] = "住民基本台帳",
        ["戸籍附票"] = "戸籍の附票",
    };

    /// <summary>The name with every kind of space and line break removed and full-width forms folded (NFKC).</summary>
    public static string Normalise(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC);
        var text = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }

    /// <summary>The plan's name for <paramref name="name"/> written either ministry's way.</summary>
    public static string Canonical(string name)
    {
        var normal = Normalise(name);
        return Aliases.GetValueOrDefault(normal, normal);
    }

    /// <summary>True when both names mean the same 業務.</summary>
    public static bool Same(string a, string b) => Canonical(a) == Canonical(b);
}

/// <summary>One 団体's line of a published table of 完了率: its 全体 and each 業務's rate (0–1, in the table's order).</summary>
public sealed record PeerRate(string Prefecture, string Municipality, double Overall, IReadOnlyList<double> Businesses);

/// <summary>
/// A published table of 完了率 by 団体 at one 時点 (the first day of its month): the 業務 in column order, under the
/// plan's names, and a line per 団体.
/// </summary>
public sealed record PeerTable(DateOnly Month, IReadOnlyList<string> Businesses, IReadOnlyList<PeerRate> Rows)
{
    /// <summary>2026-01</summary>
    public string MonthText => PeerComparison.MonthText(Month);

    /// <summary>How many 都道府県 the table holds; a national mean means something only with more than one.</summary>
    public int PrefectureCount => Rows.Select(r => r.Prefecture).Distinct(StringComparer.Ordinal).Count();

    public PeerRate? Find(string prefecture, string municipality) =>
        Rows.FirstOrDefault(r => r.Prefecture == prefecture && r.Municipality == municipality);
}

/// <summary>One 団体 on the 県's strip: its 全体, its rank in the 県, and whether it is the city itself.</summary>
public sealed record PeerDot(string Municipality, double Overall, bool IsCity, int Rank);

/// <summary>A 業務's line: the city's rate beside the plain means of the 県's and (when held) the nation's 団体.</summary>
public sealed record PeerBusinessLine(string Business, double City, double PrefectureMean, double? NationalMean, double? CityBefore)
{
    public double? CityChange => CityBefore is { } before ? City - before : null;
}

/// <summary>Where the city stood at the previous imported 時点.</summary>
public sealed record PeerBefore(DateOnly Month, double CityOverall, double PrefectureMean, double? NationalMean, int Rank, int PrefectureCount)
{
    public string MonthText => PeerComparison.MonthText(Month);
}

/// <summary>
/// The city beside its peers at one 時点: its 全体 and rank in its 県 (1 = highest; 団体 with an equal 全体 share a
/// rank), the 県's and the nation's plain means of the 団体's 全体, the 県's spread, each 業務 the same way, and the
/// change since the previous imported 時点.
/// </summary>
public sealed record PeerStanding(
    DateOnly Month,
    string Prefecture,
    string City,
    double CityOverall,
    int Rank,
    int PrefectureCount,
    double PrefectureMean,
    double PrefectureMedian,
    PeerDot Highest,
    PeerDot Lowest,
    double? NationalMean,
    int NationalCount,
    IReadOnlyList<PeerDot> Spread,
    IReadOnlyList<PeerBusinessLine> Businesses,
    PeerBefore? Before)
{
    public string MonthText => PeerComparison.MonthText(Month);

    /// <summary>「令和8年1月時点」</summary>
    public string MonthLabel => JapaneseDates.Month(Month) + "時点";

    /// <summary>「20位 / 43団体」</summary>
    public string RankText => $"{Rank}位 / {PrefectureCount}団体";

    public double? OverallChange => Before is { } b ? CityOverall - b.CityOverall : null;

    public int? RankChange => Before is { } b ? b.Rank - Rank : null;
}

/// <summary>The comparison itself: a pure function of the imported tables.</summary>
public static class PeerComparison
{
    /// <summary>What the report and the page say where the table holds one 都道府県 only.</summary>
    public const string NoNationalMean = "全国平均は取り込んだ表にありません (1都道府県のみの表のため)";

    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A rate as the ministry prints it: 84.54%.</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>A change in points: +1.25pt, -0.50pt, ±0.00pt.</summary>
    public static string Points(double change)
    {
        var points = Math.Round(change * 100, 2);
        return points == 0 ? "±0.00pt" : points.ToString("+0.00;-0.00", CultureInfo.InvariantCulture) + "pt";
    }

    /// <summary>
    /// The city's standing in <paramref name="table"/>, or null when the table has no row for it. The previous table
    /// gives the change; a 業務 or the city missing from it gives no change for that line.
    /// </summary>
    public static PeerStanding? Compare(PeerTable table, string prefecture, string city, PeerTable? previous = null)
    {
        var own = table.Find(prefecture, city);
        if (own is null)
        {
            return null;
        }
        var peers = table.Rows.Where(r => r.Prefecture == prefecture).ToList();
        var national = table.PrefectureCount > 1;
        var spread = peers.OrderByDescending(r => r.Overall).ThenBy(r => r.Municipality, StringComparer.Ordinal)
            .Select(r => new PeerDot(r.Municipality, r.Overall, ReferenceEquals(r, own), Rank(peers, r.Overall)))
            .ToList();
        var before = previous is null ? null : Before(previous, prefecture, city);
        var ownBefore = previous?.Find(prefecture, city);

        var businesses = new List<PeerBusinessLine>(table.Businesses.Count);
        for (var b = 0; b < table.Businesses.Count; b++)
        {
            var i = b;
            var name = table.Businesses[i];
            double? then = null;
            if (ownBefore is not null && previous!.Businesses.ToList().FindIndex(n => n == name) is var j and >= 0)
            {
                then = ownBefore.Businesses[j];
            }
            businesses.Add(new PeerBusinessLine(name, own.Businesses[i], peers.Average(r => r.Businesses[i]),
                national ? table.Rows.Average(r => r.Businesses[i]) : null, then));
        }

        return new PeerStanding(
            table.Month, prefecture, city, own.Overall,
            Rank(peers, own.Overall), peers.Count,
            peers.Average(r => r.Overall),
            Median(peers.Select(r => r.Overall)),
            spread[0], spread[^1],
            national ? table.Rows.Average(r => r.Overall) : null,
            table.Rows.Count,
            spread,
            businesses,
            before);
    }

    private static PeerBefore? Before(PeerTable previous, string prefecture, string city)
    {
        var own = previous.Find(prefecture, city);
        if (own is null)
        {
            return null;
        }
        var peers = previous.Rows.Where(r => r.Prefecture == prefecture).ToList();
        return new PeerBefore(previous.Month, own.Overall, peers.Average(r => r.Overall),
            previous.PrefectureCount > 1 ? previous.Rows.Average(r => r.Overall) : null,
            Rank(peers, own.Overall), peers.Count);
    }

    /// <summary>1 + the number of 団体 with a higher 全体: equal rates share a rank (competition ranking).</summary>
    public static int Rank(IEnumerable<PeerRate> peers, double overall) => 1 + peers.Count(r => r.Overall > overall);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

/// <summary>A 団体's dot on the strip: where along the axis (0–1 of its width) and how many dots sit under it.</summary>
public sealed record PeerStripDot(string Municipality, double Overall, double X, int Level, bool IsCity);

/// <summary>
/// The 県's spread as a strip of dots in abstract units, drawn alike by the page (SVG) and the PDF: the axis runs from
/// <see cref="From"/> to 100 %, dots of 団体 whose 全体 fall within one <see cref="PeerStrip.Bucket"/> stack upwards, and the
/// 県 mean (and the national mean when held) are marks across the strip.
/// </summary>
public sealed record PeerStripGeometry(double From, IReadOnlyList<(double Rate, double X)> Ticks, IReadOnlyList<PeerStripDot> Dots,
    double PrefectureMeanX, double? NationalMeanX, int Levels);

public static class PeerStrip
{
    /// <summary>Width of a stacking bucket: 団体 within half a point of each other share a column.</summary>
    public const double Bucket = 0.005;

    public static PeerStripGeometry Layout(PeerStanding standing)
    {
        // Start at the 10 % step below the lowest 団体 (never above 50 %), so the spread fills the strip.
        var from = Math.Min(0.5, Math.Floor(standing.Lowest.Overall * 10) / 10);
        double X(double rate) => (Math.Clamp(rate, from, 1) - from) / (1 - from);
        var ticks = new List<(double, double)>();
        for (var t = (int)Math.Round(from * 10); t <= 10; t++)
        {
            ticks.Add((t / 10.0, X(t / 10.0)));
        }
        var levels = new Dictionary<long, int>();
        var dots = new List<PeerStripDot>(standing.Spread.Count);
        // The city is placed last, so it sits on top of its column where it is easiest to see.
        foreach (var dot in standing.Spread.Where(d => !d.IsCity).Concat(standing.Spread.Where(d => d.IsCity)))
        {
            var bucket = (long)Math.Round(dot.Overall / Bucket);
            var level = levels.GetValueOrDefault(bucket);
            levels[bucket] = level + 1;
            dots.Add(new PeerStripDot(dot.Municipality, dot.Overall, X(dot.Overall), level, dot.IsCity));
        }
        return new PeerStripGeometry(from, ticks, dots, X(standing.PrefectureMean),
            standing.NationalMean is { } n ? X(n) : null, levels.Count == 0 ? 1 : levels.Values.Max());
    }
}

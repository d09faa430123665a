using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Schedule;
using PdfSharp.Drawing;

namespace DxRoadmap.Web.Reporting;

public static partial class PdfReportWriter
{
    public const string PeerHeading = "標準化 (5.1) 他団体との比較";

    /// <summary>
    /// After the 5.1 table, when a published table is kept: the city's 全体 and rank, the 県 and national means, the
    /// 県's spread as a strip of dots (the same geometry as the page's), and each 業務 beside the means.
    /// </summary>
    private static void PeerPage(PdfCanvas c, CommitteeReport report)
    {
        if (report.Peers is not { } s)
        {
            return;
        }
        c.NewPage();
        c.Heading($"{PeerHeading} ({s.MonthLabel})");
        c.Bookmark(PeerHeading);
        c.Paragraph($"{s.City} 全体 {PeerComparison.Percent(s.CityOverall)}　{s.Prefecture}内 {s.RankText}"
            + (s.Before is { } b ? $" (前回 {b.MonthText}: {PeerComparison.Percent(b.CityOverall)}、{b.Rank}位 / {b.PrefectureCount}団体、全体 {PeerComparison.Points(s.OverallChange!.Value)})" : ""),
            c.BodySize + 2);
        c.Paragraph($"{s.Prefecture}平均 {PeerComparison.Percent(s.PrefectureMean)} (中央値 {PeerComparison.Percent(s.PrefectureMedian)}、最高 {s.Highest.Municipality} "
            + $"{PeerComparison.Percent(s.Highest.Overall)}、最低 {s.Lowest.Municipality} {PeerComparison.Percent(s.Lowest.Overall)})　"
            + (s.NationalMean is { } n ? $"全国平均 {PeerComparison.Percent(n)} ({s.NationalCount:N0}団体)" : PeerComparison.NoNationalMean),
            c.BodySize + 1);
        c.Y += 6;
        PeerStripDrawing(c, s);
        c.Table($"業務ごとの完了率 ({s.MonthText} 時点の公表値)",
            [new("業務", 14), new(s.City, 8, CellAlign.Right), new("県平均", 8, CellAlign.Right), new("県平均との差", 8, CellAlign.Right),
             new("全国平均", 8, CellAlign.Right), new(s.Before is { } pb ? $"前回比 ({pb.MonthText})" : "前回比", 9, CellAlign.Right)],
            s.Businesses.Select(l => (IReadOnlyList<PdfCell>)
                [l.Business, PeerComparison.Percent(l.City), PeerComparison.Percent(l.PrefectureMean), PeerComparison.Points(l.City - l.PrefectureMean),
                 l.NationalMean is { } ln ? PeerComparison.Percent(ln) : "—", l.CityChange is { } cc ? PeerComparison.Points(cc) : "—"])
                .Prepend(
                [new PdfCell("全体", Bold: true), new PdfCell(PeerComparison.Percent(s.CityOverall), Bold: true), PeerComparison.Percent(s.PrefectureMean),
                 PeerComparison.Points(s.CityOverall - s.PrefectureMean), s.NationalMean is { } nm ? PeerComparison.Percent(nm) : "—",
                 s.OverallChange is { } oc ? PeerComparison.Points(oc) : "—"]));
        c.Paragraph("県平均・全国平均は団体ごとの全体 (20業務の完了率の平均) の単純平均。完了率は手順の完了 (完了済み・対象外) の割合で、システムの移行完了とは異なります。",
            c.BodySize, ReportPalette.ExternalText);
    }

    /// <summary>
    /// The 県's 団体 as dots along 全体 (from <see cref="PeerStrip.Layout"/>): grey circles, the city a larger filled
    /// square labelled with its name so it reads on a grey copy, the 県 mean dashed and the national mean dotted.
    /// </summary>
    private static void PeerStripDrawing(PdfCanvas c, PeerStanding s)
    {
        var strip = PeerStrip.Layout(s);
        const double step = 9, top = 34;
        var height = top + strip.Levels * step + 24;
        c.Need(height + 10);
        var g = c.G;
        var left = c.Left + 20;
        var width = Math.Min(c.ContentWidth - 40, 700);
        var baseY = c.Y + height - 20;
        double X(double fraction) => left + fraction * width;
        var rule = new XPen(PdfCanvas.Color(ReportPalette.Rule), 0.4);
        foreach (var (rate, x) in strip.Ticks)
        {
            g.DrawLine(rule, X(x), c.Y + top, X(x), baseY);
            c.DrawText($"{rate * 100:0}%", 8, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(X(x), baseY + 10), XStringFormats.BaseLineCenter);
        }
        g.DrawLine(new XPen(PdfCanvas.Color(ReportPalette.Ink), 1) { DashStyle = XDashStyle.Dash }, X(strip.PrefectureMeanX), c.Y + top - 24, X(strip.PrefectureMeanX), baseY);
        c.DrawText($"県平均 {PeerComparison.Percent(s.PrefectureMean)}", 8, false, PdfCanvas.Brush(ReportPalette.Ink),
            new XPoint(X(strip.PrefectureMeanX), c.Y + top - 26), XStringFormats.BaseLineCenter);
        if (strip.NationalMeanX is { } nx)
        {
            g.DrawLine(new XPen(PdfCanvas.Color(ReportPalette.ExternalText), 1) { DashStyle = XDashStyle.Dot }, X(nx), c.Y + top - 12, X(nx), baseY);
            c.DrawText($"全国平均 {PeerComparison.Percent(s.NationalMean!.Value)}", 8, false, PdfCanvas.Brush(ReportPalette.ExternalText),
                new XPoint(X(nx), c.Y + top - 14), XStringFormats.BaseLineCenter);
        }
        var outline = new XPen(PdfCanvas.Color(ReportPalette.Ink), 0.5);
        var dotBrush = PdfCanvas.Brush("#B0BEC5");
        foreach (var dot in strip.Dots)
        {
            var cy = baseY - 5 - dot.Level * step;
            if (dot.IsCity)
            {
                g.DrawRectangle(outline, PdfCanvas.Brush(ReportPalette.Accent), X(dot.X) - 4.5, cy - 4.5, 9, 9);
                // Above its column, where no other dot is: the city is the last dot placed in it.
                c.DrawText(s.City, 9, true, PdfCanvas.Brush(ReportPalette.Accent), new XPoint(X(dot.X), cy - 8), XStringFormats.BaseLineCenter);
            }
            else
            {
                g.DrawEllipse(outline, dotBrush, X(dot.X) - 3.5, cy - 3.5, 7, 7);
            }
        }
        c.DrawText($"{s.Prefecture}の{s.PrefectureCount}団体の全体 (● 団体、■ {s.City})", 8, false, PdfCanvas.Brush(ReportPalette.ExternalText),
            new XPoint(left, baseY + 22), XStringFormats.BaseLineLeft);
        c.Y += height + 14;
    }
}

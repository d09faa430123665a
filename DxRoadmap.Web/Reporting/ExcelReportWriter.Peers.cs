using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Web.Reporting;

public static partial class ExcelReportWriter
{
    public const string PeerSheetName = "他団体比較";

    private const string RateFormat = "0.00%";
    private const string PointFormat = "+0.00;-0.00;0.00";

    /// <summary>
    /// 5.1 beside the 県 and the nation (when a published table is kept): the key figures, each 業務's rate beside the
    /// means, and the 県's 団体 ranked by 全体 with the city marked, so the spread reads down the list.
    /// </summary>
    private static void PeerSheet(XlsxBook book, CommitteeReport report)
    {
        if (report.Peers is not { } s)
        {
            return;
        }
        book.Sheet(PeerSheetName, sheet =>
        {
            Stamp(sheet, $"{PeerSheetName} (5.1 公表された完了率、{s.MonthLabel} {s.MonthText})", report.Header);
            var row = 3;
            void Figure(string label, string value)
            {
                Bold(sheet.Cell(row, 1).Text(label));
                sheet.Cell(row++, 2).Text(value);
            }
            Figure($"{s.City} 全体", PeerComparison.Percent(s.CityOverall)
                + (s.Before is { } b ? $" (前回 {b.MonthText} {PeerComparison.Percent(b.CityOverall)} から {PeerComparison.Points(s.OverallChange!.Value)})" : ""));
            Figure($"{s.Prefecture}内の順位", s.RankText + (s.Before is { } b2 ? $" (前回 {b2.Rank}位 / {b2.PrefectureCount}団体)" : ""));
            Figure($"{s.Prefecture}平均", $"{PeerComparison.Percent(s.PrefectureMean)} (中央値 {PeerComparison.Percent(s.PrefectureMedian)}、"
                + $"最高 {s.Highest.Municipality} {PeerComparison.Percent(s.Highest.Overall)}、最低 {s.Lowest.Municipality} {PeerComparison.Percent(s.Lowest.Overall)})");
            Figure("全国平均", s.NationalMean is { } n ? $"{PeerComparison.Percent(n)} ({s.NationalCount:N0}団体)" : PeerComparison.NoNationalMean);
            sheet.Cell(row++, 1).Text("県平均・全国平均は団体ごとの全体 (20業務の完了率の平均) の単純平均。");

            row++;
            var headerRow = row;
            var before = s.Before is { } pb ? $"前回比 ({pb.MonthText})" : "前回比";
            Header(sheet, headerRow, [("業務", 22), (s.City, 12), ("県平均", 12), ("県平均との差 (ポイント)", 14), ("全国平均", 12), ($"{before} (ポイント)", 16)]);
            row++;
            void Line(string name, double city, double mean, double? national, double? change, bool bold)
            {
                sheet.Cell(row, 1).Text(name);
                Rate(sheet.Cell(row, 2), city);
                Rate(sheet.Cell(row, 3), mean);
                sheet.Cell(row, 4).Number(Math.Round((city - mean) * 100, 2)).Style(st => st with { Format = PointFormat });
                if (national is { } nm)
                {
                    Rate(sheet.Cell(row, 5), nm);
                }
                else
                {
                    sheet.Cell(row, 5).Text("—");
                }
                if (change is { } c)
                {
                    sheet.Cell(row, 6).Number(Math.Round(c * 100, 2)).Style(st => st with { Format = PointFormat });
                }
                if (bold)
                {
                    sheet.Range(row, 1, row, 6).Style(st => st with { Bold = true });
                }
                row++;
            }
            Line("全体", s.CityOverall, s.PrefectureMean, s.NationalMean, s.OverallChange, bold: true);
            foreach (var line in s.Businesses)
            {
                Line(line.Business, line.City, line.PrefectureMean, line.NationalMean, line.CityChange, bold: false);
            }
            Table(sheet, headerRow, row - 1, 6);

            row++;
            Bold(sheet.Cell(row++, 1).Text($"{s.Prefecture}の団体 (全体の高い順、{s.PrefectureCount}団体)"));
            var spreadHeader = row;
            HeaderCell(sheet.Cell(row, 1), "順位");
            HeaderCell(sheet.Cell(row, 2), "団体");
            HeaderCell(sheet.Cell(row, 3), "全体");
            row++;
            var highlight = ReportPalette.HeaderFill;
            foreach (var dot in s.Spread)
            {
                sheet.Cell(row, 1).Number(dot.Rank);
                sheet.Cell(row, 2).Text(dot.Municipality);
                Rate(sheet.Cell(row, 3), dot.Overall);
                if (dot.IsCity)
                {
                    sheet.Range(row, 1, row, 3).Style(st => st with { Bold = true, Fill = highlight });
                }
                row++;
            }
            sheet.Range(spreadHeader, 1, row - 1, 3).Style(st => st.Grid());
            sheet.PrintA3Landscape(headerRow);
        });
    }

    private static void Rate(XlsxCell cell, double rate) => cell.Number(Math.Round(rate, 6)).Style(st => st with { Format = RateFormat });
}

using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DxRoadmap.Web.Reporting;

/// <summary>
/// Draws the report's <see cref="GanttGeometry"/> as vectors. The chart is wider and taller than a page, so it is
/// cut into tiles: a few whole fiscal years across, as many rows as fit down; each tile repeats the 年度 and
/// month header and the row titles. All positions come from the layout's day and row units times a scale.
/// </summary>
internal static class PdfGantt
{
    private const double RowHeight = 14;
    private const double YearHeaderHeight = 16;
    private const double MonthHeaderHeight = 13;
    private const double MinMonthWidth = 15;

    public static void Draw(PdfCanvas c, ReportHeader header, GanttGeometry chart, string heading)
    {
        if (chart.RowCount == 0)
        {
            c.NewPage();
            c.Heading(heading);
            c.Bookmark(heading);
            c.Paragraph("対象の工程はありません。");
            return;
        }
        var titleWidth = Math.Min(300, c.ContentWidth * 0.28);
        var chartWidth = c.ContentWidth - titleWidth;
        var bands = chart.YearBands;
        var yearsPerTile = Math.Max(1, (int)(chartWidth / (12 * MinMonthWidth)));
        var tiles = (bands.Count + yearsPerTile - 1) / yearsPerTile;

        // Years are spread evenly over the tiles, the newest (which matter most at a meeting) on the fuller ones,
        // so that no tile spends its page on one nearly empty early year.
        var slices = new List<List<GanttYearBand>>();
        for (int t = 0, from = 0; t < tiles; t++)
        {
            var count = (bands.Count - from) / (tiles - t);
            slices.Add(bands.Skip(from).Take(count).ToList());
            from += count;
        }
        // Every tile keeps the same scale, so a month is as wide on every page.
        var scale = chartWidth / slices.Max(slice => slice.Sum(b => b.X1 - b.X0));

        PdfOutline? section = null;
        for (var t = 0; t < tiles; t++)
        {
            var slice = slices[t];
            var x0 = slice[0].X0;
            var x1 = slice[^1].X1;
            var period = slice.Count == 1 ? slice[0].Label : $"{slice[0].Label}～{slice[^1].Label}";

            var firstRow = 0;
            while (firstRow < chart.RowCount)
            {
                c.NewPage();
                c.Heading($"{heading}　{period}" + (tiles > 1 ? $"　({t + 1}/{tiles})" : ""));
                if (firstRow == 0)
                {
                    section ??= c.Bookmark(heading);
                    c.Bookmark(period, section);
                }
                var top = c.Y;
                var bodyTop = top + YearHeaderHeight + MonthHeaderHeight;
                var legendHeight = 30;
                var rowsFit = Math.Max(1, (int)((c.Bottom - legendHeight - bodyTop) / RowHeight));
                // Spread the rows evenly over the pages a tile needs, rather than a full page and a stub.
                var pagesLeft = (chart.RowCount - firstRow + rowsFit - 1) / rowsFit;
                rowsFit = (chart.RowCount - firstRow + pagesLeft - 1) / pagesLeft;
                var rows = chart.Rows.Skip(firstRow).Take(rowsFit).ToList();
                var tile = new Tile(c, chart, c.Left, titleWidth, c.Left + titleWidth, scale, x0, x1, bodyTop, firstRow);
                tile.DrawHeader(top, slice);
                tile.DrawRows(rows);
                tile.DrawMarks(rows.Count);
                Legend(c, bodyTop + rows.Count * RowHeight + 6);
                firstRow += rows.Count;
            }
        }
    }

    private static void Legend(PdfCanvas c, double y)
    {
        var g = c.G;
        var x = c.Left;
        foreach (var tone in new[] { GanttTone.Done, GanttTone.InProgress, GanttTone.NotStarted, GanttTone.AtRisk, GanttTone.Late, GanttTone.External, GanttTone.OnHold })
        {
            Swatch(c, tone, new XRect(x, y + 1, 16, 9));
            c.DrawText(tone.Label(), 7.5, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(x + 20, y + 9), XStringFormats.BaseLineLeft);
            x += 30 + c.TextWidth(tone.Label(), 7.5);
        }
        g.DrawLine(new XPen(PdfCanvas.Color(ReportPalette.Signal(Signal.Red).Strong), 1.2), x, y, x, y + 11);
        c.DrawText("基準日", 7.5, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(x + 4, y + 9), XStringFormats.BaseLineLeft);
        x += 40;
        g.DrawLine(new XPen(PdfCanvas.Color(ReportPalette.Signal(Signal.Red).Strong), 0.8) { DashStyle = XDashStyle.Dot }, x, y + 5, x + 14, y + 5);
        c.DrawText("イナズマ線 (進捗の位置)", 7.5, false, PdfCanvas.Brush(ReportPalette.Ink), new XPoint(x + 18, y + 9), XStringFormats.BaseLineLeft);
        // The reading notes go on a line of their own so they fit an A4 page too.
        x = c.Left;
        y += 12;
        c.DrawText("濃い部分 = 進捗済み、白地 = 未着手、横線 = 要注意、右下がり線 = 遅延、縦線 = 保留・中止、右上がり線 (赤枠) = 期限を過ぎた期間、◆ = 時点の工程、点線枠 = 当初計画", 7.5, false, PdfCanvas.Brush(ReportPalette.ExternalText),
            new XPoint(x, y + 9), XStringFormats.BaseLineLeft);
    }

    /// <summary>A legend swatch drawn as a bar of that state is: half done, so both parts show.</summary>
    private static void Swatch(PdfCanvas c, GanttTone tone, XRect area)
    {
        var colours = ReportPalette.Gantt(tone);
        BarFill(c, tone, area, tone == GanttTone.NotStarted ? 0 : area.Width / 2);
        var outline = new XPen(PdfCanvas.Color(colours.Strong), 0.6);
        if (tone == GanttTone.External)
        {
            outline.DashStyle = XDashStyle.Dash;
        }
        c.G.DrawRectangle(outline, area);
    }

    /// <summary>
    /// A bar's fill: the done part solid, the rest light with the state's pattern (none for 進行中, white for
    /// 未着手, horizontal lines for 要注意, falling lines for 遅延, vertical lines for 保留・中止), so every state reads in grey.
    /// </summary>
    private static void BarFill(PdfCanvas c, GanttTone tone, XRect area, double done)
    {
        var colours = ReportPalette.Gantt(tone);
        var rest = new XRect(area.Left + done, area.Top, Math.Max(0, area.Width - done), area.Height);
        c.G.DrawRectangle(PdfCanvas.Brush(tone == GanttTone.NotStarted ? "#FFFFFF" : colours.Light), area);
        switch (tone)
        {
            case GanttTone.AtRisk:
                c.Hatch(rest, colours.Strong, 2.5, 0, 0.6);
                break;
            case GanttTone.Late:
                // Falling lines: the overdue stretch after the bar rises, so the two stay apart.
                c.Hatch(rest, colours.Strong, 3, -1, 0.6);
                break;
            case GanttTone.OnHold or GanttTone.Cancelled:
                c.Hatch(rest, colours.Strong, 3, 2, 0.6);
                break;
        }
        if (done > 0)
        {
            c.G.DrawRectangle(PdfCanvas.Brush(colours.Strong), area.Left, area.Top + 1.5, done, area.Height - 3);
        }
    }

    /// <summary>One page's piece of the chart: maps layout units to points and clips to its columns.</summary>
    private sealed class Tile(PdfCanvas c, GanttGeometry chart, double titleX, double titleWidth, double chartX, double scale,
        double fromX, double toX, double bodyTop, int firstRow)
    {
        private XGraphics G => c.G;

        private double ChartRight => chartX + (toX - fromX) * scale;

        private double Px(double x) => chartX + (x - fromX) * scale;

        private double Py(int row) => bodyTop + (row - firstRow) * RowHeight;

        public void DrawHeader(double top, IReadOnlyList<GanttYearBand> slice)
        {
            var rule = new XPen(PdfCanvas.Color(ReportPalette.Rule), 0.5);
            G.DrawRectangle(rule, PdfCanvas.Brush(ReportPalette.HeaderFill), titleX, top, titleWidth, YearHeaderHeight + MonthHeaderHeight);
            c.DrawText("工程 (主管課)", 8, true, PdfCanvas.Brush(ReportPalette.Ink),
                new XPoint(titleX + titleWidth / 2, top + (YearHeaderHeight + MonthHeaderHeight) / 2 + 3), XStringFormats.BaseLineCenter);
            foreach (var band in slice)
            {
                var left = Px(band.X0);
                var width = (band.X1 - band.X0) * scale;
                G.DrawRectangle(rule, PdfCanvas.Brush(ReportPalette.Accent), left, top, width, YearHeaderHeight);
                c.DrawText($"{band.Label} ({band.WesternLabel})", 8.5, true, PdfCanvas.Brush("#FFFFFF"),
                    new XPoint(left + width / 2, top + YearHeaderHeight - 4.5), XStringFormats.BaseLineCenter);
            }
            var ticks = chart.Ticks.Where(t => t.X >= fromX && t.X < toX).ToList();
            for (var i = 0; i < ticks.Count; i++)
            {
                var left = Px(ticks[i].X);
                var right = i + 1 < ticks.Count ? Px(ticks[i + 1].X) : ChartRight;
                var next = i + 1 < ticks.Count ? ticks[i + 1].X : toX;
                var current = chart.TodayX is { } today && today >= ticks[i].X && today < next;
                G.DrawRectangle(rule, PdfCanvas.Brush(current ? ReportPalette.Signal(Signal.Red).Light : ReportPalette.HeaderFill),
                    left, top + YearHeaderHeight, right - left, MonthHeaderHeight);
                c.DrawText(ticks[i].Month.Month.ToString(System.Globalization.CultureInfo.InvariantCulture), 7.5, false, PdfCanvas.Brush(ReportPalette.Ink),
                    new XPoint((left + right) / 2, top + YearHeaderHeight + MonthHeaderHeight - 3.5), XStringFormats.BaseLineCenter);
            }
        }

        public void DrawRows(IReadOnlyList<GanttRow> rows)
        {
            var rule = new XPen(PdfCanvas.Color("#D5DBE1"), 0.3);
            foreach (var row in rows)
            {
                var y = Py(row.Index);
                var fill = row.Kind switch
                {
                    GanttRowKind.Initiative => "#E8EEF5",
                    GanttRowKind.Track => "#F4F6F9",
                    _ => row.Index % 2 == 0 ? "#FFFFFF" : "#FAFBFC",
                };
                G.DrawRectangle(PdfCanvas.Brush(fill), titleX, y, ChartRight - titleX, RowHeight);
                G.DrawLine(rule, titleX, y + RowHeight, ChartRight, y + RowHeight);
                var bold = row.IsGroup;
                var size = row.Kind == GanttRowKind.Initiative ? 8.5 : 7.5;
                var indent = 4 + row.Depth * 10;
                var owner = row.Kind == GanttRowKind.Milestone && row.Owner.Length > 0 ? row.Owner : "";
                var ownerWidth = owner.Length > 0 ? Math.Min(titleWidth * 0.32, c.TextWidth(owner, 6.5) + 4) : 0;
                // Track codes are the data file's keys (5.1-plan), not something the committee reads.
                var label = row.Kind == GanttRowKind.Track ? row.Title : $"{row.Code} {row.Title}";
                var text = Fit(label, titleWidth - indent - ownerWidth - 6, size, bold);
                var color = row.Item?.Milestone.IsExternal == true ? ReportPalette.ExternalText : ReportPalette.Ink;
                c.DrawText(text, size, bold, PdfCanvas.Brush(color), new XPoint(titleX + indent, y + RowHeight - 4), XStringFormats.BaseLineLeft);
                if (owner.Length > 0)
                {
                    c.DrawText(Fit(owner, ownerWidth - 2, 6.5, false), 6.5, false, PdfCanvas.Brush(ReportPalette.ExternalText),
                        new XPoint(titleX + titleWidth - 3, y + RowHeight - 4), XStringFormats.BaseLineRight);
                }
                if (row.LateCount > 0 && row.IsGroup)
                {
                    c.SignalMark(Signal.Red, titleX + titleWidth - 7, y + 7, 6);
                }
            }
            var border = new XPen(PdfCanvas.Color(ReportPalette.Rule), 0.6);
            var bottom = Py(firstRow + rows.Count);
            G.DrawLine(border, chartX, bodyTop, chartX, bottom);
            G.DrawRectangle(border, titleX, bodyTop, ChartRight - titleX, bottom - bodyTop);
            foreach (var tick in chart.Ticks.Where(t => t.X > fromX && t.X < toX))
            {
                var pen = tick.FiscalYearStart ? new XPen(PdfCanvas.Color("#7A8896"), 0.8) : new XPen(PdfCanvas.Color("#E1E5EA"), 0.3);
                G.DrawLine(pen, Px(tick.X), bodyTop, Px(tick.X), bottom);
            }
        }

        public void DrawMarks(int rowCount)
        {
            var lastRow = firstRow + rowCount;
            var state = G.Save();
            G.IntersectClip(new XRect(chartX, bodyTop, ChartRight - chartX, rowCount * RowHeight));
            foreach (var ghost in chart.Ghosts.Where(gh => gh.Row >= firstRow && gh.Row < lastRow))
            {
                var y = Py(ghost.Row);
                var pen = new XPen(PdfCanvas.Color("#90A4AE"), 0.6) { DashStyle = XDashStyle.Dash };
                if (ghost.IsPoint)
                {
                    G.DrawPolygon(pen, Diamond(Px(ghost.X0), y + RowHeight / 2, 4));
                }
                else
                {
                    G.DrawRectangle(pen, Px(ghost.X0), y + 2, (ghost.X1 - ghost.X0) * scale, RowHeight - 4);
                }
            }
            // An overdue bar ends before this tile but its hatching runs on to the as-of date, across every tile between.
            foreach (var bar in chart.Bars.Where(b => b.Row >= firstRow && b.Row < lastRow && Math.Max(b.X1, b.OverdueTo ?? b.X1) > fromX && b.X0 < toX))
            {
                DrawBar(bar);
            }
            foreach (var diamond in chart.Diamonds.Where(d => d.Row >= firstRow && d.Row < lastRow))
            {
                var y = Py(diamond.Row) + RowHeight / 2;
                var tone = ReportPalette.Gantt(diamond.Tone);
                if (diamond.OverdueTo is { } overdue)
                {
                    Overdue(Px(diamond.X), Px(overdue), Py(diamond.Row));
                }
                var points = Diamond(Px(diamond.X), y, 4.5);
                G.DrawPolygon(new XPen(PdfCanvas.Color(tone.Strong), 0.6), PdfCanvas.Brush(diamond.External ? tone.Light : tone.Strong), points, XFillMode.Winding);
            }
            DrawProgressLine(lastRow);
            if (chart.TodayX is { } today && today >= fromX && today < toX)
            {
                var pen = new XPen(PdfCanvas.Color(ReportPalette.Signal(Signal.Red).Strong), 1.2);
                G.DrawLine(pen, Px(today), bodyTop, Px(today), Py(lastRow));
            }
            G.Restore(state);
        }

        private void DrawBar(GanttBar bar)
        {
            var y = Py(bar.Row);
            var tone = ReportPalette.Gantt(bar.Tone);
            var left = Px(bar.X0);
            var width = (bar.X1 - bar.X0) * scale;
            if (bar.Tone == GanttTone.Summary)
            {
                G.DrawRectangle(PdfCanvas.Brush(bar.Late ? ReportPalette.Gantt(GanttTone.Late).Strong : tone.Strong), left, y + RowHeight / 2 - 1.5, width, 3);
                return;
            }
            var top = y + 3;
            var height = RowHeight - 6;
            if (bar.FadesOut)
            {
                // 「から順次」: no end, so the bar fades out instead of stopping at a date.
                var brush = new XLinearGradientBrush(new XPoint(left, 0), new XPoint(left + width, 0),
                    PdfCanvas.Color(tone.Light), XColor.FromArgb(255, 255, 255, 255));
                G.DrawRectangle(brush, left, top, width, height);
                if (bar.Progress > 0)
                {
                    var done = Math.Min(width, chart.TodayX is { } t ? Px(t) - left : width) * bar.Progress;
                    G.DrawRectangle(PdfCanvas.Brush(tone.Strong), left, top + 1.5, done, height - 3);
                }
            }
            else
            {
                BarFill(c, bar.Tone, new XRect(left, top, width, height), width * bar.Progress);
            }
            if (!bar.FadesOut)
            {
                var outline = new XPen(PdfCanvas.Color(tone.Strong), 0.6);
                if (bar.External)
                {
                    outline.DashStyle = XDashStyle.Dash;
                }
                G.DrawRectangle(outline, left, top, width, height);
            }
            if (bar.OverdueTo is { } overdue)
            {
                Overdue(left + width, Px(overdue), y);
            }
        }

        /// <summary>The stretch from the missed end to the today line, hatched red.</summary>
        private void Overdue(double from, double to, double rowTop)
        {
            if (to <= from)
            {
                return;
            }
            var late = ReportPalette.Gantt(GanttTone.Late);
            var top = rowTop + 4;
            var height = RowHeight - 8;
            G.DrawRectangle(PdfCanvas.Brush("#FFFFFF"), from, top, to - from, height);
            var state = G.Save();
            G.IntersectClip(new XRect(from, top, to - from, height));
            var pen = new XPen(PdfCanvas.Color(late.Strong), 0.5);
            for (var x = from - height; x < to; x += 4)
            {
                G.DrawLine(pen, x, top + height, x + height, top);
            }
            G.Restore(state);
            G.DrawRectangle(new XPen(PdfCanvas.Color(late.Strong), 0.6), from, top, to - from, height);
        }

        /// <summary>The イナズマ線 through the rows on this tile.</summary>
        private void DrawProgressLine(int lastRow)
        {
            var points = chart.ProgressLine.Where(p => p.Row >= firstRow && p.Row < lastRow).OrderBy(p => p.Row)
                .Select(p => new XPoint(Px(p.X), Py(p.Row) + RowHeight / 2)).ToList();
            if (points.Count < 2)
            {
                return;
            }
            var pen = new XPen(PdfCanvas.Color(ReportPalette.Signal(Signal.Red).Strong), 0.8) { DashStyle = XDashStyle.Dot };
            G.DrawLines(pen, points.ToArray());
        }

        private static XPoint[] Diamond(double x, double y, double r) =>
            [new(x, y - r), new(x + r, y), new(x, y + r), new(x - r, y)];

        /// <summary>Cuts a title to the column with an ellipsis; the full text is in the appendix list.</summary>
        private string Fit(string text, double width, double size, bool bold)
        {
            var elements = JapaneseLineBreaker.Elements(ReportFonts.Printable(text)).ToList();
            double total = 0;
            for (var i = 0; i < elements.Count; i++)
            {
                total += c.CharWidth(elements[i], size, bold);
                if (total > width)
                {
                    return string.Concat(elements.Take(Math.Max(0, i - 1))) + "…";
                }
            }
            return string.Concat(elements);
        }
    }
}

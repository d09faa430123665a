using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;
using Microsoft.AspNetCore.Components;

namespace DxRoadmap.Web.Components.Shared;

/// <summary>
/// A <see cref="GanttGeometry"/> drawn as it is: the time header and the chart body as SVG markup, every x and y from
/// the layout, scaled by the day width and a fixed row height. Numbers are written with the invariant culture and
/// text is HTML-encoded.
/// <para>A drawing depends on nothing but its chart, so it is made once per chart and shared: every open page
/// showing the same (cached) layout holds the same two strings instead of a render tree of thousands of SVG
/// elements of its own, and a re-render compares them by reference.</para>
/// </summary>
public sealed class GanttDrawing
{
    public const int RowHeight = 24;
    public const int BandHeight = 24;
    public const int HeaderHeight = 46;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly ConditionalWeakTable<GanttGeometry, GanttDrawing> Kept = new();

    private readonly GanttGeometry _chart;

    private GanttDrawing(GanttGeometry chart, double dayWidth)
    {
        _chart = chart;
        DayWidth = dayWidth;
        Width = chart.Width * dayWidth;
        Height = Math.Max(chart.RowCount, 1) * RowHeight;
        var tooltips = new string[chart.Rows.Count];
        var readings = new GanttRowReading?[chart.Rows.Count];
        foreach (var row in chart.Rows)
        {
            tooltips[row.Index] = GanttText.Tooltip(row);
            readings[row.Index] = GanttRowReading.Of(row);
        }
        Tooltips = tooltips;
        Readings = readings;
        ProgressLine = GanttProgressLineReading.Of(chart);
        Header = new MarkupString(DrawHeader());
        Body = new MarkupString(DrawBody());
    }

    /// <summary>Pixels per day.</summary>
    public double DayWidth { get; }

    /// <summary>Width of the time axis in pixels.</summary>
    public double Width { get; }

    /// <summary>Height of the body in pixels (at least one row).</summary>
    public double Height { get; }

    /// <summary>The hover text of each row, by row index.</summary>
    public IReadOnlyList<string> Tooltips { get; }

    /// <summary>Each milestone row's bar in words (null for group rows), by row index.</summary>
    public IReadOnlyList<GanttRowReading?> Readings { get; }

    /// <summary>The イナズマ線 in words.</summary>
    public GanttProgressLineReading ProgressLine { get; }

    /// <summary>The id of the element that describes the イナズマ線; the chart body points to it.</summary>
    public const string ProgressLineNoteId = "gantt-inazuma-note";

    /// <summary>The fiscal-year bands, month ticks and as-of marker above the chart.</summary>
    public MarkupString Header { get; }

    /// <summary>Row backgrounds, grid, bars, diamonds, baselines, the as-of line and the イナズマ線.</summary>
    public MarkupString Body { get; }

    /// <summary>
    /// The drawing of <paramref name="chart"/> at <paramref name="dayWidth"/> pixels per day (the zoom's suggested
    /// scale when null). At the suggested scale it is kept for as long as the chart is alive.
    /// </summary>
    public static GanttDrawing For(GanttGeometry chart, double? dayWidth = null) =>
        dayWidth is { } scale && scale != GanttScale.DayWidth(chart.Zoom)
            ? new GanttDrawing(chart, scale)
            : Kept.GetValue(chart, c => new GanttDrawing(c, GanttScale.DayWidth(c.Zoom)));

    public static string N(double value) => Math.Round(value, 2).ToString(Inv);

    private string Px(double units) => N(units * DayWidth);

    private string DrawHeader()
    {
        var chart = _chart;
        var s = new Svg(chart.YearBands.Count * 400 + chart.Ticks.Count * 200);
        s.Raw($"<svg width=\"{N(Width)}\" height=\"{HeaderHeight}\" viewBox=\"0 0 {N(Width)} {HeaderHeight}\" role=\"presentation\">");
        foreach (var band in chart.YearBands)
        {
            s.Raw($"<g><rect class=\"{BandClass(band)}\" x=\"{Px(band.X0)}\" y=\"0\" width=\"{Px(band.X1 - band.X0)}\" height=\"{BandHeight}\"></rect>");
            s.Raw($"<line class=\"fy-line\" x1=\"{Px(band.X0)}\" x2=\"{Px(band.X0)}\" y1=\"0\" y2=\"{HeaderHeight}\"></line>");
            s.Raw($"<text class=\"band-label\" x=\"{Px(band.X0 + 4 / DayWidth)}\" y=\"16\">").Text(band.Label)
                .Raw("<tspan class=\"western\" dx=\"4\">(").Text(band.WesternLabel).Raw(")</tspan></text>");
            if (chart.Zoom == GanttZoom.Month)
            {
                // A fiscal year is wide at month zoom: repeat its name each quarter so it stays in view.
                foreach (var quarter in chart.Ticks.Where(t => t.X > band.X0 && t.X < band.X1 && (t.Month.Month - 1) % 3 == 0))
                {
                    s.Raw($"<g><text class=\"band-label repeat\" x=\"{Px(quarter.X + 4 / DayWidth)}\" y=\"16\">").Text(band.Label).Raw("</text></g>");
                }
            }
            s.Raw("</g>");
        }
        foreach (var tick in chart.Ticks)
        {
            s.Raw($"<g><line class=\"tick\" x1=\"{Px(tick.X)}\" x2=\"{Px(tick.X)}\" y1=\"{BandHeight}\" y2=\"{HeaderHeight}\"></line>");
            s.Raw($"<text class=\"tick-label\" x=\"{Px(tick.X + 3 / DayWidth)}\" y=\"{HeaderHeight - 6}\">").Text(tick.Label).Raw("</text></g>");
        }
        if (chart.TodayX is { } today)
        {
            s.Raw($"<g><line class=\"today\" x1=\"{Px(today)}\" x2=\"{Px(today)}\" y1=\"{BandHeight}\" y2=\"{HeaderHeight}\"></line>");
            s.Raw($"<rect class=\"today-box\" x=\"{N(today * DayWidth - 30)}\" y=\"3\" width=\"60\" height=\"18\" rx=\"3\"></rect>");
            s.Raw($"<text class=\"today-label\" x=\"{Px(today)}\" y=\"{BandHeight - 8}\" text-anchor=\"middle\">基準日▼</text></g>");
        }
        return s.Raw("</svg>").ToString();
    }

    private string DrawBody()
    {
        var chart = _chart;
        var height = N(Height);
        var width = N(Width);
        var s = new Svg(4096 + chart.Rows.Count * 600);
        s.Raw($"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"group\" aria-describedby=\"{ProgressLineNoteId}\" aria-label=\"")
            .Text($"ガントチャート 基準日 {JapaneseDates.Day(chart.AsOf)}").Raw("\">");
        s.Raw(Definitions);
        foreach (var band in chart.YearBands)
        {
            s.Raw($"<rect class=\"{BandClass(band)}\" x=\"{Px(band.X0)}\" y=\"0\" width=\"{Px(band.X1 - band.X0)}\" height=\"{height}\"></rect>");
        }
        foreach (var row in chart.Rows)
        {
            var rowClass = row.IsGroup ? $"row-bg group depth-{row.Depth}" : row.IsLate ? "row-bg late" : null;
            if (rowClass is not null)
            {
                s.Raw($"<rect class=\"{rowClass}\" x=\"0\" y=\"{row.Index * RowHeight}\" width=\"{width}\" height=\"{RowHeight}\"></rect>");
            }
        }
        foreach (var tick in chart.Ticks)
        {
            s.Raw($"<line class=\"{(tick.FiscalYearStart ? "grid fy" : "grid")}\" x1=\"{Px(tick.X)}\" x2=\"{Px(tick.X)}\" y1=\"0\" y2=\"{height}\"></line>");
        }
        foreach (var ghost in chart.Ghosts)
        {
            s.Raw(ghost.IsPoint
                ? $"<path class=\"ghost\" d=\"{Diamond(ghost.X0, ghost.Row, 5)}\"><title>当初計画</title></path>"
                : $"<rect class=\"ghost\" x=\"{Px(ghost.X0)}\" y=\"{N(ghost.Row * RowHeight + 19)}\" width=\"{Px(ghost.X1 - ghost.X0)}\" height=\"4\"><title>当初計画</title></rect>");
        }
        DrawMarks(s);
        if (chart.TodayX is { } today)
        {
            s.Raw($"<line class=\"today\" x1=\"{Px(today)}\" x2=\"{Px(today)}\" y1=\"0\" y2=\"{height}\"></line>");
        }
        if (chart.ProgressLine.Count > 1)
        {
            s.Raw("<polyline class=\"inazuma\" points=\"");
            for (var i = 0; i < chart.ProgressLine.Count; i++)
            {
                var p = chart.ProgressLine[i];
                s.Raw(string.Create(Inv, $"{(i == 0 ? "" : " ")}{p.X * DayWidth:0.#},{p.Row * RowHeight + RowHeight / 2.0:0.#}"));
            }
            s.Raw("\" data-testid=\"inazuma\"></polyline>");
        }
        return s.Raw("</svg>").ToString();
    }

    // Each row's marks: the layout emits bars and diamonds in row order, so one pass walks both lists.
    private void DrawMarks(Svg s)
    {
        var chart = _chart;
        int bar = 0, diamond = 0;
        foreach (var row in chart.Rows)
        {
            var barFrom = bar;
            while (bar < chart.Bars.Count && chart.Bars[bar].Row == row.Index)
            {
                bar++;
            }
            var diamondFrom = diamond;
            while (diamond < chart.Diamonds.Count && chart.Diamonds[diamond].Row == row.Index)
            {
                diamond++;
            }
            if (barFrom == bar && diamondFrom == diamond)
            {
                continue;
            }
            if (row.IsGroup)
            {
                for (var i = barFrom; i < bar; i++)
                {
                    var b = chart.Bars[i];
                    s.Raw($"<rect class=\"{(b.Late ? "summary late" : "summary")}\" x=\"{Px(b.X0)}\" y=\"{N(b.Row * RowHeight + 10)}\" width=\"{N(Math.Max((b.X1 - b.X0) * DayWidth, 1))}\" height=\"5\"><title>")
                        .Text(Tooltips[b.Row]).Raw("</title></rect>");
                }
                continue;
            }
            // One link and one tooltip per row, however many marks it has (yearly steps have one per year). It is a
            // pointer's shortcut: keyboards and screen readers reach the same editor through the row's label link.
            s.Raw($"<a href=\"milestones/{row.MilestoneId}\" tabindex=\"-1\" aria-hidden=\"true\" class=\"mark\"><g class=\"row-marks\" data-row=\"").Text(row.Key)
                .Raw("\"><title>").Text(Tooltips[row.Index]).Raw("</title>");
            for (var i = barFrom; i < bar; i++)
            {
                DrawBar(s, chart.Bars[i]);
            }
            for (var i = diamondFrom; i < diamond; i++)
            {
                var d = chart.Diamonds[i];
                if (d.OverdueTo is { } overdueTo)
                {
                    s.Raw($"<rect class=\"overdue\" x=\"{Px(d.X)}\" y=\"{N(d.Row * RowHeight + 8)}\" width=\"{Px(Math.Max(overdueTo - d.X, 0))}\" height=\"8\"></rect>");
                }
                s.Raw($"<path class=\"{DiamondClass(d)}\" d=\"{Diamond(d.X, d.Row, d.Late ? 8 : 7)}\" data-kind=\"diamond\"></path>");
            }
            s.Raw("</g></a>");
        }
    }

    private void DrawBar(Svg s, GanttBar bar)
    {
        var x = bar.X0 * DayWidth;
        var w = Math.Max((bar.X1 - bar.X0) * DayWidth, 1);
        if (bar.OverdueTo is { } overdueTo)
        {
            s.Raw($"<rect class=\"overdue\" x=\"{N(x + w)}\" y=\"{N(bar.Row * RowHeight + 8)}\" width=\"{N(Math.Max(overdueTo * DayWidth - x - w, 0))}\" height=\"8\"></rect>");
        }
        // The base carries the outline; the progress fill sits inside it so a late outline stays whole.
        var mask = bar.FadesOut ? " mask=\"url(#gantt-fade-mask)\"" : "";
        s.Raw($"<g class=\"{BarClass(bar)}\"{mask} data-kind=\"bar\"><rect class=\"base\" x=\"{N(x)}\" y=\"{N(bar.Row * RowHeight + 5)}\" width=\"{N(w)}\" height=\"13\" rx=\"2\"></rect>");
        if (bar.Progress > 0 && !bar.External)
        {
            s.Raw($"<rect class=\"fill\" x=\"{N(x + 1.5)}\" y=\"{N(bar.Row * RowHeight + 6.5)}\" width=\"{N(Math.Max(w * bar.Progress - 3, 0))}\" height=\"10\"></rect>");
        }
        s.Raw("</g>");
    }

    private const string Definitions =
        "<defs><linearGradient id=\"gantt-fade\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">"
        + "<stop offset=\"0\" stop-color=\"white\" stop-opacity=\"1\"></stop><stop offset=\"0.55\" stop-color=\"white\" stop-opacity=\"0.8\"></stop>"
        + "<stop offset=\"1\" stop-color=\"white\" stop-opacity=\"0\"></stop></linearGradient>"
        + "<mask id=\"gantt-fade-mask\" maskContentUnits=\"objectBoundingBox\"><rect x=\"0\" y=\"0\" width=\"1\" height=\"1\" fill=\"url(#gantt-fade)\"></rect></mask>"
        + "<pattern id=\"gantt-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
        + "<rect width=\"6\" height=\"6\" fill=\"#eceff1\"></rect><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#78909c\" stroke-width=\"2\"></line></pattern>"
        + "<pattern id=\"gantt-late-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
        + "<rect width=\"6\" height=\"6\" fill=\"#ffebee\"></rect><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#c62828\" stroke-width=\"2.5\"></line></pattern></defs>";

    private static string BandClass(GanttYearBand band) => band.FiscalYear % 2 == 0 ? "band even" : "band odd";

    private string Diamond(double x, int row, double r)
    {
        var cx = x * DayWidth;
        var cy = row * RowHeight + RowHeight / 2.0;
        return string.Create(Inv, $"M{cx:0.##} {cy - r:0.##}L{cx + r:0.##} {cy:0.##}L{cx:0.##} {cy + r:0.##}L{cx - r:0.##} {cy:0.##}Z");
    }

    private static string BarClass(GanttBar bar) =>
        "bar tone-" + bar.Tone + (bar.Late ? " late" : "") + (bar.External ? " external" : "") + (bar.FadesOut ? " open" : "");

    private static string DiamondClass(GanttDiamond d) =>
        "diamond tone-" + d.Tone + (d.Late ? " late" : "") + (d.External ? " external" : "") + (d.Deadline ? " deadline" : "");

    /// <summary>Markup being written: trusted fragments as they are, text encoded.</summary>
    private sealed class Svg(int capacity)
    {
        private readonly StringBuilder _sb = new(capacity);

        public Svg Raw(string markup)
        {
            _sb.Append(markup);
            return this;
        }

        public Svg Text(string text)
        {
            _sb.Append(WebUtility.HtmlEncode(text));
            return this;
        }

        public override string ToString() => _sb.ToString();
    }
}

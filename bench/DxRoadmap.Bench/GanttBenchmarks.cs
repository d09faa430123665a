using System.Text.Encodings.Web;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;
using DxRoadmap.Web.Components.Shared;
using DxRoadmap.Web.Data.Seeding;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace DxRoadmap.Bench;

/// <summary>
/// The Gantt page's server-side work for one change of as-of date, filter, zoom or collapse: assess, lay out,
/// and render the chart component to markup.
/// </summary>
[MemoryDiagnoser]
public class GanttBenchmarks
{
    private static readonly DateOnly AsOf = new(2024, 6, 1);

    private RoadmapSnapshot _roadmap = null!;
    private IReadOnlyList<AssessedMilestone> _assessed = null!;
    private GanttWindow _window = null!;
    private GanttGeometry _chart = null!;
    private ServiceProvider _services = null!;
    private HtmlRenderer _renderer = null!;

    [Params(300, 1_000, 10_000)]
    public int Milestones { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _roadmap = SyntheticRoadmap.Create(Milestones, seed: 42);
        _assessed = RoadmapSummary.Assess(_roadmap, AsOf, DelayThresholds.Default);
        _window = GanttWindow.ForPlan(_roadmap.Milestones, AsOf);
        _chart = GanttLayout.Build(_assessed, AsOf, _window, GanttZoom.Quarter);
        _services = new ServiceCollection()
            .AddLogging()
            // As the app does: Japanese sent as characters, not as &#x...; escapes.
            .AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All))
            .AddSingleton<IJSRuntime, NoJsRuntime>()
            .BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }

    /// <summary>Delay rules over every milestone, then the layout.</summary>
    [Benchmark]
    public GanttGeometry AssessAndLayout() =>
        GanttLayout.Build(RoadmapSummary.Assess(_roadmap, AsOf, DelayThresholds.Default), AsOf, _window, GanttZoom.Quarter);

    /// <summary>The layout alone (a filter, zoom or collapse change).</summary>
    [Benchmark]
    public GanttGeometry Layout() => GanttLayout.Build(_assessed, AsOf, _window, GanttZoom.Quarter);

    /// <summary>The tooltip text of every row, which the render writes into the markup.</summary>
    [Benchmark]
    public int Tooltips()
    {
        var length = 0;
        foreach (var row in _chart.Rows)
        {
            length += GanttText.Tooltip(row).Length;
        }
        return length;
    }

    /// <summary>The chart component rendered to HTML from a ready layout.</summary>
    /// <remarks>A copy of the layout each time, so the drawing is made afresh rather than found kept.</remarks>
    [Benchmark]
    public Task<int> Render() => RenderAsync(_chart with { });

    /// <summary>The chart component rendered again for a layout already drawn (another page showing the same view).</summary>
    [Benchmark]
    public Task<int> RenderKept() => RenderAsync(_chart);

    /// <summary>Everything the server does for an as-of change: assess, lay out, render.</summary>
    [Benchmark]
    public Task<int> AssessLayoutAndRender() => RenderAsync(AssessAndLayout());

    public Task<string> RenderHtml() => _renderer.Dispatcher.InvokeAsync(async () =>
    {
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(GanttChart.Chart)] = _chart });
        return (await _renderer.RenderComponentAsync<GanttChart>(parameters)).ToHtmlString();
    });

    private Task<int> RenderAsync(GanttGeometry chart) => _renderer.Dispatcher.InvokeAsync(async () =>
    {
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(GanttChart.Chart)] = chart });
        var output = await _renderer.RenderComponentAsync<GanttChart>(parameters);
        return output.ToHtmlString().Length;
    });

    /// <summary>Static rendering never calls JavaScript; the chart only asks for it after an interactive render.</summary>
    private sealed class NoJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => default;

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => default;
    }
}

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process, short runs: the machine is shared, and the figures are for orders of magnitude, not decimals.
// Run: dotnet run -c Release --project bench/DxRoadmap.Bench -- --filter '*'
if (args is ["--hostile"])
{
    // The hostile 照会票 corpus, one file after another: time and extra working set; then a dashboard during two uploads.
    await DxRoadmap.Bench.HostileUploads.RunAsync();
    return;
}

if (args is ["--peers"])
{
    // A national-sized table of 完了率 (1,741 団体) imported five times (the first, then four replacements).
    await DxRoadmap.Bench.PeerImport.RunAsync();
    return;
}

if (args is ["--dump", var file])
{
    var bench = new DxRoadmap.Bench.GanttBenchmarks { Milestones = 1_000 };
    bench.Setup();
    await File.WriteAllTextAsync(file, await bench.RenderHtml());
    await bench.Cleanup();
    return;
}

if (args is ["--layout"])
{
    // Layout alone at growing sizes, to check that it scales linearly.
    foreach (var n in new[] { 1_000, 5_000, 10_000, 20_000 })
    {
        var bench = new DxRoadmap.Bench.GanttBenchmarks { Milestones = n };
        bench.Setup();
        bench.Layout();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            bench.Layout();
        }
        Console.WriteLine($"{n}: layout {clock.Elapsed.TotalMilliseconds / 10:F1} ms");
        await bench.Cleanup();
    }
    return;
}

if (args is ["--sizes"])
{
    // Markup size and one cold timing per size, to see where the time goes without a full run.
    foreach (var n in new[] { 300, 1_000, 10_000 })
    {
        var bench = new DxRoadmap.Bench.GanttBenchmarks { Milestones = n };
        bench.Setup();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var length = await bench.Render();
        var first = clock.ElapsedMilliseconds;
        clock.Restart();
        for (var i = 0; i < 5; i++)
        {
            await bench.Render();
        }
        Console.WriteLine($"{n}: {length:N0} chars, first {first} ms, then {clock.ElapsedMilliseconds / 5} ms per render");
        await bench.Cleanup();
    }
    return;
}

if (args is ["--peak", var format, var size])
{
    // Peak working set of one export in a fresh process, which MemoryDiagnoser (allocations) does not show.
    var bench = new DxRoadmap.Bench.ReportBenchmarks { Milestones = int.Parse(size, System.Globalization.CultureInfo.InvariantCulture) };
    bench.Setup();
    var before = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var bytes = format switch { "xlsx" => bench.Excel(), "raw" => bench.RawOpenXml(), _ => bench.Pdf() };
    var first = clock.ElapsedMilliseconds;
    clock.Restart();
    _ = format switch { "xlsx" => bench.Excel(), "raw" => bench.RawOpenXml(), _ => bench.Pdf() };
    var process = System.Diagnostics.Process.GetCurrentProcess();
    process.Refresh();
    Console.WriteLine($"{format} {size}: first {first} ms, second {clock.ElapsedMilliseconds} ms, {bytes / 1024:N0} KiB, peak working set {process.PeakWorkingSet64 / 1048576:N0} MiB (after setup {before / 1048576:N0} MiB)");
    return;
}

if (args is ["--ratio", var milestones, ..] )
{
    // Excel against the raw OpenXmlWriter baseline, runs interleaved so that load from other processes falls
    // on both alike; medians of N runs each. Usage: --ratio 10000 [N]
    var bench = new DxRoadmap.Bench.ReportBenchmarks { Milestones = int.Parse(milestones, System.Globalization.CultureInfo.InvariantCulture) };
    bench.Setup();
    var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 7;
    bench.Excel();
    bench.RawOpenXml();
    var excel = new List<double>();
    var raw = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bench.Excel();
        excel.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        bench.RawOpenXml();
        raw.Add(clock.Elapsed.TotalMilliseconds);
    }
    static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
    Console.WriteLine($"{milestones}: excel median {Median(excel):F0} ms, raw median {Median(raw):F0} ms, ratio {Median(excel) / Median(raw):F2} "
        + $"(per-run ratios {string.Join(" ", excel.Zip(raw, (e, r) => (e / r).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))})");
    return;
}

var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(DxRoadmap.Bench.GanttBenchmarks).Assembly).Run(args, config);

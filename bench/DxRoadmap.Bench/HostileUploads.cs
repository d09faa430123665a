using System.Diagnostics;
using System.Globalization;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Data.Seeding;
using DxRoadmap.Web.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Bench;

/// <summary>
/// `--hostile`: each file of the tests' hostile corpus (made from the 照会票 of the 課 with the most milestones in a
/// 2,000-milestone synthetic roadmap) previewed as the upload page does, one after another in this process: time, and
/// the working set's peak above where it stood before (sampled every 5 ms). Then a third user's dashboard
/// (assessed afresh each time) timed alone and while two hostile uploads run without pause, and the working set
/// after a collection once they stop.
/// </summary>
public static class HostileUploads
{
    public static async Task RunAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dxroadmap-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var options = new DbContextOptionsBuilder<RoadmapDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "roadmap.db")}").Options;
            var factory = new RoadmapDbContextFactory(options, TimeProvider.System, new DatabaseSettings(DatabaseProvider.Sqlite, ""));
            string department;
            using (var db = factory.CreateDbContext())
            {
                db.Database.Migrate();
                await SyntheticSeeder.SeedAsync(db, 2_000, seed: 42, replace: false);
                department = db.Milestones.GroupBy(m => m.OwnerDepartment!.Name).OrderByDescending(g => g.Count()).Select(g => g.Key).First();
            }
            var editor = new SystemUser("ベンチマーク", AppRoles.Editor);
            var inquiry = new ProgressInquiry(factory, new AppClock(TimeProvider.System), Options.Create(DelayThresholds.Default),
                NullLogger<ProgressInquiry>.Instance);
            var valid = (await inquiry.ExportAsync(department, editor.Principal))!.Content;
            // Made first: making the bombs and the million strings takes memory of its own.
            var files = HostileWorkbooks.All.ToDictionary(f => f.Key, f => f.Value(valid));
            Console.WriteLine($"照会票 of {department}: {valid.Length / 1024:N0} KiB; working set before any upload: {WorkingSetAfterCollection() / 1048576:N0} MiB");

            Console.WriteLine("| file | size | time | extra working set | message |");
            Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
            await MeasureAsync(inquiry, editor, "valid, first in the process", valid);
            await MeasureAsync(inquiry, editor, "valid (as exported)", valid);
            foreach (var (name, file) in files)
            {
                await MeasureAsync(inquiry, editor, name, file);
            }

            Console.WriteLine();
            Console.WriteLine($"working set after the corpus and a collection: {WorkingSetAfterCollection() / 1048576:N0} MiB");

            // A third user's dashboard, alone and during two uploads that never pause.
            var queries = () => new ProgressQueries(new RoadmapReader(factory), Options.Create(DelayThresholds.Default));
            var today = new AppClock(TimeProvider.System).Today;
            await queries().GetDashboardAsync(today, department: null);
            var alone = await DashboardTimesAsync(queries, today, 30);
            using var stop = new CancellationTokenSource();
            var uploads = new[] { "whitespace-before-sheetData", "400000-rows" }.Select(name => Task.Run(async () =>
            {
                var count = 0;
                while (!stop.IsCancellationRequested)
                {
                    await inquiry.PreviewAsync(files[name], editor);
                    count++;
                }
                return count;
            })).ToList();
            var during = await DashboardTimesAsync(queries, today, 30);
            stop.Cancel();
            var previews = (await Task.WhenAll(uploads)).Sum();
            Console.WriteLine();
            Console.WriteLine($"dashboard alone: median {Median(alone):F0} ms, max {alone.Max():F0} ms; during two hostile uploads "
                + $"({previews} previews meanwhile): median {Median(during):F0} ms, max {during.Max():F0} ms");
            Console.WriteLine($"working set after the uploads stop and a collection: {WorkingSetAfterCollection() / 1048576:N0} MiB");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task MeasureAsync(ProgressInquiry inquiry, ICurrentUser user, string name, byte[] file)
    {
        var before = WorkingSetAfterCollection();
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(5);
            }
        });
        var clock = Stopwatch.StartNew();
        var preview = await inquiry.PreviewAsync(file, user);
        clock.Stop();
        sampling.Cancel();
        await sampler;
        var said = preview.Refusal ?? preview.Summary;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {file.Length / 1024.0:N0} KiB | {clock.Elapsed.TotalMilliseconds:N0} ms | {(peak - before) / 1048576.0:N0} MiB | {said[..Math.Min(said.Length, 60)]} |"));
    }

    private static async Task<List<double>> DashboardTimesAsync(Func<ProgressQueries> queries, DateOnly today, int runs)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await queries().GetDashboardAsync(today, department: null);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static long WorkingSetAfterCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}

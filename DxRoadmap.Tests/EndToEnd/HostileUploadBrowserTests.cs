using System.Diagnostics;
using System.Globalization;
using ClosedXML.Excel;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

/// <summary>
/// Unpacking bombs uploaded on 照会回答の取込 from a real browser, two at once, while a third user opens the
/// dashboard: both are refused with the import's message, nothing changes, and the dashboard answers. The server's
/// memory and the dashboard's time are written to the test output (and to DXROADMAP_MEASURE_OUT if set) as figures,
/// never asserted against a clock.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileUploadBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task TwoBombsUploadedAtOnce_AreRefused_WhileAThirdUsersDashboardAnswers()
    {
        app.RequireBrowser();
        var (bombs, code, progressBefore) = await HostileAnswersAsync();
        var watchers = new List<WatchedPage>();
        for (var i = 0; i < 3; i++)
        {
            watchers.Add(await app.NewPageAsync());
        }
        var (first, second, viewer) = (watchers[0], watchers[1], watchers[2]);
        await first.LoginAsync(BrowserApp.EditorName);
        await second.LoginAsync(BrowserApp.EditorName);
        await viewer.LoginAsync(BrowserApp.ViewerName);
        await first.GotoAsync("/inquiry/import");
        await second.GotoAsync("/inquiry/import");
        var before = Memory();
        using var sampler = new PeakSampler();
        var dashboard = new List<double>();
        var heap = new List<long>();
        for (var round = 0; round < 2; round++)
        {
            await viewer.GotoAsync("/alerts");
            var uploads = new[] { (first, bombs[0]), (second, bombs[1]) }.Select(async pair =>
            {
                var (page, file) = pair;
                // MudFileUpload adds a fresh input for each choice: the last one takes the next file.
                await page.Page.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload
                {
                    Name = $"回答{round + 1}.xlsx",
                    MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    Buffer = file.Content,
                });
                await Assertions.Expect(page.Page.Locator("[data-testid=file-name]")).ToContainTextAsync($"回答{round + 1}.xlsx", new() { Timeout = 60_000 });
                await Assertions.Expect(page.Page.Locator("[data-testid=summary]")).ToContainTextAsync(file.Message, new() { Timeout = 60_000 });
                await Assertions.Expect(page.Page.Locator("[data-testid=apply]")).ToHaveCountAsync(0);
            }).ToList();

            // The third user opens the dashboard while both uploads are being read.
            var clock = Stopwatch.StartNew();
            await viewer.Page.GetByRole(AriaRole.Link, new() { Name = "ダッシュボード" }).First.ClickAsync();
            await Assertions.Expect(viewer.Page.Locator("[data-testid=late-total]")).ToBeVisibleAsync();
            dashboard.Add(clock.Elapsed.TotalMilliseconds);
            await Task.WhenAll(uploads);
            heap.Add(Memory().Heap);
        }
        var peak = sampler.Peak;
        var after = Memory();

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(progressBefore, (await db.Milestones.SingleAsync(m => m.Code == code)).Progress);
        }
        foreach (var watched in watchers)
        {
            watched.AssertNothingLeftTheMachineAndNoErrors();
            await watched.DisposeAsync();
        }
        await Task.Delay(1000);
        var closed = Memory();

        var figures = string.Create(CultureInfo.InvariantCulture,
            $"hostile uploads through the page, two rounds of two bombs at once: dashboard {dashboard[0]:0} / {dashboard[1]:0} ms "
            + $"while they were read; process working set {before.WorkingSet} MiB before, {peak} MiB peak, {after.WorkingSet} MiB after; "
            + $"managed heap after a full collection {before.Heap} MiB before, {heap[0]} MiB after round 1, {heap[1]} MiB after round 2, "
            + $"{closed.Heap} MiB once the pages were closed (working set {closed.WorkingSet} MiB)");
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        if (Environment.GetEnvironmentVariable("DXROADMAP_MEASURE_OUT") is { Length: > 0 } path)
        {
            await File.AppendAllTextAsync(path, figures + Environment.NewLine);
        }
    }

    /// <summary>Two bombs made from a real answered 照会票, the code of a milestone in it and its progress now.</summary>
    private async Task<(List<(byte[] Content, string Message)> Bombs, string Code, int Progress)> HostileAnswersAsync()
    {
        var inquiry = app.Services.GetRequiredService<ProgressInquiry>();
        var export = (await inquiry.ExportAsync("デジタル行政推進課", TestUser.Editor().Principal))!;
        using var workbook = new XLWorkbook(new MemoryStream(export.Content));
        var row = workbook.Worksheet(InquiryWorkbook.MilestoneSheet).RowsUsed()
            .First(r => r.Cell(InquiryWorkbook.ProgressColumn).TryGetValue<int>(out var p) && p < 90);
        var code = row.Cell(InquiryWorkbook.CodeColumn).GetString();
        var progress = row.Cell(InquiryWorkbook.ProgressColumn).GetValue<int>();
        row.Cell(InquiryWorkbook.ProgressColumn).Value = progress + 10;
        using var answered = new MemoryStream();
        workbook.SaveAs(answered);
        return ([
            (HostileWorkbooks.All["whitespace-before-sheetData"](answered.ToArray()), "「工程」シートを展開したところで大きさの上限を超えました"),
            (HostileWorkbooks.All["whitespace-inside-closing-tag"](answered.ToArray()), "「工程」シートに長すぎるタグがあります"),
        ], code, progress);
    }

    private static (long WorkingSet, long Heap) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64 / 1024 / 1024, GC.GetTotalMemory(forceFullCollection: true) / 1024 / 1024);
    }

    /// <summary>The process's largest working set, read every 50 ms until disposed.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _peak;

        public PeakSampler() => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                using (var process = Process.GetCurrentProcess())
                {
                    _peak = Math.Max(_peak, process.WorkingSet64 / 1024 / 1024);
                }
                try
                {
                    await Task.Delay(50, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        public long Peak => Interlocked.Read(ref _peak);

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait();
            _stop.Dispose();
        }
    }
}

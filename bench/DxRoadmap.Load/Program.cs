using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

// A bounded load test of a running DxRoadmap: N signed-in Blazor circuits. With --client signalr each circuit is a
// real Blazor Server circuit over SignalR without a browser (SignalRLoad), cheap enough for hundreds of circuits on
// the server's own machine. The default, --client browser, makes each circuit a headless Chromium page on the
// Gantt chart, switching the zoom (月 / 四半期 / 年度) and timing each switch from the click until the chart has
// re-rendered; then the dashboard is opened on every page and timed until interactive. Reports p50/p95, errors
// and the server's working set (from /proc, by --server-pid). Everything stops after --rounds interactions.
//
//   dotnet run -c Release --project bench/DxRoadmap.Load -- --url http://127.0.0.1:5307 --circuits 50 \
//       --rounds 5 --server-pid PID [--client browser|signalr] [--think-ms 2000-5000] [--user editor --password …]
var options = Options.Parse(args);
if (options.Client == "signalr")
{
    return await SignalRLoad.RunAsync(options);
}
if (options.Client != "browser")
{
    Console.Error.WriteLine("--client is browser or signalr");
    return 2;
}
var cpu = new CpuMeter(options.ServerPid);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
});

// One sign-in over the login form; every page shares the cookie, like tabs of one browser.
var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = options.Url });
context.SetDefaultTimeout(options.TimeoutMs);
var login = await context.NewPageAsync();
await login.GotoAsync("/Account/Login");
await login.Locator("#username").FillAsync(options.User);
await login.Locator("#password").FillAsync(options.Password);
await login.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
await login.Locator("[data-testid=current-user]").WaitForAsync();
await login.CloseAsync();

var memory = new MemorySampler(options.ServerPid);
using var sampling = new Timer(_ => memory.Sample(), null, 0, 250);
var errors = new ErrorLog();
var zoomTimes = new List<double>();
var dashboardTimes = new List<double>();
var stopwatch = Stopwatch.StartNew();

var pages = await Circuits.OpenAsync(options.Circuits, errors, async i =>
{
    var page = await context.NewPageAsync();
    page.PageError += (_, e) => errors.Add($"page error: {e}");
    page.Console += (_, m) => { if (m.Type == "error") errors.Add("console: " + m.Text); };
    await page.GotoAsync("/gantt");
    await page.Locator("[data-testid=gantt] svg").First.WaitForAsync();
    await WaitInteractiveAsync(page);
    return page;
});
memory.Sample();
Console.WriteLine($"{pages.Count} circuits open after {stopwatch.Elapsed.TotalSeconds:F0} s; server working set {memory.Current}");

string[] zooms = ["月", "年度", "四半期"];
for (var round = 0; round < options.Rounds; round++)
{
    var label = zooms[round % zooms.Length];
    var times = await Task.WhenAll(pages.Select(async (page, i) =>
    {
        // Spread the clicks over a second, as people do, rather than in lockstep.
        await Task.Delay((i * 997) % 1000);
        try
        {
            var before = await ChartWidthAsync(page);
            var clock = Stopwatch.StartNew();
            await page.Locator("[data-testid=zoom] button", new() { HasTextString = label }).First.ClickAsync();
            await page.WaitForFunctionAsync(
                "w => { const s = document.querySelector('[data-testid=gantt] svg'); return s && s.getAttribute('width') !== w; }",
                before, new() { PollingInterval = 5 });
            return clock.Elapsed.TotalMilliseconds;
        }
        catch (Exception ex)
        {
            errors.Add($"zoom {label} on {i}: {ex.GetType().Name}: {ErrorLog.First(ex.Message)}");
            return double.NaN;
        }
    }));
    zoomTimes.AddRange(times.Where(t => !double.IsNaN(t)));
    memory.Sample();
}

// The dashboard on every circuit: navigation inside the app (enhanced navigation), timed until its content shows.
var dashboards = await Task.WhenAll(pages.Select(async (page, i) =>
{
    await Task.Delay((i * 997) % 1000);
    try
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync("/");
        await page.Locator("h1, .mud-typography-h5").First.WaitForAsync();
        await WaitInteractiveAsync(page);
        return clock.Elapsed.TotalMilliseconds;
    }
    catch (Exception ex)
    {
        errors.Add($"dashboard on {i}: {ex.GetType().Name}: {ErrorLog.First(ex.Message)}");
        return double.NaN;
    }
}));
dashboardTimes.AddRange(dashboards.Where(t => !double.IsNaN(t)));
memory.Sample();

foreach (var page in pages)
{
    if (await page.Locator("#components-reconnect-modal[open], .components-reconnect-show").CountAsync() > 0)
    {
        errors.Add("a circuit showed the reconnect dialog");
    }
}
await context.CloseAsync();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    circuits: {options.Circuits} requested, {pages.Count} opened
    {Stats.Line("zoom switches", zoomTimes)}
    {Stats.Line("dashboard opens", dashboardTimes)}
    """));
return Summary.Finish(errors, memory, cpu, stopwatch);

static async Task WaitInteractiveAsync(IPage page) =>
    // Blazor marks nothing itself; an open circuit is a connected SignalR socket, seen through Blazor's own API.
    await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-testid=current-user]') !== null",
        null, new() { PollingInterval = 20 });

static Task<string?> ChartWidthAsync(IPage page) =>
    page.EvaluateAsync<string?>("() => document.querySelector('[data-testid=gantt] svg')?.getAttribute('width') ?? null");


using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

/// <summary>
/// The lightweight mode: every circuit is a real Blazor Server circuit over SignalR (<see cref="CircuitClient"/>),
/// so hundreds of them cost the load generator little next to the server. Profile: after one sign-in, the
/// circuits open on /gantt eight at a time; then each does --rounds interactions, each after its own think time
/// drawn from --think-ms (default 2–5 s, seeded per circuit, so circuits drift apart instead of moving in lockstep).
/// Every third interaction is a visit to the dashboard (navigation inside the circuit, timed until the figures
/// have rendered) and back to the Gantt chart (timed until its zoom buttons are live); the others switch the zoom.
/// </summary>
internal static partial class SignalRLoad
{
    private static readonly string[] Cycle = ["月", "年度", "四半期"];

    public static async Task<int> RunAsync(Options options)
    {
        var baseUri = new Uri(options.Url.TrimEnd('/') + "/");
        var timeout = TimeSpan.FromMilliseconds(options.TimeoutMs);
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true };
        using var http = new HttpClient(handler) { Timeout = timeout };
        await SignInAsync(http, baseUri, options);

        var memory = new MemorySampler(options.ServerPid);
        using var sampling = new Timer(_ => memory.Sample(), null, 0, 250);
        var cpu = new CpuMeter(options.ServerPid);
        var errors = new ErrorLog();
        var starts = new List<double>();
        var zooms = new List<double>();
        var dashboards = new List<double>();
        var gantts = new List<double>();
        var stopwatch = Stopwatch.StartNew();

        var circuits = await Circuits.OpenAsync(options.Circuits, errors, async i =>
        {
            var client = new CircuitClient(baseUri, http, cookies, errors, i, timeout);
            try
            {
                Add(starts, await client.StartAsync("gantt", _ => client.ZoomReady));
                return client;
            }
            catch
            {
                await client.DisposeAsync();
                throw;
            }
        });
        memory.Sample();
        Console.WriteLine($"{circuits.Count} circuits open after {stopwatch.Elapsed.TotalSeconds:F0} s; server working set {memory.Current}");
        var interactionsStart = new CpuMeter(options.ServerPid);

        await Task.WhenAll(circuits.Select(async (client, i) =>
        {
            var random = new Random(options.Seed * 7919 + i);
            var current = "四半期";
            for (var round = 0; round < options.Rounds; round++)
            {
                try
                {
                    await Task.Delay(random.Next(options.ThinkMinMs, options.ThinkMaxMs + 1));
                    if (round % 3 == 2)
                    {
                        Add(dashboards, await client.NavigateAsync("", batch => CircuitClient.HasAttribute(batch, "data-testid", "totals")));
                        await Task.Delay(random.Next(options.ThinkMinMs, options.ThinkMaxMs + 1));
                        Add(gantts, await client.NavigateAsync("gantt", _ => client.ZoomReady));
                        current = "四半期";
                    }
                    else
                    {
                        var label = Cycle[(Array.IndexOf(Cycle, current) + 1) % Cycle.Length];
                        Add(zooms, await client.ClickZoomAsync(label));
                        current = label;
                    }
                }
                catch (Exception ex)
                {
                    errors.Add($"circuit {i} round {round}: {ex.GetType().Name}: {ErrorLog.First(ex.Message)}");
                }
            }
        }));
        memory.Sample();
        var batches = circuits.Sum(c => c.Batches);
        var megabytes = circuits.Sum(c => c.BatchBytes) / 1024.0 / 1024.0;
        var interactionCpu = interactionsStart.Summary();
        foreach (var client in circuits)
        {
            await client.DisposeAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            client: signalr; think time {options.ThinkMinMs}-{options.ThinkMaxMs} ms; {options.Rounds} interactions per circuit
            circuits: {options.Circuits} requested, {circuits.Count} opened
            {Stats.Line("circuit starts (GET /gantt + circuit until zoom live)", starts)}
            {Stats.Line("zoom switches (click until chart re-rendered)", zooms)}
            {Stats.Line("dashboard (navigation until figures rendered)", dashboards)}
            {Stats.Line("gantt (navigation until zoom live)", gantts)}
            render batches received: {batches} ({megabytes:F1} MB)
            """));
        return Summary.Finish(errors, memory, cpu, stopwatch, interactionCpu);
    }

    /// <summary>Signs in through the login form (antiforgery token included); the cookie lands in the container.</summary>
    private static async Task SignInAsync(HttpClient http, Uri baseUri, Options options)
    {
        var login = new Uri(baseUri, "Account/Login");
        var form = await http.GetStringAsync(login);
        var token = TokenPattern().Match(form);
        if (!token.Success)
        {
            throw new InvalidOperationException("the login form has no antiforgery token");
        }
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.UserName"] = options.User,
            ["Input.Password"] = options.Password,
        });
        using var response = await http.PostAsync(login, content);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("Login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"sign-in as {options.User} failed ({(int)response.StatusCode})");
        }
    }

    private static void Add(List<double> values, double value)
    {
        lock (values)
        {
            values.Add(value);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex TokenPattern();
}

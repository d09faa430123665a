using System.Globalization;

internal sealed record Options(string Url, int Circuits, int Rounds, int? ServerPid, string User, string Password, int TimeoutMs,
    string Client, int ThinkMinMs, int ThinkMaxMs, int Seed)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        return new Options(
            Get("--url") ?? "http://127.0.0.1:5307",
            int.Parse(Get("--circuits") ?? "50", CultureInfo.InvariantCulture),
            int.Parse(Get("--rounds") ?? "6", CultureInfo.InvariantCulture),
            Get("--server-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Get("--user") ?? "editor",
            Get("--password") ?? Environment.GetEnvironmentVariable("DXROADMAP_LOAD_PASSWORD") ?? "aira-demo-password",
            int.Parse(Get("--timeout-ms") ?? "60000", CultureInfo.InvariantCulture),
            Get("--client") ?? "browser",
            int.Parse(Get("--think-ms")?.Split('-')[0] ?? "2000", CultureInfo.InvariantCulture),
            int.Parse(Get("--think-ms")?.Split('-')[^1] ?? "5000", CultureInfo.InvariantCulture),
            int.Parse(Get("--seed") ?? "1", CultureInfo.InvariantCulture));
    }
}

internal sealed class ErrorLog
{
    private readonly List<string> _errors = [];

    public int Count
    {
        get { lock (_errors) { return _errors.Count; } }
    }

    public void Add(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }

    public IEnumerable<string> Distinct()
    {
        lock (_errors)
        {
            return _errors.Distinct().ToList();
        }
    }

    /// <summary>An exception's or a message's first line: enough to tell errors apart in the summary.</summary>
    public static string First(string message) => message.Split('\n')[0];
}

internal static class Circuits
{
    /// <summary>
    /// Opens <paramref name="count"/> circuits eight at a time, as users arriving rather than all in one instant;
    /// one that fails to open is logged and left out.
    /// </summary>
    public static async Task<List<T>> OpenAsync<T>(int count, ErrorLog errors, Func<int, Task<T>> open) where T : class
    {
        using var opening = new SemaphoreSlim(8);
        var opened = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await opening.WaitAsync();
            try
            {
                return await open(i);
            }
            catch (Exception ex)
            {
                errors.Add($"open {i}: {ex.GetType().Name}: {ErrorLog.First(ex.Message)}");
                return null;
            }
            finally
            {
                opening.Release();
            }
        }));
        return opened.OfType<T>().ToList();
    }
}

/// <summary>The server process's resident memory (VmRSS) from /proc, and the highest seen.</summary>
internal sealed class MemorySampler(int? pid)
{
    private long _peak;
    private long _current;

    public string Current => Format(_current);

    public string Peak => Format(_peak);

    public void Sample()
    {
        lock (this)
        {
            SampleLocked();
        }
    }

    private void SampleLocked()
    {
        if (pid is null || !File.Exists($"/proc/{pid}/status"))
        {
            return;
        }
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kb))
        {
            _current = kb * 1024;
            _peak = Math.Max(_peak, _current);
        }
    }

    private string Format(long bytes) => pid is null ? "(no --server-pid)" : $"{bytes / 1024.0 / 1024:F0} MB";
}

/// <summary>CPU time used by the server process (from /proc/PID/stat) and by this process, over the run.</summary>
internal sealed class CpuMeter(int? pid)
{
    private readonly double _serverStart = ServerSeconds(pid);
    private readonly TimeSpan _selfStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    private readonly (long Busy, long Total) _machineStart = Machine();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public string Summary()
    {
        var wall = _clock.Elapsed.TotalSeconds;
        var self = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - _selfStart).TotalSeconds;
        var server = pid is null ? double.NaN : ServerSeconds(pid) - _serverStart;
        var machine = Machine();
        var busy = (double)(machine.Busy - _machineStart.Busy) / Math.Max(1, machine.Total - _machineStart.Total);
        return string.Create(CultureInfo.InvariantCulture,
            $"server {server:F1} s ({server / wall:F2} cores), load client {self:F1} s ({self / wall:F2} cores), machine {busy:P0} busy ({Environment.ProcessorCount} cores) over {wall:F0} s");
    }

    // The first line of /proc/stat: all CPUs' time in user, nice, system, idle, iowait, irq, softirq, steal.
    private static (long Busy, long Total) Machine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }

    private static double ServerSeconds(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return double.NaN;
        }
        // Fields after the parenthesised command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}

internal static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> values, int p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static string Line(string name, IReadOnlyCollection<double> values) => string.Create(CultureInfo.InvariantCulture,
        $"{name}: {values.Count}  p50 {Percentile(values, 50):F0} ms  p95 {Percentile(values, 95):F0} ms  max {(values.Count > 0 ? values.Max() : double.NaN):F0} ms");
}

internal static class Summary
{
    /// <summary>
    /// The lines both client modes end with: errors, the server's working set, CPU (during the interactions too,
    /// when measured apart), load average, duration and the first distinct errors. The exit code: 1 when anything failed.
    /// </summary>
    public static int Finish(ErrorLog errors, MemorySampler memory, CpuMeter cpu, System.Diagnostics.Stopwatch stopwatch,
        string? interactionCpu = null)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            errors: {errors.Count}
            server working set: peak {memory.Peak}, now {memory.Current}
            """));
        if (interactionCpu is not null)
        {
            Console.WriteLine($"cpu during interactions: {interactionCpu}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            cpu whole run: {cpu.Summary()}
            load average: {File.ReadAllText("/proc/loadavg").Trim()}
            duration: {stopwatch.Elapsed.TotalSeconds:F0} s
            """));
        foreach (var error in errors.Distinct().Take(10))
        {
            Console.WriteLine("  " + error);
        }
        return errors.Count == 0 ? 0 : 1;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Data.Seeding;
using DxRoadmap.Web.Services;
using DxRoadmap.Web.Services.Peers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Bench;

/// <summary>
/// Importing a national-sized table of 完了率 (1,741 団体 in 47 都道府県, 姶良市 among them): check and save through
/// <see cref="PeerRates"/> on a SQLite file as the app uses it. The first import pays for EF's first queries; the
/// figures after it are what a 推進課 waits for on a running server.
/// </summary>
public static class PeerImport
{
    public const int Municipalities = 1_741;

    public static async Task RunAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dxroadmap-peers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var options = new DbContextOptionsBuilder<RoadmapDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "bench.db")}").Options;
            var factory = new Factory(options);
            await using (var db = factory.CreateDbContext())
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=wal;");
                await RoadmapSeeder.SeedAsync(db, DataDirectory(), sampleProgress: false);
            }
            var businesses = await factory.CreateDbContext().StandardSystems.OrderBy(s => s.Order).Select(s => s.Name).ToListAsync();
            var csv = Synthetic(businesses);
            Console.WriteLine($"合成 CSV: {Municipalities:N0} 団体、{csv.Length / 1024:N0} KB");
            var peers = new PeerRates(factory, new AppClock(TimeProvider.System), Options.Create(new CityOptions()), NullLogger<PeerRates>.Instance);
            var user = new SystemUser("計測", AppRoles.Editor);
            for (var run = 1; run <= 3; run++)
            {
                var read = Stopwatch.StartNew();
                var parsed = PeerTableFile.ReadCsv(csv, new DateOnly(2026, 1, 1), businesses);
                Console.WriteLine($"読取と検査のみ: {read.Elapsed.TotalMilliseconds:N0} ms ({parsed.Table?.Rows.Count} 行)");
            }
            for (var run = 1; run <= 5; run++)
            {
                var clock = Stopwatch.StartNew();
                var result = await peers.ApplyAsync(csv, "2026-01", replace: run > 1, user);
                var applied = clock.Elapsed;
                clock.Restart();
                var standing = await peers.StandingAsync();
                Console.WriteLine($"{run}回目: 取込 (確認と保存) {applied.TotalMilliseconds:N0} ms — {result.Message}; 比較の読込 {clock.Elapsed.TotalMilliseconds:N0} ms"
                    + $" ({standing?.RankText}, 全国平均 {standing?.NationalMean:P2})");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>47 都道府県 of about 37 団体 each, rates multiples of 1/40 as the ministry's are, 全体 their mean.</summary>
    private static byte[] Synthetic(IReadOnlyList<string> businesses)
    {
        var random = new Random(1741);
        var text = new StringBuilder("都道府県,市区町村,全体," + string.Join(',', businesses.Select(b => b switch
        {
            "住民基本台帳" => "住民記録",
            "戸籍の附票" => "戸籍附票",
            _ => b,
        })) + "\n");
        for (var i = 0; i < Municipalities; i++)
        {
            var prefecture = i % 47 == 0 ? "鹿児島県" : $"県{i % 47:00}";
            var city = i == 0 ? "姶良市" : $"市{i:0000}";
            var rates = businesses.Select(_ => random.Next(20, 41) / 40.0).ToList();
            text.Append(prefecture).Append(',').Append(city).Append(',')
                .Append(Math.Round(rates.Average(), 4).ToString(CultureInfo.InvariantCulture));
            foreach (var rate in rates)
            {
                text.Append(',').Append(rate.ToString(CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string DataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "data", "roadmap.json")))
            {
                return Path.Combine(dir.FullName, "data");
            }
        }
        throw new InvalidOperationException("data/roadmap.json not found");
    }

    private sealed class Factory(DbContextOptions<RoadmapDbContext> options) : IDbContextFactory<RoadmapDbContext>
    {
        public RoadmapDbContext CreateDbContext() => new(options);
    }
}

namespace DxRoadmap.Web.Data;

/// <summary>Where the plan files, fonts and the default SQLite database live.</summary>
public sealed class DataOptions
{
    /// <summary>The data folder; empty means the repository's data/ folder, found upwards from the app.</summary>
    public string? Directory { get; set; }
}

public sealed class SeedOptions
{
    /// <summary>Load data/roadmap.json into an empty database; off for the seed-synthetic command.</summary>
    public bool Plan { get; set; } = true;

    /// <summary>Load data/sample-progress.json into a new database (demonstration only).</summary>
    public bool SampleProgress { get; set; }
}

public static class DataPaths
{
    public const string Placeholder = "|DataDirectory|";

    /// <summary>
    /// The configured data folder, or the nearest folder named data holding roadmap.json above the content
    /// root or the app's binaries (so both `dotnet run` and tests find the repository's data/).
    /// </summary>
    public static string Resolve(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (File.Exists(Path.Combine(candidate, Seeding.RoadmapSeeder.PlanFileName)))
                {
                    return candidate;
                }
            }
        }
        throw new InvalidOperationException(
            "data フォルダ (roadmap.json を含む) が見つかりません。設定 Data:Directory で場所を指定してください。");
    }

    public static string ConnectionString(string? configured, string dataDirectory) =>
        (string.IsNullOrWhiteSpace(configured) ? $"Data Source={Placeholder}/roadmap.db" : configured)
            .Replace(Placeholder, dataDirectory, StringComparison.Ordinal);
}

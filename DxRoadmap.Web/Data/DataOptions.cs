namespace DxRoadmap.Web.Data;

/// <summary>Where the plan files, fonts and the default SQLite database live.</summary>
public sealed class DataOptions
{
    /// <summary>The data folder; empty means the repository's data/ folder, found upwards from the app.</summary>
    public string? Directory { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database the app uses (setting Database:Provider), and its connection string.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings From(IConfiguration configuration, string dataDirectory)
    {
        var name = configuration["Database:Provider"];
        if (!Enum.TryParse<DatabaseProvider>(string.IsNullOrWhiteSpace(name) ? nameof(DatabaseProvider.Sqlite) : name,
                ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException($"Database:Provider「{name}」は使えません。Sqlite または Postgres を指定してください。");
        }
        var configured = configuration.GetConnectionString("Roadmap");
        if (provider == DatabaseProvider.Sqlite)
        {
            return new(provider, DataPaths.ConnectionString(configured, dataDirectory));
        }
        if (string.IsNullOrWhiteSpace(configured) || configured.Contains(DataPaths.Placeholder, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "Database:Provider=Postgres には ConnectionStrings:Roadmap に PostgreSQL の接続文字列 (Host=…;Database=…;Username=…;Password=…) が必要です。");
        }
        return new(provider, configured);
    }
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

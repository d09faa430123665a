using DxRoadmap.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DxRoadmap.Tests.Support;

/// <summary>
/// A fresh PostgreSQL database per test on the server named by DXROADMAP_POSTGRES, copied from a template
/// migrated once per run (a copy takes a fraction of a migration), and dropped afterwards. Without the variable
/// the test is skipped, unless DXROADMAP_REQUIRE_POSTGRES=1 (CI) makes that a failure.
/// </summary>
public sealed class PostgresDatabase : TestDatabase
{
    public const string Variable = "DXROADMAP_POSTGRES";

    private static readonly Lazy<string> Template = new(CreateTemplate);
    private static readonly Lock CopyLock = new();

    private readonly string _connectionString;
    private readonly DbContextOptions<RoadmapDbContext> _options;

    private PostgresDatabase(string connectionString)
    {
        _connectionString = connectionString;
        _options = new DbContextOptionsBuilder<RoadmapDbContext>().UseNpgsql(connectionString).Options;
    }

    /// <summary>The server's connection string, or a skip (a failure in CI) when none is configured.</summary>
    public static string ServerConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }
        if (Environment.GetEnvironmentVariable("DXROADMAP_REQUIRE_POSTGRES") == "1")
        {
            throw new InvalidOperationException($"{Variable} is not set, and DXROADMAP_REQUIRE_POSTGRES=1 requires PostgreSQL.");
        }
        Assert.Skip($"PostgreSQL not configured: set {Variable}=\"Host=…;Username=…;Password=…;Database=…\" to run this test on it.");
        return null!;
    }

    public static PostgresDatabase Create()
    {
        var template = Template.Value;
        var name = "dxroadmap_test_" + Guid.NewGuid().ToString("N");
        // A template may be copied by one CREATE DATABASE at a time.
        lock (CopyLock)
        {
            Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        return new PostgresDatabase(WithDatabase(name));
    }

    /// <summary>A new empty database on the server, for an app under test to migrate itself; drop it with <see cref="Drop"/>.</summary>
    public static string CreateBlank()
    {
        var name = "dxroadmap_test_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\"");
        return WithDatabase(name);
    }

    public override RoadmapDbContext CreateDbContext() => new PostgresRoadmapDbContext(_options);

    public override RoadmapDbContext CreateDbContext(IInterceptor interceptor) =>
        new PostgresRoadmapDbContext(new DbContextOptionsBuilder<RoadmapDbContext>().UseNpgsql(_connectionString).AddInterceptors(interceptor).Options);

    /// <summary>The database's name on the server, for the fault-injection helpers below.</summary>
    public string Name => new NpgsqlConnectionStringBuilder(_connectionString).Database!;

    /// <summary>Ends every connection to the database but <paramref name="except"/>, as a server crash would.</summary>
    public static void TerminateConnections(string database, int except = 0) => Execute(
        $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> {except}");

    /// <summary>
    /// Opens a transaction on <paramref name="locker"/> that lets reads of Milestones through but makes every
    /// UPDATE of it wait: a save then waits inside its own transaction, after its other rows were written.
    /// </summary>
    public static async Task HoldMilestoneWritesAsync(NpgsqlConnection locker)
    {
        await using var command = new NpgsqlCommand("BEGIN; LOCK TABLE \"Milestones\" IN EXCLUSIVE MODE", locker);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until at least <paramref name="count"/> connections to the database wait for a lock.</summary>
    public static async Task WaitForLockWaitersAsync(string database, int count)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var connection = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = "postgres", Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' AND wait_event_type = 'Lock'", connection);
            if ((long)(await command.ExecuteScalarAsync())! >= count)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"fewer than {count} connections ever waited for the lock");
    }

    public override void Dispose() => Drop(_connectionString);

    public static void Drop(string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        Execute($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");
    }

    private static string CreateTemplate()
    {
        var name = $"dxroadmap_template_{Environment.ProcessId}_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE \"{name}\"");
        var connectionString = WithDatabase(name);
        using (var db = new PostgresRoadmapDbContext(new DbContextOptionsBuilder<RoadmapDbContext>().UseNpgsql(connectionString).Options))
        {
            db.Database.Migrate();
        }
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(connectionString);
        return name;
    }

    private static string WithDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = name }.ConnectionString;

    /// <summary>Runs a statement on the server's maintenance database (database commands cannot run inside the target).</summary>
    internal static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

using Microsoft.Data.Sqlite;
using Npgsql;

namespace DxRoadmap.Tests.Support;

/// <summary>
/// The app's database taken away and given back while the app runs, as an operator or a crash would. A save the
/// user starts during <see cref="InterruptAsync"/> is in flight when the fault strikes: it has reached the
/// database and is waiting there when its connection dies (PostgreSQL) or its lock wait runs out (SQLite).
/// </summary>
public abstract class DatabaseOutage : IAsyncDisposable
{
    /// <summary>
    /// Runs <paramref name="startSave"/> (which starts a save and does not wait for it) and brings the database
    /// down under it; the database stays down until <see cref="EndAsync"/>.
    /// </summary>
    public abstract Task InterruptAsync(Func<Task> startSave);

    /// <summary>The database answers again.</summary>
    public abstract Task EndAsync();

    public abstract ValueTask DisposeAsync();

    public static DatabaseOutage For(AppFactory factory) => factory.PostgresConnectionString is { } postgres
        ? new PostgresOutage(postgres)
        : new SqliteOutage(factory.DatabasePath);

    /// <summary>
    /// PostgreSQL: a table lock holds the save on the server inside its transaction (reads pass, the UPDATE of the
    /// milestone waits), then every connection of the app is terminated and
    /// the database refuses new ones (ALTER DATABASE … ALLOW_CONNECTIONS false), as if the server had gone away.
    /// </summary>
    private sealed class PostgresOutage(string connectionString) : DatabaseOutage
    {
        private readonly string _database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        private bool _down;

        public override async Task InterruptAsync(Func<Task> startSave)
        {
            await using var locker = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await locker.OpenAsync();
            await PostgresDatabase.HoldMilestoneWritesAsync(locker);
            await startSave();
            await PostgresDatabase.WaitForLockWaitersAsync(_database, 1);
            _down = true;
            PostgresDatabase.Execute($"ALTER DATABASE \"{_database}\" ALLOW_CONNECTIONS false");
            PostgresDatabase.TerminateConnections(_database, except: locker.ProcessID);
            // The lock holder goes last, rolling back: nothing of its own is left behind.
        }

        public override Task EndAsync()
        {
            PostgresDatabase.Execute($"ALTER DATABASE \"{_database}\" ALLOW_CONNECTIONS true");
            _down = false;
            return Task.CompletedTask;
        }

        public override async ValueTask DisposeAsync()
        {
            if (_down)
            {
                await EndAsync();
            }
        }
    }

    /// <summary>SQLite: another connection takes the file's exclusive lock and holds it; the app's waits run out.</summary>
    private sealed class SqliteOutage(string path) : DatabaseOutage
    {
        private SqliteConnection? _locker;

        public override async Task InterruptAsync(Func<Task> startSave)
        {
            // The app runs in this process: its idle pooled connections are closed first, as a restart of the other
            // program holding the file would find them. In WAL mode an exclusive lock then keeps every reader out.
            SqliteConnection.ClearAllPools();
            _locker = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=10");
            await _locker.OpenAsync();
            await using (var command = _locker.CreateCommand())
            {
                command.CommandText = "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM Milestones;";
                await command.ExecuteScalarAsync();
            }
            await startSave();
        }

        public override async Task EndAsync()
        {
            if (_locker is null)
            {
                return;
            }
            await using (var command = _locker.CreateCommand())
            {
                command.CommandText = "ROLLBACK";
                await command.ExecuteNonQueryAsync();
            }
            await _locker.DisposeAsync();
            _locker = null;
        }

        public override async ValueTask DisposeAsync() => await EndAsync();
    }
}

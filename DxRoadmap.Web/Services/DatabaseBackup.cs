using DxRoadmap.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>
/// A consistent copy of the live SQLite database with VACUUM INTO: one read transaction, so the copy is a
/// snapshot even while the app writes, and the WAL's contents are included. PostgreSQL is backed up with its
/// own tool, pg_dump (README).
/// </summary>
public sealed class DatabaseBackup(IDbContextFactory<RoadmapDbContext> factory, DatabaseSettings settings)
{
    public const string SqliteOnly =
        "backup コマンドは SQLite 専用です。PostgreSQL では pg_dump を使ってください (README「When one machine is not enough」)。";

    public async Task<FileInfo> BackupAsync(string outputPath, CancellationToken cancellationToken = default)
    {
        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            throw new NotSupportedException(SqliteOnly);
        }
        var target = Path.GetFullPath(outputPath);
        if (File.Exists(target))
        {
            throw new IOException($"バックアップ先 {target} は既に存在します。別の名前を指定してください。");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {target}", cancellationToken);
        return new FileInfo(target);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>
/// The 管理 page's backup button: a <see cref="DatabaseBackup"/> copy under <c>data/backups/</c>, audited, then
/// offered for download by name. Only names this class made can be downloaded, so no path reaches the disk.
/// </summary>
public sealed partial class BackupDownloads(DatabaseBackup backup, IDbContextFactory<RoadmapDbContext> factory,
    DataLocation data, TimeProvider time, ILogger<BackupDownloads> logger)
{
    public string Folder => Path.Combine(data.Directory, "backups");

    public async Task<(CommandResult Result, string? FileName)> CreateAsync(ICurrentUser admin, CancellationToken cancellationToken = default)
    {
        if (!admin.Can(RoadmapAction.Backup))
        {
            return (CommandResult.Denied(RoadmapAction.Backup), null);
        }
        var name = "roadmap-" + time.GetLocalNow().ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture) + ".db";
        try
        {
            var file = await backup.BackupAsync(Path.Combine(Folder, name), cancellationToken);
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            db.AuditEntries.Add(new AuditEntry
            {
                At = time.GetUtcNow(),
                Actor = admin.Name,
                Entity = "バックアップ",
                EntityId = name,
                Field = "作成",
                NewValue = file.Length.ToString("#,0", CultureInfo.InvariantCulture) + " バイト",
            });
            await db.SaveChangesAsync(cancellationToken);
            return (CommandResult.Ok($"バックアップ {name} を作成しました。"), name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            logger.LogError(ex, "Backup failed");
            return (CommandResult.Fail("バックアップを作成できませんでした。保存先の空き容量と権限を確認してください。"), null);
        }
    }

    /// <summary>The file for a name this class made, or null for anything else.</summary>
    public string? Find(string name) =>
        BackupName().IsMatch(name) && File.Exists(Path.Combine(Folder, name)) ? Path.Combine(Folder, name) : null;

    [GeneratedRegex(@"^roadmap-\d{8}-\d{6}-\d{3}\.db$")]
    private static partial Regex BackupName();
}

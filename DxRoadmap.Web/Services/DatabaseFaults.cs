using System.Data.Common;
using DxRoadmap.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>
/// The one test for "the database could not be reached or answered in time", whichever provider raised it
/// (SqliteException and NpgsqlException are both <see cref="DbException"/>s; EF wraps them in
/// <see cref="DbUpdateException"/> or, with a retrying strategy, <see cref="InvalidOperationException"/>).
/// Pages and services use it instead of naming a provider's exception.
/// </summary>
public static class DatabaseFaults
{
    public const string Message = "データベースに接続できません。接続が戻ると自動で表示し直します。";

    public const string SaveMessage =
        "データベースに接続できないため保存できませんでした。入力内容はこの画面に残っています。接続が戻ってから、もう一度「保存」を押してください。";

    /// <summary>What a form tells its user when a save threw: nothing was saved, and why in words they can act on.</summary>
    public static string SaveFailed(Exception exception) => IsFault(exception)
        ? SaveMessage
        : "保存できませんでした。入力内容を確認して、もう一度お試しください。";

    public static bool IsFault(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException or TimeoutException)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>Asks the database one small real question: a page waiting for the database to come back uses it.</summary>
public sealed class DatabaseProbe(IDbContextFactory<RoadmapDbContext> factory)
{
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            // A table read, not "SELECT 1": a locked SQLite file still opens and answers a constant.
            await db.DataStamps.AsNoTracking().AnyAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (DatabaseFaults.IsFault(ex))
        {
            return false;
        }
    }
}

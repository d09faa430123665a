using System.Globalization;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Data.Peers;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Services.Peers;

/// <summary>What importing a table would do: refused (with the reason or the cells' problems), or the table to keep.</summary>
public sealed record PeerImportPreview(
    string? Refusal,
    IReadOnlyList<PeerProblem> Problems,
    PeerTable? Table,
    PeerStanding? Standing,
    bool Replaces,
    bool NeedsReplaceConfirmation)
{
    public bool IsRefused => Refusal is not null || Problems.Count > 0 || NeedsReplaceConfirmation;

    public bool CanApply => !IsRefused && Table is not null;

    /// <summary>One sentence for the page and the command line.</summary>
    public string Summary => Refusal
        ?? (Problems.Count > 0
            ? $"問題が {Problems.Count}{(Problems.Count >= PeerTableFile.MaxProblems ? " 件以上" : " 件")}あるため取り込めません。すべて直してから、もう一度取り込んでください (何も保存していません)。"
            : Table is { } t
                ? $"{t.MonthText} 時点の表 ({t.Rows.Count:N0} 団体、{t.PrefectureCount} 都道府県) を{(Replaces ? "置き換えて" : "")}取り込みます。"
                : "");

    public static PeerImportPreview Refused(string message) => new(message, [], null, null, false, false);
}

public sealed record PeerImportResult(bool Succeeded, string Message, PeerImportPreview Preview);

/// <summary>An imported 時点 as the list of tables shows it.</summary>
public sealed record PeerTableInfo(string Month, int Rows, DateTimeOffset ImportedAt, string ImportedBy, string? FileName);

/// <summary>
/// The published tables of 完了率 by 団体: import (checked in full first, saved in one transaction, every 時点 kept)
/// and the city's standing beside its 県 and the nation at a date.
/// </summary>
public sealed class PeerRates(IDbContextFactory<RoadmapDbContext> factory, AppClock clock, IOptions<CityOptions> city,
    ILogger<PeerRates> logger)
{
    public const string AuditEntity = "他団体の完了率";

    private string Prefecture => city.Value.Prefecture;

    private string City => city.Value.Name;

    /// <summary>Reads <paramref name="month"/> (YYYY-MM) as the first day of that month; null when it is not one.</summary>
    public static DateOnly? ParseMonth(string? month) =>
        month is { Length: PeerRateTable.MonthLength }
        && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    /// <summary>Checks the file and says what importing it would do. Saves nothing.</summary>
    public async Task<PeerImportPreview> PreviewAsync(byte[] file, string month, bool replace, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await CheckAsync(db, file, month, replace, user, cancellationToken);
    }

    /// <summary>Checks the file again (the file is applied, not an earlier preview) and keeps its table in one transaction.</summary>
    public async Task<PeerImportResult> ApplyAsync(byte[] file, string month, bool replace, ICurrentUser user, string? fileName = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var preview = await CheckAsync(db, file, month, replace, user, cancellationToken);
        if (!preview.CanApply || preview.Table is not { } table)
        {
            return new PeerImportResult(false, preview.Summary, preview);
        }
        var entity = new PeerRateTable
        {
            Month = table.MonthText,
            Businesses = string.Join('\t', table.Businesses),
            ImportedAt = clock.Now,
            ImportedBy = user.Name,
            FileName = fileName is null ? null : Truncate(Path.GetFileName(fileName), 260),
        };
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var replaced = await db.Set<PeerRateTable>().Where(t => t.Month == entity.Month).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (replaced is { } oldId)
            {
                await db.Set<PeerRateEntry>().Where(e => e.TableId == oldId).ExecuteDeleteAsync(cancellationToken);
                await db.Set<PeerRateTable>().Where(t => t.Id == oldId).ExecuteDeleteAsync(cancellationToken);
            }
            db.Set<PeerRateTable>().Add(entity);
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.Now,
                Actor = user.Name,
                Entity = AuditEntity,
                EntityId = entity.Month,
                Field = replaced is null ? "取込" : "取込 (置き換え)",
                NewValue = $"{table.Rows.Count} 団体 ({table.PrefectureCount} 都道府県)" + (entity.FileName is { } f ? $" {f}" : ""),
            });
            await db.SaveChangesAsync(cancellationToken);
            await InsertEntriesAsync(db, entity.Id, table.Rows, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Two imports of one 時点 at once: the unique month lets one through; the other saves nothing.
            logger.LogWarning(ex, "Importing the peer table of {Month} failed", entity.Month);
            return new PeerImportResult(false,
                $"{entity.Month} 時点の表を取り込めませんでした (何も保存していません)。同じ時点を他の利用者が取り込んだ可能性があります。一覧を確かめてから、もう一度お試しください。",
                preview);
        }
        logger.LogInformation("{User} imported the peer table of {Month} ({Rows} rows)", user.Name, entity.Month, table.Rows.Count);
        return new PeerImportResult(true,
            $"{entity.Month} 時点の表 ({table.Rows.Count:N0} 団体) を{(preview.Replaces ? "置き換えて" : "")}取り込みました。", preview);
    }

    /// <summary>Rows written per INSERT: a national table is 18 statements instead of 1,741 tracked entities.</summary>
    private const int RowsPerInsert = 100;

    /// <summary>
    /// Writes the 団体's lines with multi-row INSERTs (the same SQL on SQLite and PostgreSQL, all values parameters):
    /// tracking 1,741 entities through the change tracker and the audit collector took most of the import's time.
    /// </summary>
    private static async Task InsertEntriesAsync(RoadmapDbContext db, int tableId, IReadOnlyList<PeerRate> rows,
        CancellationToken cancellationToken)
    {
        for (var start = 0; start < rows.Count; start += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, rows.Count - start);
            var sql = new System.Text.StringBuilder(
                "INSERT INTO \"PeerRateEntries\" (\"TableId\", \"Line\", \"Prefecture\", \"Municipality\", \"Overall\", \"Rates\") VALUES ");
            var values = new object[count * 6];
            for (var i = 0; i < count; i++)
            {
                var row = rows[start + i];
                var p = i * 6;
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                    $"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}})");
                values[p] = tableId;
                values[p + 1] = start + i + 1;
                values[p + 2] = row.Prefecture;
                values[p + 3] = row.Municipality;
                values[p + 4] = row.Overall;
                values[p + 5] = string.Join(';', row.Businesses.Select(b => b.ToString("R", CultureInfo.InvariantCulture)));
            }
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, cancellationToken);
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private async Task<PeerImportPreview> CheckAsync(RoadmapDbContext db, byte[] file, string month, bool replace, ICurrentUser user,
        CancellationToken cancellationToken)
    {
        if (!user.Can(RoadmapAction.WriteFindings))
        {
            return PeerImportPreview.Refused("他団体の完了率を取り込む権限がありません (推進課・管理者のみ)。");
        }
        if (ParseMonth(month) is not { } day)
        {
            return PeerImportPreview.Refused($"時点「{month}」は YYYY-MM の形で指定してください (例: 2026-01)。");
        }
        if (day > clock.Today)
        {
            return PeerImportPreview.Refused($"時点 {month} はまだ来ていません。表の時点 (公表された月) を指定してください。");
        }
        var businesses = await db.StandardSystems.AsNoTracking().OrderBy(s => s.Order).ThenBy(s => s.Id)
            .Select(s => s.Name).ToListAsync(cancellationToken);
        if (businesses.Count == 0)
        {
            return PeerImportPreview.Refused("計画に標準化の業務が登録されていないため、比べる業務がありません。");
        }
        var read = PeerTableFile.LooksLikeWorkbook(file)
            ? PeerTableFile.ReadXlsx(file, day, businesses)
            : PeerTableFile.ReadCsv(file, day, businesses);
        if (read.Refusal is { } refusal)
        {
            return PeerImportPreview.Refused(refusal);
        }
        if (read.Table is not { } table)
        {
            return new PeerImportPreview(null, read.Problems, null, null, false, false);
        }
        if (table.Find(Prefecture, City) is null)
        {
            return PeerImportPreview.Refused(
                $"表に{City} ({Prefecture}) の行がありません。都道府県「{Prefecture}」、市区町村「{City}」の行を含む表を取り込んでください。");
        }
        var existing = await db.Set<PeerRateTable>().AsNoTracking().Where(t => t.Month == table.MonthText)
            .Select(t => new { t.ImportedAt, t.ImportedBy }).SingleOrDefaultAsync(cancellationToken);
        var previous = await LoadBeforeAsync(db, table.MonthText, cancellationToken);
        var standing = PeerComparison.Compare(table, Prefecture, City, previous);
        if (existing is not null && !replace)
        {
            return new PeerImportPreview(
                $"{table.MonthText} 時点の表はすでに取り込まれています ({JapaneseDates.Day(DateOnly.FromDateTime(existing.ImportedAt.DateTime))} {existing.ImportedBy})。"
                + "置き換えてよければ、置き換えを確認してもう一度取り込んでください (コマンドラインでは --replace)。",
                [], table, standing, true, NeedsReplaceConfirmation: true);
        }
        return new PeerImportPreview(null, [], table, standing, existing is not null, false);
    }

    /// <summary>The 時点 kept, newest first.</summary>
    public async Task<IReadOnlyList<PeerTableInfo>> TablesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tables = await db.Set<PeerRateTable>().AsNoTracking()
            .Select(t => new PeerTableInfo(t.Month, t.Entries.Count, t.ImportedAt, t.ImportedBy, t.FileName))
            .ToListAsync(cancellationToken);
        return tables.OrderByDescending(t => t.Month, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The city beside its peers in the newest table whose 時点 is not after <paramref name="asOf"/> (all tables when
    /// null), with the change since the table before it; null when no such table is kept.
    /// </summary>
    public async Task<PeerStanding?> StandingAsync(DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var months = await db.Set<PeerRateTable>().AsNoTracking().Select(t => t.Month).ToListAsync(cancellationToken);
        var limit = asOf is { } day ? PeerComparison.MonthText(day) : null;
        var month = months.Where(m => limit is null || string.CompareOrdinal(m, limit) <= 0).Order(StringComparer.Ordinal).LastOrDefault();
        if (month is null || await LoadAsync(db, month, cancellationToken) is not { } table)
        {
            return null;
        }
        return PeerComparison.Compare(table, Prefecture, City, await LoadBeforeAsync(db, month, cancellationToken));
    }

    private static async Task<PeerTable?> LoadBeforeAsync(RoadmapDbContext db, string month, CancellationToken cancellationToken)
    {
        var before = await db.Set<PeerRateTable>().AsNoTracking().Where(t => string.Compare(t.Month, month) < 0)
            .OrderByDescending(t => t.Month).Select(t => t.Month).FirstOrDefaultAsync(cancellationToken);
        return before is null ? null : await LoadAsync(db, before, cancellationToken);
    }

    private static async Task<PeerTable?> LoadAsync(RoadmapDbContext db, string month, CancellationToken cancellationToken)
    {
        var table = await db.Set<PeerRateTable>().AsNoTracking().SingleOrDefaultAsync(t => t.Month == month, cancellationToken);
        if (table is null || ParseMonth(table.Month) is not { } day)
        {
            return null;
        }
        var entries = await db.Set<PeerRateEntry>().AsNoTracking().Where(e => e.TableId == table.Id).OrderBy(e => e.Line)
            .ToListAsync(cancellationToken);
        return new PeerTable(day, table.Businesses.Split('\t'),
            entries.Select(e => new PeerRate(e.Prefecture, e.Municipality, e.Overall,
                e.Rates.Split(';').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList())).ToList());
    }
}

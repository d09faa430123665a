using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>Filters for the audit log; dates are Japan calendar days, both ends included.</summary>
public sealed record AuditQuery(string? Actor = null, string? Entity = null, string? Text = null,
    DateOnly? From = null, DateOnly? To = null);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total);

/// <summary>Reads the audit log, newest first. There is deliberately no way to change or delete it.</summary>
public sealed class AuditLogReader(IDbContextFactory<RoadmapDbContext> factory)
{
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    public async Task<AuditPage> SearchAsync(AuditQuery query, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            rows = rows.Where(a => a.Actor.Contains(query.Actor.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(query.Entity))
        {
            rows = rows.Where(a => a.Entity == query.Entity);
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            rows = rows.Where(a => (a.EntityId != null && a.EntityId.Contains(text)) || a.Field.Contains(text)
                || (a.OldValue != null && a.OldValue.Contains(text)) || (a.NewValue != null && a.NewValue.Contains(text))
                || (a.Reason != null && a.Reason.Contains(text)));
        }
        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Japan);
            rows = rows.Where(a => a.At >= start);
        }
        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), Japan);
            rows = rows.Where(a => a.At < end);
        }
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new AuditPage(items, total);
    }

    public async Task<IReadOnlyList<string>> EntitiesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.Select(a => a.Entity).Distinct().OrderBy(e => e).ToListAsync(cancellationToken);
    }
}

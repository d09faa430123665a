using System.Data.Common;
using DxRoadmap.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DxRoadmap.Tests.Support;

/// <summary>
/// A context factory whose contexts, the first time one of them is about to begin a transaction (it has read what it
/// needs and is about to write), first let <paramref name="between"/> run to the end on contexts of its own: another
/// user's whole command landing inside this one's, at the worst moment, on either provider.
/// </summary>
public sealed class Interleaved(TestDatabase database, Func<Task> between) : IDbContextFactory<RoadmapDbContext>
{
    private Func<Task>? _pending = between;

    /// <summary>Whether <c>between</c> has run.</summary>
    public bool Ran => _pending is null;

    public RoadmapDbContext CreateDbContext() => database.CreateDbContext(new Hook(this));

    private sealed class Hook(Interleaved owner) : DbTransactionInterceptor
    {
        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref owner._pending, null) is { } run)
            {
                await run();
            }
            return result;
        }
    }
}

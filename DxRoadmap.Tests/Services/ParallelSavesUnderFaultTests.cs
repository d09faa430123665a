using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DxRoadmap.Tests.Services;

/// <summary>
/// Fifty people saving at once on PostgreSQL, the same and different milestones, while the server's connections
/// are cut halfway with saves waiting inside their transactions. Afterwards the data, its history and the audit
/// log must tell one story: every save the service acknowledged is there once, every refused one not at all.
/// </summary>
public sealed class ParallelSavesUnderFaultTests
{
    private const int Saves = 50;
    private const int Milestones = 10;

    private sealed record Outcome(int Index, int MilestoneId, string Note, bool Acknowledged, string What);

    [Fact]
    public async Task FiftySaves_ConnectionsCutHalfway_AcknowledgedSavesAreKeptWhole_RefusedOnesLeaveNoTrace()
    {
        using var database = (PostgresDatabase)await TestDatabase.CreateSeededAsync(TestProvider.Postgres, sampleProgress: true);
        var editing = new MilestoneEditing(database, new AppClock(FixedTime.On("2026-12-01")),
            Options.Create(DelayThresholds.Default), NullLogger<MilestoneEditing>.Instance);
        List<int> ids;
        long auditBefore;
        await using (var db = database.CreateDbContext())
        {
            // Finished items: a note can be saved on them without the late-item rules asking for a reason.
            ids = await db.Milestones.Where(m => m.Status == MilestoneStatus.Done && m.ExternalActor == null)
                .OrderBy(m => m.Id).Select(m => m.Id).Take(Milestones).ToListAsync();
            auditBefore = await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
        }
        Assert.Equal(Milestones, ids.Count);

        async Task<Outcome> SaveAsync(int i)
        {
            var id = ids[i % Milestones];
            var note = $"並行保存 {i:00}";
            try
            {
                var loaded = (await editing.LoadAsync(id))!;
                var model = MilestoneEditModel.From(loaded.Milestone);
                model.Note = note;
                var result = await editing.SaveAsync(id, model, loaded.Token, TestUser.Editor($"職員{i:00}"));
                return new(i, id, note, result.Succeeded, result.Succeeded ? "saved" : result.Conflict is null ? "failed" : "conflict");
            }
            catch (Exception ex) when (DatabaseFaults.IsFault(ex))
            {
                return new(i, id, note, false, "fault");
            }
        }

        // First half: plain contention. Second half: every UPDATE of a milestone is held, the saves queue up
        // inside their transactions (their history and audit rows already sent), and then the connections die.
        var first = await Task.WhenAll(Enumerable.Range(0, Saves / 2).Select(i => Task.Run(() => SaveAsync(i))));
        List<Outcome> second;
        await using (var locker = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresDatabase.ServerConnectionString())
                     { Database = database.Name, Pooling = false }.ConnectionString))
        {
            await locker.OpenAsync();
            await PostgresDatabase.HoldMilestoneWritesAsync(locker);
            var pending = Enumerable.Range(Saves / 2, Saves / 2).Select(i => Task.Run(() => SaveAsync(i))).ToList();
            await PostgresDatabase.WaitForLockWaitersAsync(database.Name, 5);
            PostgresDatabase.TerminateConnections(database.Name, except: locker.ProcessID);
            await using (var release = new NpgsqlCommand("ROLLBACK", locker))
            {
                await release.ExecuteNonQueryAsync();
            }
            second = [.. await Task.WhenAll(pending)];
        }
        var outcomes = first.Concat(second).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ",
            outcomes.GroupBy(o => o.What).Select(g => $"{g.Key} {g.Count()}")));

        await using var check = database.CreateDbContext();
        var audit = await check.AuditEntries.Where(a => a.Id > auditBefore && a.Field == MilestoneFields.Note)
            .Select(a => new { a.Id, a.EntityId, a.NewValue }).ToListAsync();
        var history = (await check.ProgressUpdates.Where(u => ids.Contains(u.MilestoneId)).ToListAsync())
            .SelectMany(u => u.Changes.Select(c => (u.MilestoneId, c.NewValue))).ToList();
        foreach (var outcome in outcomes)
        {
            var inAudit = audit.Count(a => a.NewValue == outcome.Note);
            var inHistory = history.Count(h => h.NewValue == outcome.Note);
            Assert.True((inAudit, inHistory) == (outcome.Acknowledged ? (1, 1) : (0, 0)),
                $"save {outcome.Index} ({outcome.What}): audit {inAudit}, history {inHistory}");
        }
        // The last acknowledged save of each milestone (in audit order) is what the milestone holds now.
        var milestones = await check.Milestones.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        foreach (var id in ids)
        {
            var last = audit.Where(a => a.EntityId == milestones[id].Code).MaxBy(a => a.Id);
            if (last is not null)
            {
                Assert.Equal(last.NewValue, milestones[id].Note);
            }
        }
        Assert.Equal(outcomes.Count(o => o.Acknowledged), audit.Count);
        // The cut really struck saves in flight, and the first half really saved something.
        Assert.Contains(second, o => o.What is "fault" or "failed");
        Assert.Contains(first, o => o.Acknowledged);
    }
}

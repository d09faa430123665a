using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Services;

public class AuditLogTests
{
    /// <summary>The database the tests run on; the subclass below runs them all again on PostgreSQL.</summary>
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    [Fact]
    public async Task ChangingAMilestone_WritesOneRowPerChangedField_UnderTheActingUser()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        int id;
        await using (var db = database.CreateDbContext())
        {
            var milestone = await db.Milestones.OrderBy(m => m.Id).FirstAsync();
            id = milestone.Id;
            milestone.Progress = 40;
            milestone.Status = MilestoneStatus.InProgress;
            milestone.DelayReason = "<script>alert(1)</script>";
            using (AuditActor.Begin("editor1", "部会前の更新"))
            {
                await db.SaveChangesAsync();
            }
        }

        await using var check = database.CreateDbContext();
        var code = await check.Milestones.Where(m => m.Id == id).Select(m => m.Code).SingleAsync();
        var rows = await check.AuditEntries.Where(a => a.EntityId == code).OrderBy(a => a.Field).ToListAsync();
        Assert.Equal(["状態", "進捗率", "遅延理由"], rows.Select(r => r.Field).Order());
        Assert.All(rows, r => Assert.Equal("editor1", r.Actor));
        Assert.All(rows, r => Assert.Equal("工程", r.Entity));
        Assert.All(rows, r => Assert.Equal("部会前の更新", r.Reason));
        var status = rows.Single(r => r.Field == "状態");
        Assert.Equal(("未着手", "進行中"), (status.OldValue, status.NewValue));
        Assert.Equal("<script>alert(1)</script>", rows.Single(r => r.Field == "遅延理由").NewValue);
    }

    [Fact]
    public async Task WithoutAnActingUser_TheMilestonesUpdatedByIsTheActor()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        await using (var db = database.CreateDbContext())
        {
            var milestone = await db.Milestones.OrderBy(m => m.Id).FirstAsync();
            milestone.Note = "備考を追記";
            milestone.UpdatedBy = "推進課 山田";
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateDbContext();
        var row = await check.AuditEntries.SingleAsync();
        Assert.Equal(("推進課 山田", "備考"), (row.Actor, row.Field));
    }

    [Fact]
    public async Task AChangeAttachedWithUpdate_IsComparedWithTheDatabase()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        Department department;
        await using (var db = database.CreateDbContext())
        {
            department = await db.Departments.AsNoTracking().OrderBy(d => d.Id).FirstAsync();
        }
        var oldDivision = department.Division;
        department.Division = "新しい部";
        await using (var db = database.CreateDbContext())
        {
            db.Update(department);
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateDbContext();
        var row = await check.AuditEntries.SingleAsync();
        Assert.Equal(("課", "部", oldDivision, "新しい部"), (row.Entity, row.Field, row.OldValue, row.NewValue));
    }

    [Fact]
    public async Task ARefusedChange_LeavesNoAuditRow_AndTheContextDoesNotRetryIt()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        await using var first = database.CreateDbContext();
        await using var second = database.CreateDbContext();
        var a = await first.Milestones.OrderBy(m => m.Id).FirstAsync();
        var b = await second.Milestones.OrderBy(m => m.Id).FirstAsync();

        a.Progress = 10;
        a.Version = Guid.NewGuid();
        await first.SaveChangesAsync();
        b.Progress = 90;
        b.Version = Guid.NewGuid();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.CreateDbContext();
        var rows = await check.AuditEntries.ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal("10", row.NewValue);
        Assert.Empty(second.ChangeTracker.Entries<AuditEntry>());
    }

    [Fact]
    public async Task AuditRows_CommitOrRollBackWithTheChangeInAnOuterTransaction()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        await using (var db = database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var milestone = await db.Milestones.OrderBy(m => m.Id).FirstAsync();
            milestone.Progress = 55;
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var check = database.CreateDbContext();
        Assert.Empty(await check.AuditEntries.ToListAsync());
        Assert.DoesNotContain(await check.Milestones.Select(m => m.Progress).ToListAsync(), p => p == 55);
    }

    [Fact]
    public async Task CreatingAndDeleting_AreRecordedWithTheEntitysName()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        await using (var db = database.CreateDbContext())
        {
            db.Departments.Add(new Department { Name = "テスト課", Division = "総務部" });
            await db.SaveChangesAsync();
            db.Departments.Remove(await db.Departments.SingleAsync(d => d.Name == "テスト課"));
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateDbContext();
        var rows = await check.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([(AuditEvents.Created, null, "総務部 テスト課"), (AuditEvents.Deleted, "総務部 テスト課", null)],
            rows.Select(r => (r.Field, r.OldValue, r.NewValue)));
        Assert.All(rows, r => Assert.Equal("テスト課", r.EntityId));
    }

    [Fact]
    public async Task Seeding_WritesNoRowPerEntity()
    {
        using var factory = new AppFactory();
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DxRoadmap.Web.Data.RoadmapDbContext>();

        var rows = await db.AuditEntries.ToListAsync();

        var row = Assert.Single(rows);
        Assert.Equal("初期データ読込", row.Field);
    }
}

/// <summary>The same tests on a real PostgreSQL server (skipped when none is configured).</summary>
public sealed class AuditLogTestsOnPostgres : AuditLogTests
{
    protected override TestProvider Provider => TestProvider.Postgres;
}

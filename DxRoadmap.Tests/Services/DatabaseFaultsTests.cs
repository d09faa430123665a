using DxRoadmap.Web.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DxRoadmap.Tests.Services;

public class DatabaseFaultsTests
{
    public static TheoryData<string, Exception, bool> Cases => new()
    {
        { "SQLite busy", new SqliteException("database is locked", 5), true },
        { "PostgreSQL connection refused", new NpgsqlException("Failed to connect"), true },
        { "EF save wrapping PostgreSQL", new DbUpdateException("save failed", new NpgsqlException("terminating connection")), true },
        { "EF retry wrapping SQLite", new InvalidOperationException("transient", new SqliteException("locked", 5)), true },
        { "command timeout", new TimeoutException(), true },
        { "a bug, not the database", new InvalidOperationException("Sequence contains no elements"), false },
        { "bad argument", new ArgumentException("x"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsFault_NamesTheDatabaseWhicheverProviderRaisedIt(string what, Exception exception, bool expected) =>
        Assert.True(DatabaseFaults.IsFault(exception) == expected, what);

    [Fact]
    public void SaveFailed_ForAFault_SaysNothingWasSavedAndTheInputIsKept()
    {
        Assert.Contains("入力内容はこの画面に残っています", DatabaseFaults.SaveFailed(new NpgsqlException("gone")));
        Assert.DoesNotContain("データベース", DatabaseFaults.SaveFailed(new ArgumentException("x")));
    }
}

using System.Net;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Cli;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services;

namespace DxRoadmap.Tests.Web;

/// <summary>The app on PostgreSQL: its own migrations, the seed, the pages, and the SQLite-only parts refusing clearly.</summary>
public class PostgresAppTests
{
    [Fact]
    public async Task FreshDatabase_IsMigratedSeededAndThePagesRender()
    {
        using var factory = new AppFactory(TestProvider.Postgres);
        using var client = await factory.CreateLoggedInClientAsync(AppRoles.Editor);

        var dashboard = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var gantt = await client.GetAsync("/gantt", TestContext.Current.CancellationToken);

        Assert.Contains("行政手続きのオンライン化", dashboard);
        Assert.True(gantt.StatusCode == HttpStatusCode.OK, await gantt.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Backup_SaysItIsForSqliteOnly()
    {
        using var factory = new AppFactory(TestProvider.Postgres);
        var error = new StringWriter();

        var code = await BackupCommand.RunAsync(["--out", Path.GetTempFileName() + ".db"], factory.Services, TextWriter.Null, error);

        Assert.Equal(1, code);
        Assert.Contains(DatabaseBackup.SqliteOnly, error.ToString());
    }
}

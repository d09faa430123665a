using System.Net;
using DxRoadmap.Tests.Support;

namespace DxRoadmap.Tests.Web;

public class AppBootTests
{
    [Fact]
    public async Task FreshDatabase_IsCreatedSeededAndTheFirstPageListsTheFiveInitiatives()
    {
        using var factory = new AppFactory();
        using var client = await factory.CreateLoggedInClientAsync();

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(factory.DatabasePath));
        foreach (var title in new[] { "情報システムの標準化・共通化", "行政手続きのオンライン化", "AI・RPAの活用・推進",
                     "業務プロセスの変革とICTの推進", "セキュリティ対策の徹底" })
        {
            Assert.Contains(title, html);
        }
        Assert.DoesNotContain("sample-banner", html);
    }

    [Fact]
    public async Task Database_RunsInWalMode()
    {
        using var factory = new AppFactory();
        using var client = factory.CreateClient();
        await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Page_LinksNoAssetFromAnotherHost()
    {
        using var factory = new AppFactory();
        using var client = await factory.CreateLoggedInClientAsync();
        foreach (var path in new[] { "/", "/Account/Login" })
        {
            using var anonymous = factory.CreateClient();
            var html = await (path == "/" ? client : anonymous).GetStringAsync(path, TestContext.Current.CancellationToken);
            Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        }
    }
}

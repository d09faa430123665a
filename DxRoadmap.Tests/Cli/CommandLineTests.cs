using System.Net;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Cli;
using DxRoadmap.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Tests.Cli;

public class CommandLineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string DatabasePath => _folder.File("roadmap.db");

    private Task<WebApplication> HostAsync(string? database = null) => CliHost.BuildAsync(builder =>
    {
        builder.Configuration["Data:Directory"] = RepoPaths.DataDirectory;
        builder.Configuration["ConnectionStrings:Roadmap"] = $"Data Source={database ?? DatabasePath}";
        builder.Configuration["Security:KeysDirectory"] = _folder.File("keys");
    });

    private async Task<(int Code, string Out, string Error)> RunAsync(string stdin, params string[] args)
    {
        await using var host = await HostAsync();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await UserCommands.RunAsync(args, host.Services, new StringReader(stdin), output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task UserAdd_List_Disable_WorkAgainstTheDatabase()
    {
        var add = await RunAsync("kodomo-head-password\n", "add", "--name", "yamada", "--role", "DepartmentHead",
            "--department", "子どもみらい課", "--password-stdin");
        Assert.Equal(0, add.Code);
        Assert.Contains("所属長・子どもみらい課", add.Out);

        var list = await RunAsync("", "list");
        Assert.Contains("yamada\t所属長\t子どもみらい課\t有効", list.Out);

        var disable = await RunAsync("", "disable", "--name", "yamada");
        Assert.Equal(0, disable.Code);
        Assert.Contains("yamada\t所属長\t子どもみらい課\t無効", (await RunAsync("", "list")).Out);

        await using var host = await HostAsync();
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(a => a.EntityId == "yamada").Select(a => new { a.Field, a.Actor }).ToListAsync();
        Assert.Contains(audit, a => a.Field == "(作成)" && a.Actor.StartsWith("コマンドライン", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Field == "ロール追加");
        Assert.Contains(audit, a => a.Field == "無効");
    }

    [Theory]
    [InlineData("short-pw\n", new[] { "add", "--name", "a1", "--role", "Viewer", "--password-stdin" }, 1, "12文字以上")]
    [InlineData("long-enough-password\n", new[] { "add", "--name", "a2", "--role", "Boss", "--password-stdin" }, 2, "使い方")]
    [InlineData("long-enough-password\n", new[] { "add", "--name", "a3", "--role", "DepartmentHead", "--password-stdin" }, 1, "--department")]
    [InlineData("long-enough-password\n", new[] { "add", "--name", "a4", "--role", "Viewer", "--department", "存在しない課", "--password-stdin" }, 1, "存在しない課")]
    [InlineData("", new[] { "add", "--name", "a5", "--role", "Viewer", "--password-stdin" }, 1, "パスワード")]
    [InlineData("", new[] { "disable", "--name", "nobody" }, 1, "nobody")]
    [InlineData("", new[] { "remove" }, 2, "使い方")]
    public async Task BadInput_IsRefusedWithAJapaneseMessage(string stdin, string[] args, int code, string message)
    {
        var result = await RunAsync(stdin, args);

        Assert.Equal(code, result.Code);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Backup_IsAnOpenableCopyWithTheSameData_AndAFreshAppOnItAcceptsTheLogins()
    {
        Assert.Equal(0, (await RunAsync("restore-test-password\n", "add", "--name", "kato", "--role", "Editor", "--password-stdin")).Code);
        var copy = _folder.File("backup/roadmap-copy.db");
        await using (var host = await HostAsync())
        {
            var output = new StringWriter();
            Assert.Equal(0, await BackupCommand.RunAsync(["--out", copy], host.Services, output, new StringWriter()));
            Assert.Contains("バックアップを作成しました", output.ToString());
            // A second backup to the same file is refused rather than overwriting it.
            Assert.Equal(1, await BackupCommand.RunAsync(["--out", copy], host.Services, new StringWriter(), new StringWriter()));
        }

        Assert.Equal(await CountsAsync(DatabasePath), await CountsAsync(copy));

        // Restore = start the app on the copy: the plan is there and the account signs in.
        using var restored = new RestoredAppFactory(copy);
        using var client = restored.CreateManualClient();
        var login = await AppFactory.PostLoginAsync(client, "kato", "restore-test-password");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("情報システムの標準化・共通化", await client.GetStringAsync("/"));
    }

    private static async Task<string> CountsAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var counts = new List<string>();
        foreach (var table in new[] { "Milestones", "Departments", "AspNetUsers", "AspNetUserRoles", "AuditLog" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table}";
            counts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }
        return string.Join(",", counts);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private sealed class RestoredAppFactory(string database) : AppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Roadmap", $"Data Source={database}");
        }
    }
}

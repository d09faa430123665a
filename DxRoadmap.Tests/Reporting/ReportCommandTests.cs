using System.Globalization;
using ClosedXML.Excel;
using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Cli;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Tests.Reporting;

public class ReportCommandTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(TempFolder folder, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ReportCommand.RunAsync(args, output, error, builder =>
        {
            builder.Configuration["Data:Directory"] = RepoPaths.DataDirectory;
            builder.Configuration["ConnectionStrings:Roadmap"] = $"Data Source={folder.File("roadmap.db")}";
            builder.Configuration["Seed:SampleProgress"] = "true";
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--format", "docx", "--as-of", "2026-11-26", "形式「docx」")]
    [InlineData("--format", "xlsx", "--as-of", "2026-02-30", "基準日「2026-02-30」")]
    [InlineData("--format", "xlsx", "--as-of", "令和8年", "基準日「令和8年」")]
    [InlineData("--format", "xlsx", "--scope", "team:市民課", "対象「team:市民課」")]
    [InlineData("--formt", "xlsx", "--as-of", "2026-11-26", "不明な引数「--formt」")]
    [InlineData("--format", "pdf", "--sections", "cover", "--sections「cover」")]
    [InlineData("--format", "xlsx", "--sections", "summary", "--sections は PDF")]
    public async Task BadArguments_GiveAJapaneseMessageAndExitCode2_WithoutAFile(string a, string b, string c, string d, string expected)
    {
        using var folder = new TempFolder();
        var args = new[] { a, b, c, d, "--out", folder.File("r.xlsx") };
        if (!args.Contains("--as-of"))
        {
            args = [.. args, "--as-of", "2026-11-26"];
        }
        var (code, _, error) = await RunAsync(folder, args);
        Assert.Equal(CommandLine.BadArguments, code);
        Assert.Contains(expected, error);
        Assert.Contains("使い方", error);
        Assert.False(File.Exists(folder.File("r.xlsx")));
    }

    [Fact]
    public async Task UnknownDepartment_IsRefused_AndLeavesNothingBehind()
    {
        using var folder = new TempFolder();
        var (code, _, error) = await RunAsync(folder, "--format", "pdf", "--as-of", "2026-11-26", "--scope", "department:火星課",
            "--out", folder.File("r.pdf"));
        Assert.Equal(CommandLine.BadArguments, code);
        Assert.Contains("火星課", error);
        Assert.Equal(["roadmap.db"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Where(n => !n!.StartsWith("roadmap.db-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MissingFolder_IsRefused()
    {
        using var folder = new TempFolder();
        var (code, _, error) = await RunAsync(folder, "--format", "xlsx", "--as-of", "2026-11-26", "--out", folder.File("nowhere/r.xlsx"));
        Assert.Equal(CommandLine.BadArguments, code);
        Assert.Contains("フォルダ", error);
    }

    [Fact]
    public async Task UnwritableTarget_FailsWithAMessage_AndLeavesNoPartialFile()
    {
        using var folder = new TempFolder();
        var target = folder.File("locked");
        Directory.CreateDirectory(target);
        // A file whose name is taken by a folder cannot be written, even by root.
        var (code, _, error) = await RunAsync(folder, "--format", "xlsx", "--as-of", "2026-11-26", "--out", target);
        Assert.NotEqual(CommandLine.Ok, code);
        Assert.Contains("フォルダ", error);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Report_IsWrittenWithoutTheWebServer()
    {
        using var folder = new TempFolder();
        var target = folder.File("進捗報告.xlsx");
        var (code, output, error) = await RunAsync(folder, "--format", "xlsx", "--as-of", "2022-04-01", "--out", target,
            "--scope", "initiative:5.1");
        Assert.True(code == CommandLine.Ok, error);
        Assert.Contains("令和4年4月1日", output);
        using var workbook = new XLWorkbook(target);
        Assert.Contains("令和4年4月1日", workbook.Worksheet("概要").Cell(2, 1).GetString());
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task Report_FromAClosedRound_IsAsOfTheRoundsBaseDate_AndNamesIt()
    {
        using var folder = new TempFolder();
        // A first run creates and seeds the database the command uses.
        var (created, _, createError) = await RunAsync(folder, "--format", "xlsx", "--as-of", "2026-11-26", "--out", folder.File("first.xlsx"));
        Assert.True(created == CommandLine.Ok, createError);
        var database = new FileDatabase(folder.File("roadmap.db"));
        var rounds = new InquiryRounds(database, new AppClock(TimeProvider.System));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (opened, id) = await rounds.OpenAsync(new OpenRoundInput("令和8年度第2回 進捗照会", new DateOnly(2026, 11, 30), today.AddDays(7),
            [new InquiryTarget(InquiryItemKind.Procedure, 1)]), TestUser.Editor());
        Assert.True(opened.Succeeded, opened.Message);
        Assert.True((await rounds.CloseAsync(id!.Value, TestUser.Editor())).Succeeded);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var target = folder.File("部会.xlsx");
        var (code, output, error) = await RunAsync(folder, "--format", "xlsx", "--round", id.Value.ToString(CultureInfo.InvariantCulture),
            "--out", target);
        Assert.True(code == CommandLine.Ok, error);
        Assert.Contains("令和8年度第2回 進捗照会 に基づく、基準日 令和8年11月30日", output);
        using var workbook = new XLWorkbook(target);
        Assert.Contains("令和8年度第2回 進捗照会 に基づく　基準日 令和8年11月30日", workbook.Worksheet("概要").Cell(2, 1).GetString());
    }

    [Theory]
    [InlineData("--round", "abc", "照会「abc」は番号として正しくありません")]
    [InlineData("--round", "42", "照会 (番号 42) は見つかりません。")]
    public async Task BadRound_GivesAJapaneseMessageAndExitCode2_WithoutAFile(string option, string value, string expected)
    {
        using var folder = new TempFolder();
        var (code, _, error) = await RunAsync(folder, "--format", "pdf", option, value, "--out", folder.File("r.pdf"));
        Assert.Equal(CommandLine.BadArguments, code);
        Assert.Contains(expected, error);
        Assert.False(File.Exists(folder.File("r.pdf")));
        var (both, _, bothError) = await RunAsync(folder, "--format", "pdf", "--round", "1", "--as-of", "2026-11-26", "--out", folder.File("r.pdf"));
        Assert.Equal(CommandLine.BadArguments, both);
        Assert.Contains("--round と --as-of は同時に指定できません", bothError);
    }

    /// <summary>The command's SQLite file, opened by a service the way the app would.</summary>
    private sealed class FileDatabase(string file) : IDbContextFactory<RoadmapDbContext>
    {
        public RoadmapDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<RoadmapDbContext>().UseSqlite($"Data Source={file}").Options);
    }

    [Fact]
    public async Task Dispatcher_KnowsTheReportCommand_AndRejectsOthers()
    {
        Assert.True(CommandLine.Handles("report"));
        Assert.False(CommandLine.Handles("--urls"));
        var output = new StringWriter();
        Assert.Equal(CommandLine.BadArguments, await CommandLine.RunAsync(["nothing"], output, new StringWriter()));
        Assert.Contains("report", output.ToString());
    }
}

using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Cli;
using Microsoft.AspNetCore.Builder;

namespace DxRoadmap.Tests.Cli;

/// <summary>`import peers FILE --as-of YYYY-MM [--dry-run] [--replace]` against a database file, as run on the server.</summary>
public class PeerImportCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private Task<WebApplication> HostAsync() => CliHost.BuildAsync(builder =>
    {
        builder.Configuration["Data:Directory"] = RepoPaths.DataDirectory;
        builder.Configuration["ConnectionStrings:Roadmap"] = $"Data Source={_folder.File("roadmap.db")}";
        builder.Configuration["Security:KeysDirectory"] = _folder.File("keys");
    });

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        await using var host = await HostAsync();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ImportCommand.RunAsync(args, host.Services, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Kagoshima()
    {
        var path = _folder.File("kagoshima-2026-01.csv");
        File.WriteAllBytes(path, PeerFiles.Kagoshima);
        return path;
    }

    [Fact]
    public async Task DryRun_PrintsTheStanding_AndSavesNothing_ThenImport_ThenTheSameTimePointAsksForReplace()
    {
        var file = Kagoshima();
        var dry = await RunAsync("peers", file, "--as-of", "2026-01", "--dry-run");
        Assert.Equal(CommandLine.Ok, dry.Code);
        Assert.Contains("姶良市 令和8年1月時点: 全体 85.75%　鹿児島県内 20位 / 43団体", dry.Out);
        Assert.Contains("鹿児島県平均 84.54%", dry.Out);
        Assert.Contains("--dry-run のため保存していません", dry.Out);

        var import = await RunAsync("peers", file, "--as-of", "2026-01");
        Assert.Equal(CommandLine.Ok, import.Code);
        Assert.Contains("2026-01 時点の表 (43 団体) を取り込みました", import.Out);

        var again = await RunAsync("peers", file, "--as-of", "2026-01");
        Assert.Equal(CommandLine.Failed, again.Code);
        Assert.Contains("すでに取り込まれています", again.Error);
        Assert.Contains("--replace", again.Error);

        var replaced = await RunAsync("peers", file, "--as-of", "2026-01", "--replace");
        Assert.Equal(CommandLine.Ok, replaced.Code);
        Assert.Contains("置き換えて取り込みました", replaced.Out);
    }

    [Fact]
    public async Task BadFile_PrintsEachProblem_AndExitsWithOne()
    {
        var path = _folder.File("bad.csv");
        File.WriteAllBytes(path, PeerFiles.WithCell(3, 2, "1.5"));
        var result = await RunAsync("peers", path, "--as-of", "2026-01");
        Assert.Equal(CommandLine.Failed, result.Code);
        Assert.Contains("問題: 3行目 C列「全体」: 全体の完了率「1.5」は範囲外です", result.Out);
        Assert.Contains("取り込みませんでした", result.Error);
    }

    [Theory]
    [InlineData("peers x.csv")]
    [InlineData("peers --as-of 2026-01")]
    [InlineData("peers a.csv b.csv --as-of 2026-01")]
    public async Task MissingArguments_ShowTheUsage(string line)
    {
        var result = await RunAsync(line.Split(' '));
        Assert.Equal(CommandLine.BadArguments, result.Code);
        Assert.Contains("import peers ファイル.csv|.xlsx --as-of YYYY-MM", result.Error);
    }

    public void Dispose() => _folder.Dispose();
}

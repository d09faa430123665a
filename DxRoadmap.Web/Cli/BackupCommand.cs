using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services;

namespace DxRoadmap.Web.Cli;

/// <summary><c>backup --out FILE</c>: a consistent copy of the live database (restore: README).</summary>
public static class BackupCommand
{
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var target = CliHost.Option(args, "--out");
        if (string.IsNullOrWhiteSpace(target))
        {
            await error.WriteLineAsync("使い方: backup --out FILE");
            return 2;
        }
        try
        {
            var file = await services.GetRequiredService<DatabaseBackup>().BackupAsync(target);
            await output.WriteLineAsync($"バックアップを作成しました: {file.FullName} ({file.Length:N0} バイト)");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or NotSupportedException)
        {
            await error.WriteLineAsync("エラー: " + ex.Message);
            return 1;
        }
    }
}

using DxRoadmap.Web.Data;
using DxRoadmap.Web.Security;

namespace DxRoadmap.Web.Cli;

/// <summary>
/// The app's services for a command-line command: same configuration and database, migrated, but no web
/// server and no background services.
/// </summary>
public static class CliHost
{
    public static async Task<WebApplication> BuildAsync(Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        // The command's own output goes to stdout; the host's log only warnings and errors, on stderr.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Warning",
        });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        configure?.Invoke(builder);
        builder.AddDxRoadmap();
        var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await AccountsInitializer.EnsureRolesAsync(scope.ServiceProvider);
        return app;
    }

    /// <summary>The value after <paramref name="option"/>, or null.</summary>
    internal static string? Option(string[] args, string option)
    {
        var i = Array.FindIndex(args, a => string.Equals(a, option, StringComparison.Ordinal));
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>
    /// The bytes of a file named on the command line, or null after telling <paramref name="error"/> why not (missing,
    /// larger than <paramref name="maxSize"/>, unreadable). The size is checked before anything is read.
    /// </summary>
    internal static async Task<byte[]?> ReadFileAsync(string path, long maxSize, TextWriter error)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                await error.WriteLineAsync($"エラー: ファイル「{path}」がありません。");
                return null;
            }
            if (info.Length > maxSize)
            {
                await error.WriteLineAsync($"エラー: ファイルが大きすぎます ({maxSize / 1024 / 1024} MB まで)。");
                return null;
            }
            return await File.ReadAllBytesAsync(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"エラー: ファイル「{path}」を読めません ({ex.Message})");
            return null;
        }
    }
}

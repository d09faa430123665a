using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services;

namespace DxRoadmap.Web.Cli;

/// <summary>
/// `import progress FILE [--dry-run]`: imports a returned 照会票 as the import page does — prints every change
/// and every problem, and applies the changes in one transaction unless --dry-run. A refused file exits with 1
/// and changes nothing.
/// </summary>
/// <remarks>
/// Nobody signs in on the command line, so the import acts as <see cref="ActorName"/> with the 推進課 (Editor)
/// role: it may import any 課's 照会票, and history and audit rows name it. Whoever can run the command on the
/// server already holds the database file, so this grants nothing new.
/// </remarks>
public static class ImportCommand
{
    public const string ActorName = "照会回答取込 (コマンドライン)";

    public const string Usage = "使い方: import progress ファイル.xlsx [--dry-run]";

    public static SystemUser Actor { get; } = new(ActorName, AppRoles.Editor);

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (args is ["peers", ..])
        {
            return await PeerImportCommand.RunAsync(args[1..], services, output, error);
        }
        var dryRun = args.Contains("--dry-run");
        var rest = args.Where(a => a != "--dry-run").ToArray();
        if (rest.Length != 2 || rest[0] != "progress" || rest[1].StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteLineAsync(Usage);
            return CommandLine.BadArguments;
        }
        var path = rest[1];
        if (await CliHost.ReadFileAsync(path, ProgressInquiry.MaxFileSize, error) is not { } file)
        {
            return CommandLine.Failed;
        }

        var inquiry = services.GetRequiredService<ProgressInquiry>();
        var preview = await inquiry.PreviewAsync(file, Actor);
        await PrintAsync(preview, output);
        if (preview.IsRefused)
        {
            await error.WriteLineAsync("取り込みませんでした: " + preview.Summary);
            return CommandLine.Failed;
        }
        if (dryRun || !preview.CanApply)
        {
            await output.WriteLineAsync(dryRun ? "--dry-run のため反映していません。" : preview.Summary);
            return CommandLine.Ok;
        }
        var result = await inquiry.ApplyAsync(file, Actor);
        if (!result.Succeeded)
        {
            await error.WriteLineAsync("取り込みませんでした: " + result.Message);
            return CommandLine.Failed;
        }
        await output.WriteLineAsync(result.Message);
        return CommandLine.Ok;
    }

    private static async Task PrintAsync(InquiryPreview preview, TextWriter output)
    {
        if (preview.Department is { } department)
        {
            await output.WriteLineAsync($"照会票: {department}"
                + (preview.ExportedAt is { } at ? $" (出力 {Domain.Schedule.JapaneseDates.Day(DateOnly.FromDateTime(at.DateTime))} {at:HH:mm})" : ""));
        }
        foreach (var change in preview.Changes)
        {
            await output.WriteLineAsync($"{change.Sheet} シート {change.Row}行目 {change.Code} {change.Title}");
            foreach (var field in change.Changes)
            {
                await output.WriteLineAsync($"    {field.Field}: {field.OldValue ?? "(空欄)"} → {field.NewValue ?? "(空欄)"}");
            }
            if (change.Comment is { } comment)
            {
                await output.WriteLineAsync($"    コメント: {comment}");
            }
        }
        foreach (var problem in preview.Problems)
        {
            await output.WriteLineAsync("問題: " + problem.Text);
        }
        await output.WriteLineAsync(preview.Summary);
    }
}

using System.Globalization;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;

namespace DxRoadmap.Web.Cli;

/// <summary>
/// `report --format xlsx|pdf --as-of YYYY-MM-DD --out FILE [--scope all|initiative:5.2|department:市民課]
/// [--since YYYY-MM-DD] [--paper a3|a4] [--sections summary,gantt,late,list]`: writes a committee report without starting the web server, for
/// scheduled generation before a meeting. `--round ID` instead of `--as-of` builds it from a closed 照会 round. The file is written next to its target under a temporary name and
/// moved into place only when complete, so a failure never leaves a partial report behind.
/// </summary>
public static class ReportCommand
{
    public const string Usage =
        "使い方: report --format xlsx|pdf (--as-of YYYY-MM-DD | --round 照会番号) --out ファイル [--scope all|initiative:5.2|department:市民課] [--since YYYY-MM-DD] [--paper a3|a4] [--sections summary,gantt,late,list (PDF)]";

    public sealed record Options(ReportFormat Format, DateOnly AsOf, string Out, ReportScope Scope, DateOnly? Since, PaperSize Paper,
        ReportSections Sections = ReportSections.All, int? Round = null);

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, configure: null);

    /// <param name="configure">Lets tests point the command at their own database and data folder.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Action<WebApplicationBuilder>? configure)
    {
        if (!TryParse(args, out var options, out var problem))
        {
            await error.WriteLineAsync("エラー: " + problem);
            await error.WriteLineAsync(Usage);
            return CommandLine.BadArguments;
        }

        WebApplication app;
        try
        {
            app = await CliHost.BuildAsync(configure);
        }
        catch (Data.Seeding.PlanFileException ex)
        {
            await error.WriteLineAsync("エラー: " + ex.Message);
            return CommandLine.Failed;
        }
        await using var _ = app;
        var reports = app.Services.GetRequiredService<ReportService>();
        ReportRounds? rounds = null;
        if (options.Round is { } roundId)
        {
            rounds = await app.Services.GetRequiredService<InquiryRounds>().ReportBasisAsync(roundId);
            if (rounds.Problem is { } roundProblem)
            {
                await error.WriteLineAsync("エラー: " + roundProblem);
                return CommandLine.BadArguments;
            }
            options = options with { AsOf = rounds.Round!.BaseDate };
        }

        var temp = Path.Combine(Path.GetDirectoryName(options.Out)!, $".{Path.GetFileName(options.Out)}.{Guid.NewGuid():N}.tmp");
        try
        {
            string? invalid;
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                invalid = await reports.WriteAsync(options.Format, options.AsOf, options.Scope, options.Since, stream, options.Paper,
                    sections: options.Sections, rounds: rounds);
            }
            if (invalid is not null)
            {
                File.Delete(temp);
                await error.WriteLineAsync("エラー: " + invalid);
                return CommandLine.BadArguments;
            }
            File.Move(temp, options.Out, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            await error.WriteLineAsync($"エラー: {options.Out} に書き込めません ({ex.Message})");
            return CommandLine.Failed;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        var basis = rounds?.Round is { } on ? $"{on.Label}、" : "";
        await output.WriteLineAsync($"{options.Out} を作成しました ({basis}基準日 {Domain.Schedule.JapaneseDates.Day(options.AsOf)})。");
        return CommandLine.Ok;
    }

    /// <summary>Reads the arguments; every problem is reported in Japanese, naming the option.</summary>
    public static bool TryParse(string[] args, out Options options, out string problem)
    {
        options = null!;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is not ("--format" or "--as-of" or "--round" or "--out" or "--scope" or "--since" or "--paper" or "--sections"))
            {
                problem = $"不明な引数「{name}」です。";
                return false;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"{name} の値がありません。";
                return false;
            }
            values[name] = args[++i];
        }

        if (!values.TryGetValue("--format", out var formatText))
        {
            problem = "--format (xlsx または pdf) を指定してください。";
            return false;
        }
        if (!ReportFormats.TryParse(formatText, out var format))
        {
            problem = $"形式「{formatText}」は使えません。xlsx または pdf を指定してください。";
            return false;
        }
        int? round = null;
        if (values.TryGetValue("--round", out var roundText))
        {
            if (values.ContainsKey("--as-of"))
            {
                problem = "--round と --as-of は同時に指定できません (照会から作るときの基準日は照会の基準日です)。";
                return false;
            }
            if (!int.TryParse(roundText, NumberStyles.None, CultureInfo.InvariantCulture, out var roundId))
            {
                problem = $"照会「{roundText}」は番号として正しくありません (照会の画面のアドレス /inquiry/rounds/番号 の番号)。";
                return false;
            }
            round = roundId;
        }
        var asOf = default(DateOnly);
        var asOfText = values.GetValueOrDefault("--as-of");
        if (round is null && asOfText is null)
        {
            problem = "--as-of (基準日 YYYY-MM-DD) または --round (照会番号) を指定してください。";
            return false;
        }
        if (round is null && !TryDay(asOfText!, out asOf))
        {
            problem = $"基準日「{asOfText}」は日付として正しくありません (YYYY-MM-DD、例: 2026-11-26)。";
            return false;
        }
        DateOnly? since = null;
        if (values.TryGetValue("--since", out var sinceText))
        {
            if (!TryDay(sinceText, out var sinceDay))
            {
                problem = $"前回会議日「{sinceText}」は日付として正しくありません (YYYY-MM-DD)。";
                return false;
            }
            since = sinceDay;
        }
        var scopeText = values.GetValueOrDefault("--scope", "all");
        if (!ReportScope.TryParse(scopeText, out var scope))
        {
            problem = $"対象「{scopeText}」は使えません。all、initiative:5.2 または department:市民課 の形で指定してください。";
            return false;
        }
        var paperText = values.GetValueOrDefault("--paper", "a3");
        if (paperText.ToLowerInvariant() is not ("a3" or "a4"))
        {
            problem = $"用紙「{paperText}」は使えません。a3 または a4 を指定してください。";
            return false;
        }
        var sections = ReportSections.All;
        if (values.TryGetValue("--sections", out var sectionsText))
        {
            if (format != ReportFormat.Pdf)
            {
                problem = "--sections は PDF (--format pdf) にだけ使えます。";
                return false;
            }
            if (!ReportSectionNames.TryParse(sectionsText, out sections))
            {
                problem = $"--sections「{sectionsText}」は使えません。{ReportSectionNames.Help}指定してください。";
                return false;
            }
        }
        if (!values.TryGetValue("--out", out var outText) || string.IsNullOrWhiteSpace(outText))
        {
            problem = "--out (出力ファイル) を指定してください。";
            return false;
        }
        var fullOut = Path.GetFullPath(outText);
        if (Directory.Exists(fullOut))
        {
            problem = $"出力先「{outText}」はフォルダです。ファイル名を指定してください。";
            return false;
        }
        if (!Directory.Exists(Path.GetDirectoryName(fullOut)))
        {
            problem = $"出力先のフォルダ「{Path.GetDirectoryName(fullOut)}」がありません。";
            return false;
        }
        options = new Options(format, asOf, fullOut, scope, since,
            paperText.Equals("a4", StringComparison.OrdinalIgnoreCase) ? PaperSize.A4 : PaperSize.A3, sections, round);
        problem = "";
        return true;
    }

    private static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Nothing more can be done; the temporary name starts with a dot and says .tmp.
        }
    }
}

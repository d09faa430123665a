using System.Diagnostics;
using ClosedXML.Excel;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

/// <summary>
/// An answered 照会票 saved again by LibreOffice Calc or openpyxl passes the workbook guard and imports as answered.
/// Skipped where the tool is not installed.
/// </summary>
public class ResavedWorkbookTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("soffice", "--headless --convert-to xlsx --outdir {out} {in}")]
    [InlineData("python3", "-c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[2])\" {in} {out}/回答.xlsx")]
    public async Task AnswerResavedByAnotherTool_ImportsAsAnswered(string tool, string arguments)
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var inquiry = new ProgressInquiry(roadmap.Database, new AppClock(FixedTime.On("2022-04-01")), Options.Create(DelayThresholds.Default),
            NullLogger<ProgressInquiry>.Instance);
        using (var workbook = new XLWorkbook(new MemoryStream((await inquiry.ExportAsync(SmallRoadmap.Citizens, TestUser.Editor().Principal))!.Content)))
        {
            workbook.Worksheet(InquiryWorkbook.MilestoneSheet).RowsUsed()
                .Single(r => r.Cell(InquiryWorkbook.CodeColumn).GetString() == roadmap.OnTrack.Code).Cell(InquiryWorkbook.ProgressColumn).Value = 40;
            workbook.SaveAs(_folder.File("回答.xlsx"));
        }
        var output = Directory.CreateDirectory(_folder.File("out")).FullName;
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo(Program(tool), arguments.Replace("{in}", _folder.File("回答.xlsx")).Replace("{out}", output))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["HOME"] = _folder.File("home") },
            })!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip($"{tool} is not installed");
            return;
        }
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (tool == "python3" && error.Contains("No module named 'openpyxl'", StringComparison.Ordinal))
        {
            Assert.Skip("openpyxl is not installed");
        }
        var resaved = await File.ReadAllBytesAsync(Path.Combine(output, "回答.xlsx"), TestContext.Current.CancellationToken);

        var result = await inquiry.ApplyAsync(resaved, TestUser.Editor());

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("1 件の工程を更新しました (市民課)。", result.Message);
        Assert.Equal(40, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);
    }

    // A version manager's python3 earlier on PATH often lacks the packages the system interpreter has (Debian's
    // python3-openpyxl lives beside /usr/bin/python3), so the system one is asked first.
    private static string Program(string tool) =>
        tool == "python3" && File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : tool;
}

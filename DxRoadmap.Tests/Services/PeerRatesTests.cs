using System.Text;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Data.Peers;
using DxRoadmap.Web.Services;
using DxRoadmap.Web.Services.Peers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

/// <summary>Importing published tables of 完了率: what is kept, what is refused (and then nothing is saved).</summary>
public class PeerRatesTests
{
    /// <summary>The database the tests run on; the subclass below runs them all again on PostgreSQL.</summary>
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    private static readonly FixedTime Time = new(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero));

    private static PeerRates Service(TestDatabase database) =>
        new(database, new AppClock(Time), Options.Create(new CityOptions()), NullLogger<PeerRates>.Instance);

    private static async Task<int> SavedTablesAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return await db.Set<PeerRateTable>().CountAsync() + await db.Set<PeerRateEntry>().CountAsync();
    }

    [Fact]
    public async Task Kagoshima_IsKept_AndGivesTheStanding()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var peers = Service(database);

        var preview = await peers.PreviewAsync(PeerFiles.Kagoshima, "2026-01", replace: false, TestUser.Editor());
        Assert.True(preview.CanApply, preview.Summary);
        Assert.Equal(0, await SavedTablesAsync(database));

        var result = await peers.ApplyAsync(PeerFiles.Kagoshima, "2026-01", replace: false, TestUser.Editor(), "kagoshima-2026-01.csv");
        Assert.True(result.Succeeded, result.Message);

        var s = (await peers.StandingAsync())!;
        Assert.Equal(new DateOnly(2026, 1, 1), s.Month);
        Assert.Equal("84.54%", DxRoadmap.Domain.Schedule.PeerComparison.Percent(s.PrefectureMean));
        Assert.Equal(20, s.Rank);
        Assert.Equal(43, s.PrefectureCount);
        Assert.Null(s.NationalMean);
        Assert.Equal(1.0, s.Businesses.Single(b => b.Business == "生活保護").City);
        var table = Assert.Single(await peers.TablesAsync());
        Assert.Equal(("2026-01", 43, "kagoshima-2026-01.csv"), (table.Month, table.Rows, table.FileName));
        await using var db = database.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Entity == PeerRates.AuditEntity);
        Assert.Equal(("2026-01", TestUser.EditorName), (audit.EntityId, audit.Actor));
    }

    [Fact]
    public async Task EachTimePoint_IsKept_AndTheStandingAtADateComparesWithTheOneBefore()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var peers = Service(database);
        var december = Encoding.UTF8.GetBytes(PeerFiles.KagoshimaText.Replace("鹿児島県,姶良市,0.8575,0.85", "鹿児島県,姶良市,0.8,0.75"));
        Assert.True((await peers.ApplyAsync(december, "2025-12", false, TestUser.Editor())).Succeeded);
        Assert.True((await peers.ApplyAsync(PeerFiles.Kagoshima, "2026-01", false, TestUser.Editor())).Succeeded);

        var now = (await peers.StandingAsync())!;
        Assert.Equal("2026-01", now.MonthText);
        Assert.Equal("2025-12", now.Before!.MonthText);
        Assert.Equal(0.0575, now.OverallChange!.Value, 6);
        Assert.Equal(28, now.Before.Rank);

        // A report for a meeting in December sees the December table, with nothing before it.
        var then = (await peers.StandingAsync(new DateOnly(2025, 12, 20)))!;
        Assert.Equal("2025-12", then.MonthText);
        Assert.Null(then.Before);
        Assert.Null(await peers.StandingAsync(new DateOnly(2025, 11, 30)));
        Assert.Equal(["2026-01", "2025-12"], (await peers.TablesAsync()).Select(t => t.Month));
    }

    [Fact]
    public async Task SameTimePointTwice_AsksToReplace_AndReplacesOnlyWhenConfirmed()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var peers = Service(database);
        Assert.True((await peers.ApplyAsync(PeerFiles.Kagoshima, "2026-01", false, TestUser.Editor())).Succeeded);
        var corrected = PeerFiles.WithCell(20, 2, "0.86");   // line 20 is 姶良市

        var again = await peers.ApplyAsync(corrected, "2026-01", false, TestUser.Editor());
        Assert.False(again.Succeeded);
        Assert.True(again.Preview.NeedsReplaceConfirmation);
        Assert.Contains("2026-01 時点の表はすでに取り込まれています", again.Message);
        Assert.Contains("置き換え", again.Message);
        Assert.Equal(0.8575, (await peers.StandingAsync())!.CityOverall);

        var replaced = await peers.ApplyAsync(corrected, "2026-01", true, TestUser.Editor());
        Assert.True(replaced.Succeeded, replaced.Message);
        Assert.Contains("置き換えて", replaced.Message);
        Assert.Equal(0.86, (await peers.StandingAsync())!.CityOverall);
        Assert.Equal(43, Assert.Single(await peers.TablesAsync()).Rows);
    }

    [Fact]
    public async Task PercentRates_AndABom_AreRead()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var text = PeerFiles.KagoshimaText.Replace("鹿児島県,姶良市,0.8575,0.85", "鹿児島県,姶良市,85.75%,85 %");
        var file = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var result = await Service(database).ApplyAsync(file, "2026-01", false, TestUser.Editor());
        Assert.True(result.Succeeded, result.Message);
        var s = (await Service(database).StandingAsync())!;
        Assert.Equal(0.8575, s.CityOverall, 9);
        Assert.Equal(0.85, s.Businesses[0].City, 9);
    }

    public static TheoryData<string, byte[], string[]> BadCells => new()
    {
        { "above 1", PeerFiles.WithCell(20, 4, "1.025"), ["20行目", "E列「戸籍」", "範囲外"] },
        { "above 100 %", PeerFiles.WithCell(3, 2, "100.5%"), ["3行目", "C列「全体」", "範囲外"] },
        { "below 0", PeerFiles.WithCell(7, 10, "-0.1"), ["7行目", "K列「法人住民税」", "範囲外"] },
        { "not a number", PeerFiles.WithCell(9, 5, "済"), ["9行目", "F列「戸籍附票」", "読めません"] },
        { "blank 全体", PeerFiles.WithCell(12, 2, ""), ["12行目", "C列「全体」", "全体の完了率が空欄"] },
        { "unknown 業務", PeerFiles.WithCell(1, 5, "住民票"), ["1行目", "F列「住民票」", "20業務のどれにも当たりません"] },
        { "no 全体 column", PeerFiles.WithCell(1, 2, "合計"), ["C列「合計」", "「全体」の列がありません"] },
        { "a 業務 twice", PeerFiles.WithCell(1, 4, "住民基本台帳"), ["1行目", "「住民基本台帳」の列が2つあります (D列と同じ)"] },
        { "a short line", PeerFiles.WithCell(5, 0, "鹿児島県,余分"), ["5行目", "列の数が見出しと合いません"] },
    };

    [Theory]
    [MemberData(nameof(BadCells))]
    public async Task BadCell_IsNamedByLineAndColumn_AndNothingIsSaved(string why, byte[] file, string[] expected)
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var result = await Service(database).ApplyAsync(file, "2026-01", false, TestUser.Editor());

        Assert.False(result.Succeeded, why);
        Assert.Contains("何も保存していません", result.Message);
        var problems = string.Join("\n", result.Preview.Problems.Select(p => p.Text));
        foreach (var part in expected)
        {
            Assert.Contains(part, problems);
        }
        Assert.Equal(0, await SavedTablesAsync(database));
    }

    public static TheoryData<string, byte[], string, string> RefusedFiles => new()
    {
        { "without 姶良市", PeerFiles.Without(l => l.Contains(",姶良市,")), "2026-01", "表に姶良市 (鹿児島県) の行がありません" },
        { "empty", [], "2026-01", "ファイルが空です" },
        { "only blank lines", Encoding.UTF8.GetBytes("\n\n,,\n"), "2026-01", "ファイルが空です" },
        { "header only", Encoding.UTF8.GetBytes(PeerFiles.Lines[0] + "\n"), "2026-01", "団体の行がありません" },
        { "oversized", new byte[PeerTableFile.MaxFileSize + 1], "2026-01", "ファイルが大きすぎます (4 MB まで)" },
        { "too many lines", Encoding.UTF8.GetBytes(new string('\n', PeerTableFile.MaxRows)), "2026-01", "行が多すぎます (5,000 行まで)" },
        { "Shift_JIS", [0x93, 0x73, 0x93, 0xB9, 0x95, 0x7B, 0x8C, 0xA7, 0x0A], "2026-01", "UTF-8 (BOM 付き・なし) の CSV にしてください" },
        { "month not YYYY-MM", PeerFiles.Kagoshima, "2026/1", "YYYY-MM の形で指定してください" },
        { "month to come", PeerFiles.Kagoshima, "2027-01", "まだ来ていません" },
        { "open quote", Encoding.UTF8.GetBytes(PeerFiles.KagoshimaText + "\"鹿児島県,x\n"), "2026-01", "閉じていません" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task RefusedFile_SaysWhyInJapanese_AndNothingIsSaved(string why, byte[] file, string month, string expected)
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var result = await Service(database).ApplyAsync(file, month, false, TestUser.Editor());
        Assert.False(result.Succeeded, why);
        Assert.Contains(expected, result.Message);
        Assert.Equal(0, await SavedTablesAsync(database));
    }

    [Fact]
    public async Task Viewer_MayNotImport()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var result = await Service(database).ApplyAsync(PeerFiles.Kagoshima, "2026-01", false, TestUser.Viewer());
        Assert.False(result.Succeeded);
        Assert.Contains("権限がありません", result.Message);
        Assert.Equal(0, await SavedTablesAsync(database));
    }

    [Fact]
    public async Task ANationalTable_GivesTheNationalMean()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var others = Enumerable.Range(1, 7).Select(i => $"熊本県,町{i},0.5," + string.Join(',', Enumerable.Repeat("50%", 20))).ToArray();
        Assert.True((await Service(database).ApplyAsync(PeerFiles.With(others), "2026-01", false, TestUser.Editor())).Succeeded);
        var s = (await Service(database).StandingAsync())!;
        Assert.Equal((0.8453814 * 43 + 0.5 * 7) / 50, s.NationalMean!.Value, 6);
        Assert.Equal(43, s.PrefectureCount);
    }
}

public sealed class PeerRatesTestsOnPostgres : PeerRatesTests
{
    protected override TestProvider Provider => TestProvider.Postgres;
}

/// <summary>The same table saved as an Excel workbook: read through the workbook guard, rates as numbers or text.</summary>
public class PeerWorkbookTests
{
    private static readonly DateOnly January = new(2026, 1, 1);

    private static byte[] Workbook(Action<ClosedXML.Excel.IXLWorksheet>? change = null)
    {
        using var book = new ClosedXML.Excel.XLWorkbook();
        var sheet = book.AddWorksheet("完了率");
        var lines = PeerFiles.Lines;
        for (var r = 0; r < lines.Count; r++)
        {
            var cells = lines[r].Split(',');
            for (var c = 0; c < cells.Length; c++)
            {
                if (r > 0 && c >= 2)
                {
                    sheet.Cell(r + 1, c + 1).Value = double.Parse(cells[c], System.Globalization.CultureInfo.InvariantCulture);
                    sheet.Cell(r + 1, c + 1).Style.NumberFormat.Format = "0.00%";
                }
                else
                {
                    sheet.Cell(r + 1, c + 1).Value = cells[c];
                }
            }
        }
        change?.Invoke(sheet);
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    [Fact]
    public void Xlsx_GivesTheSameTableAsTheCsv()
    {
        var read = PeerTableFile.ReadXlsx(Workbook(), January, PeerFiles.PlanBusinesses);
        Assert.Null(read.Refusal);
        Assert.Empty(read.Problems);
        var csv = PeerTableFile.ReadCsv(PeerFiles.Kagoshima, January, PeerFiles.PlanBusinesses).Table!;
        Assert.Equal(csv.Rows.Select(r => (r.Municipality, r.Overall)), read.Table!.Rows.Select(r => (r.Municipality, r.Overall)));
        Assert.Equal(csv.Rows.SelectMany(r => r.Businesses), read.Table.Rows.SelectMany(r => r.Businesses));
    }

    [Fact]
    public void Xlsx_BadCell_IsNamedByRowAndColumn()
    {
        var read = PeerTableFile.ReadXlsx(Workbook(sheet => sheet.Cell(20, 5).Value = 1.5), January, PeerFiles.PlanBusinesses);
        Assert.Null(read.Table);
        var problem = Assert.Single(read.Problems);
        Assert.Equal("20行目 E列「戸籍」: 戸籍の完了率「1.5」は範囲外です (0～1、または 0%～100%)。", problem.Text);
    }

    [Fact]
    public void NotAWorkbook_IsRefused()
    {
        var read = PeerTableFile.ReadXlsx([.. "PK\u0003\u0004"u8, 1, 2, 3], January, PeerFiles.PlanBusinesses);
        Assert.Equal(PeerTableFile.NotAWorkbook, read.Refusal);
    }

    [Fact]
    public async Task Service_TakesAWorkbookByItsContent()
    {
        using var database = await SqliteDatabase.CreateSeededAsync();
        var peers = new PeerRates(database, new AppClock(new FixedTime(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero))),
            Options.Create(new CityOptions()), NullLogger<PeerRates>.Instance);
        var result = await peers.ApplyAsync(Workbook(), "2026-01", false, TestUser.Editor(), "kagoshima.xlsx");
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(20, (await peers.StandingAsync())!.Rank);
    }
}

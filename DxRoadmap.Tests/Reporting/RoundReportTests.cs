using ClosedXML.Excel;
using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;

namespace DxRoadmap.Tests.Reporting;

/// <summary>
/// The 部会 report built from a closed 照会 round: the round's 基準日 and name, its frozen values, and 増減 against
/// the round before it. Two rounds over 5.1-01 (主管課 市民課) and one 5.2 procedure, with known answers.
/// </summary>
public class RoundReportTests
{
    private const string First = "令和8年度第1回 進捗照会";
    private const string Second = "令和8年度第2回 進捗照会";

    private sealed record TwoRounds(TestDatabase Database, FixedTime Time, int FirstId, int SecondId, string Procedure) : IDisposable
    {
        public void Dispose() => Database.Dispose();

        public ReportService Reports() => new(new RoadmapReader(Database), Options.Create(DelayThresholds.Default));

        public InquiryRounds Rounds() => new(Database, new AppClock(Time));
    }

    /// <summary>
    /// Round 1 (基準日 2026-06-30): 5.1-01 進行中 30%, the procedure 様式登録. Round 2 (基準日 2026-10-31): 5.1-01 完了
    /// 100%, the procedure サービス開始. Procedures are not applied by closing, so the database keeps it 未着手: only
    /// the rounds' snapshots know its answered stages.
    /// </summary>
    private static async Task<TwoRounds> TwoRoundsAsync()
    {
        var database = await TestDatabase.CreateSeededAsync(TestProvider.Sqlite);
        int owner, procedureDepartment, milestoneId, procedureId;
        string procedureTitle;
        await using (var db = database.CreateDbContext())
        {
            var milestone = await db.Milestones.SingleAsync(m => m.Code == "5.1-01");
            owner = (await db.Departments.SingleAsync(d => d.Name == "市民課")).Id;
            milestone.OwnerDepartmentId = owner;
            await db.SaveChangesAsync();
            milestoneId = milestone.Id;
            var procedure = await db.Procedures.OrderBy(p => p.Order).FirstAsync();
            (procedureId, procedureDepartment, procedureTitle) = (procedure.Id, procedure.DepartmentId, procedure.Title);
        }
        var time = FixedTime.On("2026-07-01");
        var rounds = new InquiryRounds(database, new AppClock(time));
        var head = TestUser.Head(owner, "市民課", "市民課長");
        var procedureHead = TestUser.Head(procedureDepartment, "手続の課", "手続の課長");

        async Task<int> RoundAsync(string name, string baseDate, string due, ItemAnswer milestoneAnswer, string procedureStage, string closeOn)
        {
            var (opened, id) = await rounds.OpenAsync(new OpenRoundInput(name, Build.Day(baseDate), Build.Day(due),
                [new InquiryTarget(InquiryItemKind.Milestone, milestoneId), new InquiryTarget(InquiryItemKind.Procedure, procedureId)]),
                TestUser.Editor());
            Assert.True(opened.Succeeded, opened.Message);
            var view = (await rounds.LoadAsync(id!.Value))!;
            var ownerItem = view.ItemsOf(owner).Single(i => i.Kind == InquiryItemKind.Milestone);
            var answered = await rounds.SaveAnswersAsync(id.Value, owner, [milestoneAnswer with { ItemId = ownerItem.Id }], head);
            Assert.True(answered.Succeeded, answered.Message);
            Assert.True((await rounds.SubmitAsync(id.Value, owner, head)).Succeeded);
            // The procedure's 課 may also be a 関係課 of 5.1-01: its entry there is answered too.
            var saved = await rounds.SaveAnswersAsync(id.Value, procedureDepartment, [.. view.ItemsOf(procedureDepartment).Select(i =>
                i.Kind == InquiryItemKind.Procedure ? new ItemAnswer(i.Id, procedureStage, 50, null) : new ItemAnswer(i.Id, "進行中", 10, null))],
                procedureHead);
            Assert.True(saved.Succeeded, saved.Message);
            var submitted = await rounds.SubmitAsync(id.Value, procedureDepartment, procedureHead);
            Assert.True(submitted.Succeeded, submitted.Message);
            time.Now = FixedTime.On(closeOn).Now;
            var closed = await rounds.CloseAsync(id.Value, TestUser.Editor());
            Assert.True(closed.Succeeded, closed.Message);
            return id.Value;
        }

        var first = await RoundAsync(First, "2026-06-30", "2026-07-10",
            new ItemAnswer(0, "進行中", 30, null) { DelayReason = "体制整備の遅れ" }, "様式登録", "2026-07-10");
        time.Now = FixedTime.On("2026-11-02").Now;
        var second = await RoundAsync(Second, "2026-10-31", "2026-11-16",
            new ItemAnswer(0, "完了", 100, null) { ActualStart = new DateOnly(2021, 10, 1), ActualEnd = new DateOnly(2026, 10, 30) },
            "サービス開始", "2026-11-16");
        return new TwoRounds(database, time, first, second, procedureTitle);
    }

    private static async Task<CommitteeReport> BuildAsync(TwoRounds rounds, int roundId)
    {
        var basis = await rounds.Rounds().ReportBasisAsync(roundId);
        Assert.Null(basis.Problem);
        var result = await rounds.Reports().BuildAsync(new DateOnly(2000, 1, 1), ReportScope.All, null, rounds: basis);
        return result.Report ?? throw new InvalidOperationException(result.Problem);
    }

    [Fact]
    public async Task ReportFromTheSecondRound_IsAsOfItsBaseDate_NamesIt_AndComparesWithTheFirstRound()
    {
        using var rounds = await TwoRoundsAsync();
        var report = await BuildAsync(rounds, rounds.SecondId);

        Assert.Equal(new DateOnly(2026, 10, 31), report.Header.AsOf);
        Assert.Equal($"{Second} に基づく", report.Header.Basis);
        var row = report.Milestones.Single(m => m.Code == "5.1-01");
        Assert.Equal((MilestoneStatus.Done, 100), (row.Status, row.Progress));
        // The database still says 未着手 for the procedure; the round fixed サービス開始.
        Assert.Equal("サービス開始", report.Procedures!.Rows.Single(p => p.Title == rounds.Procedure).Stage);

        var changes = report.Changes!;
        Assert.Equal($"前回の照会「{First}」(基準日 令和8年6月30日) からの増減", changes.Heading);
        var standardisation = changes.Initiatives.Single(i => i.Code == "5.1");
        Assert.Equal((0, 1, 1), (standardisation.DoneBefore, standardisation.DoneNow, standardisation.DoneDelta));
        Assert.Equal("状態 進行中→完了、進捗 30%→100%、遅延解消", changes.Milestones.Single(m => m.Code == "5.1-01").Change);
    }

    [Fact]
    public async Task ReportFromTheFirstRound_KeepsItsOwnValues_AfterLaterRoundsAndEdits()
    {
        using var rounds = await TwoRoundsAsync();
        var report = await BuildAsync(rounds, rounds.FirstId);

        Assert.Equal(new DateOnly(2026, 6, 30), report.Header.AsOf);
        Assert.Equal($"{First} に基づく", report.Header.Basis);
        var row = report.Milestones.Single(m => m.Code == "5.1-01");
        Assert.Equal((MilestoneStatus.InProgress, 30, "体制整備の遅れ"), (row.Status, row.Progress, row.DelayReason));
        Assert.Equal("様式登録", report.Procedures!.Rows.Single(p => p.Title == rounds.Procedure).Stage);
        // No closed round before the first: no 増減 unless a meeting date is given.
        Assert.Null(report.Changes);
    }

    [Fact]
    public async Task Workbook_NamesTheRound_AndCarriesTheIncreaseAgainstThePreviousRound()
    {
        using var rounds = await TwoRoundsAsync();
        using var book = Reports.Workbook(await BuildAsync(rounds, rounds.SecondId));

        Assert.Contains($"{Second} に基づく　基準日 令和8年10月31日", book.Worksheet(ExcelReportWriter.SummarySheet).Cell(2, 1).GetString());
        var changes = book.Worksheet(ExcelReportWriter.ChangeSheet);
        Assert.StartsWith($"前回の照会「{First}」(基準日 令和8年6月30日) からの増減", changes.Cell(1, 1).GetString());
        var line = changes.RowsUsed().Single(r => r.Cell(1).GetString() == "5.1");
        Assert.Equal((0, 1, 1), (line.Cell(3).GetValue<int>(), line.Cell(4).GetValue<int>(), line.Cell(5).GetValue<int>()));
        Assert.Equal("+0;-0;0", line.Cell(5).Style.NumberFormat.Format); // printed as +1
        var milestone = changes.RowsUsed().Single(r => r.Cell(1).GetString() == "5.1-01");
        Assert.Equal("状態 進行中→完了、進捗 30%→100%、遅延解消", milestone.Cell(5).GetString());
        var procedures = book.Worksheet(ExcelReportWriter.ProcedureSheet);
        Assert.Equal("サービス開始", procedures.RowsUsed().Single(r => r.Cell(2).GetString() == rounds.Procedure).Cell(4).GetString());
    }

    [Fact]
    public async Task Pdf_NamesTheRoundOnTheCoverAndEveryPage_AndCarriesTheIncreaseAgainstThePreviousRound()
    {
        using var rounds = await TwoRoundsAsync();
        using var stream = new MemoryStream();
        PdfReportWriter.Write(await BuildAsync(rounds, rounds.SecondId), stream);
        using var pdf = PdfDocument.Open(stream.ToArray());

        // PdfPig gives a page's glyphs in order; spaces are dropped to compare Japanese text.
        static string Flat(string text) => text.Replace(" ", "", StringComparison.Ordinal);
        var cover = Flat(pdf.GetPage(1).Text);
        Assert.Contains(Flat($"{Second} に基づく"), cover);
        Assert.Contains("令和8年10月31日", cover);
        Assert.All(pdf.GetPages().Skip(1), page => Assert.Contains(Flat($"{Second} に基づく"), Flat(page.Text)));
        var all = Flat(string.Join("\n", pdf.GetPages().Select(p => p.Text)));
        Assert.Contains(Flat($"前回の照会「{First}」(基準日 令和8年6月30日) からの増減"), all);
        Assert.Contains("0→1+1", all);
        Assert.Contains("状態進行中→完了、進捗30%→100%、遅延解消", all);
        Assert.Contains($"{Second} に基づく", pdf.Information.Subject);
    }

    [Fact]
    public async Task OpenOrUnknownRound_IsRefusedWithAJapaneseMessage()
    {
        using var rounds = await TwoRoundsAsync();
        var service = rounds.Rounds();
        Assert.Equal("照会 (番号 999) は見つかりません。", (await service.ReportBasisAsync(999)).Problem);
        var (_, open) = await service.OpenAsync(new OpenRoundInput("令和8年度第3回 進捗照会", new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 10),
            [new InquiryTarget(InquiryItemKind.Procedure, 1)]), TestUser.Editor());
        Assert.Equal("照会「令和8年度第3回 進捗照会」はまだ締め切られていません。部会資料は締め切った照会から作成します。",
            (await service.ReportBasisAsync(open!.Value)).Problem);
    }
}

using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

/// <summary>
/// A valid answered 照会票 mutated a few hundred times, with a fixed seed so a failure replays: bytes of the zip, and
/// cells and tags of the 工程 sheet and the shared strings. Every upload ends in a result (never an exception), and a
/// refused one saves nothing.
/// </summary>
public partial class InquiryFuzzTests
{
    private const int Seed = 20261206;
    private const int Rounds = 300;

    private static readonly string[] Tokens =
    [
        "<", ">", "</x:c>", "<x:c r=\"G9\">", "</x:row>", "<x:row>", "<x:f>1/0</x:f>", "<x:v>", "</x:v>", "&amp;", "&#0;", "&bogus;", "\"",
        " t=\"d\"", " t=\"e\"", " t=\"b\"", " t=\"s\"", " t=\"str\"", " s=\"9999\"", " r=\"XFD1048577\"", "<x:v>1E+308</x:v>",
        "<x:v>-1</x:v>", "<x:v>NaN</x:v>", "完了", "中止", "2026/13/45", "9999999999", "\u0000", "\uFFFF", "𠮷", "<![CDATA[x]]>",
    ];

    [Fact]
    public async Task MutatedWorkbooks_AlwaysGetAnAnswer_AndARefusalSavesNothing()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var inquiry = new ProgressInquiry(roadmap.Database, new AppClock(FixedTime.On("2022-04-01")), Options.Create(DelayThresholds.Default),
            NullLogger<ProgressInquiry>.Instance);
        var exported = (await inquiry.ExportAsync(SmallRoadmap.Citizens, TestUser.Editor().Principal))!.Content;
        var valid = Answer(exported);
        var entries = HostileWorkbooks.Entries(valid);
        var random = new Random(Seed);
        var outcomes = new Dictionary<string, int>();

        for (var round = 0; round < Rounds; round++)
        {
            var (how, file) = Mutate(random, valid, entries);
            var before = await StateAsync(roadmap);

            InquiryImportResult result;
            try
            {
                result = await inquiry.ApplyAsync(file, TestUser.Editor());
            }
            catch (Exception ex)
            {
                Assert.Fail($"round {round} ({how}) threw {ex.GetType().Name}: {ex.Message}");
                throw;
            }

            var after = await StateAsync(roadmap);
            if (!result.Succeeded)
            {
                Assert.True(before == after, $"round {round} ({how}) was refused ({result.Message}) but saved something");
            }
            else
            {
                // All or nothing: one history entry per milestone change listed, no more and no fewer.
                var listed = result.Preview.Changes.Count(c => c.Sheet == InquiryWorkbook.MilestoneSheet);
                Assert.Equal(before.History + listed, after.History);
            }
            var kind = result.Succeeded ? (result.Preview.Changes.Count > 0 ? "applied" : "unchanged") : "refused";
            outcomes[kind] = outcomes.GetValueOrDefault(kind) + 1;
        }
        // The mutations reach the reader and the pipeline, not only the zip check.
        Assert.True(outcomes.GetValueOrDefault("refused") > 0 && outcomes.GetValueOrDefault("applied") + outcomes.GetValueOrDefault("unchanged") > 0,
            string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
    }

    private static byte[] Answer(byte[] exported)
    {
        using var workbook = new XLWorkbook(new MemoryStream(exported));
        var sheet = workbook.Worksheet(InquiryWorkbook.MilestoneSheet);
        var row = sheet.RowsUsed().Single(r => r.Cell(4).GetString() == "順調な工程");
        row.Cell(InquiryWorkbook.ProgressColumn).Value = 40;
        row.Cell(InquiryWorkbook.NoteColumn).Value = "照会回答";
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static (string How, byte[] File) Mutate(Random random, byte[] valid, List<(string Name, byte[] Content)> entries)
    {
        if (random.Next(4) == 0)
        {
            var bytes = (byte[])valid.Clone();
            var flips = random.Next(1, 9);
            for (var i = 0; i < flips; i++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            return ($"{flips} bytes of the zip", bytes);
        }
        var part = random.Next(3) == 0 ? "xl/sharedStrings.xml" : HostileWorkbooks.MilestoneSheetPart;
        var xml = Encoding.UTF8.GetString(entries.Single(e => e.Name == part).Content);
        var at = random.Next(xml.Length);
        var length = Math.Min(random.Next(1, 40), xml.Length - at);
        var token = Tokens[random.Next(Tokens.Length)];
        var values = CellValue().Matches(xml);
        var value = values[random.Next(values.Count)];
        var (how, changed) = random.Next(4) switch
        {
            3 => ($"{part}: value \"{value.Groups[1].Value}\" at {value.Index} replaced by \"{token}\"",
                xml.Remove(value.Groups[1].Index, value.Groups[1].Length).Insert(value.Groups[1].Index, token)),
            0 => ($"{part}: {length} characters removed at {at}", xml.Remove(at, length)),
            1 => ($"{part}: \"{token}\" inserted at {at}", xml.Insert(at, token)),
            _ => ($"{part}: {length} characters at {at} doubled", xml.Insert(at, xml.Substring(at, length))),
        };
        return (how, HostileWorkbooks.Package(entries.Select(e => e.Name == part ? (e.Name, Encoding.UTF8.GetBytes(changed)) : e)));
    }

    [GeneratedRegex("<x:[vt][^>]*>([^<]*)</x:[vt]>")]
    private static partial Regex CellValue();

    private sealed record State(string Items, int History);

    private static async Task<State> StateAsync(SmallRoadmap roadmap)
    {
        await using var db = roadmap.Database.CreateDbContext();
        var milestones = await db.Milestones.OrderBy(m => m.Id)
            .Select(m => $"{m.Id}:{m.Status}:{m.Progress}:{m.ActualStart}:{m.ActualEnd}:{m.Note}:{m.DelayReason}:{m.Countermeasure}:{m.Version}").ToListAsync();
        var procedures = await db.Procedures.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Stage}:{p.PlannedGoLive}:{p.ActualGoLive}").ToListAsync();
        var cases = await db.AutomationCases.OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.Stage}:{c.ActualHoursSaved}").ToListAsync();
        return new State(string.Join("\n", [.. milestones, .. procedures, .. cases]), await db.ProgressUpdates.CountAsync());
    }
}

using System.Text.Json.Nodes;
using DxRoadmap.Web.Data.Seeding;
using DxRoadmap.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Tests.Data;

/// <summary>A broken plan file is refused with one message naming the file, the item and the problem.</summary>
public class BadPlanFileTests
{
    private static JsonObject Original() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.DataDirectory, "roadmap.json")))!.AsObject();

    private static PlanFileException ReadBroken(TempFolder folder, Action<JsonObject> breakIt)
    {
        var json = Original();
        breakIt(json);
        var path = folder.File("roadmap.json");
        File.WriteAllText(path, json.ToJsonString());
        return Assert.Throws<PlanFileException>(() => PlanFileReader.Read(path));
    }

    private static JsonObject Milestone(JsonObject plan, string id) =>
        plan["milestones"]!.AsArray().Select(n => n!.AsObject()).Single(m => (string?)m["id"] == id);

    [Fact]
    public void InvalidJson_IsRefusedWithItsLine()
    {
        using var folder = new TempFolder();
        var path = folder.File("roadmap.json");
        File.WriteAllText(path, "{\n  \"plan\": {\n    \"title\": \"x\",,\n");
        var error = Assert.Throws<PlanFileException>(() => PlanFileReader.Read(path));
        Assert.Equal("roadmap.json", error.File);
        Assert.Contains("3行目", error.Message);
        Assert.Contains("JSON として読めません", error.Message);
    }

    [Fact]
    public void EndBeforeStart_IsRefused()
    {
        using var folder = new TempFolder();
        var error = ReadBroken(folder, plan => Milestone(plan, "5.2-04")["end"] = "2021-03");
        Assert.Equal("工程「5.2-04」", error.Item);
        Assert.Contains("より前です", error.Problem);
    }

    [Fact]
    public void UnknownDepartment_IsRefused()
    {
        using var folder = new TempFolder();
        var error = ReadBroken(folder, plan => Milestone(plan, "5.3-01")["owner"] = "宇宙開発課");
        Assert.Equal("工程「5.3-01」", error.Item);
        Assert.Contains("未知の課「宇宙開発課」", error.Problem);
    }

    [Fact]
    public void DuplicateId_IsRefused()
    {
        using var folder = new TempFolder();
        var error = ReadBroken(folder, plan => Milestone(plan, "5.3-02")["id"] = "5.3-01");
        Assert.Equal("工程「5.3-01」", error.Item);
        Assert.Contains("重複", error.Problem);
    }

    [Fact]
    public void UnknownInitiativeCode_IsRefused()
    {
        using var folder = new TempFolder();
        var error = ReadBroken(folder, plan => plan["tracks"]![0]!["initiative"] = "5.9");
        Assert.Contains("未知の重点取組コード「5.9」", error.Problem);
        Assert.Contains("roadmap.json", error.Message);
    }

    [Fact]
    public void ImpossibleDate_IsRefused()
    {
        using var folder = new TempFolder();
        var error = ReadBroken(folder, plan => Milestone(plan, "5.2-07")["date"] = "2023-13");
        Assert.Contains("2023-13", error.Problem);
    }

    [Fact]
    public async Task BrokenFile_WritesNothingToTheDatabase()
    {
        using var folder = new TempFolder();
        var json = Original();
        Milestone(json, "5.5-09")["owner"] = "存在しない課";
        File.WriteAllText(folder.File("roadmap.json"), json.ToJsonString());

        using var database = SqliteDatabase.CreateEmpty();
        await using (var db = database.CreateDbContext())
        {
            await Assert.ThrowsAsync<PlanFileException>(() => RoadmapSeeder.SeedAsync(db, folder.Path, sampleProgress: false));
        }
        await using var check = database.CreateDbContext();
        Assert.Equal(0, await check.Plans.CountAsync());
        Assert.Equal(0, await check.Departments.CountAsync());
        Assert.Equal(0, await check.Milestones.CountAsync());
    }
}

using System.Runtime.CompilerServices;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

/// <summary>
/// What the reader keeps in memory after a refresh. The assessments, dashboards and charts are kept weakly by the
/// snapshot they were made from, so the reader must let go of the previous snapshots once it has new ones.
/// (In-memory only, so SQLite alone.)
/// </summary>
public class RoadmapReaderRetentionTests
{
    [Fact]
    public async Task AfterARefresh_ThePreviousSnapshotsCanGo()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var reader = new RoadmapReader(roadmap.Database);
        var (current, pastDay) = await LoadBothAsync(reader, Build.Day("2022-04-01"));

        var editing = new MilestoneEditing(roadmap.Database, new AppClock(FixedTime.On("2022-04-02")),
            Options.Create(DelayThresholds.Default), NullLogger<MilestoneEditing>.Instance);
        var loaded = (await editing.LoadAsync(roadmap.OnTrack.Id))!;
        var model = MilestoneEditModel.From(loaded.Milestone);
        model.Progress = 40;
        Assert.True((await editing.SaveAsync(roadmap.OnTrack.Id, model, loaded.Token, TestUser.Editor("佐藤"))).Succeeded);
        var carried = await reader.LoadAsOfAsync(Build.Day("2022-04-01"));            // built on the previous view

        Assert.True(await CollectedAsync(current));
        Assert.True(await CollectedAsync(pastDay));
        Assert.Equal(10, carried.Milestones.Single(m => m.Id == roadmap.OnTrack.Id).Progress);
    }

    // In a method of its own, so no local of the test keeps the snapshots reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<(WeakReference Current, WeakReference PastDay)> LoadBothAsync(RoadmapReader reader, DateOnly day) =>
        (new WeakReference(await reader.LoadAsync()), new WeakReference(await reader.LoadAsOfAsync(day)));

    // A few full collections a little apart: other tests run alongside, and a finishing continuation of theirs or
    // ours may hold a reference for a moment. Something the reader keeps stays alive however often this is tried.
    private static async Task<bool> CollectedAsync(WeakReference reference)
    {
        for (var i = 0; i < 20 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            await Task.Delay(25);
        }
        return !reference.IsAlive;
    }
}

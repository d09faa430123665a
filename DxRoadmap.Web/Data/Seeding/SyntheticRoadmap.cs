using System.Globalization;
using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Web.Data.Seeding;

/// <summary>
/// A made-up roadmap of any size, the same for the same seed: for benchmarks and load tests of pages and reports.
/// It has the plan's shape — five initiatives with several tracks each, many departments — and every kind of
/// milestone the plan has: spans (month and day precision), points, 「までに」 deadlines, open-ended spans,
/// external events, yearly recurring steps and re-planned items, with statuses, progress and actual dates
/// spread over 令和2年度 … 令和8年度. <see cref="History"/> adds the progress updates that led there, and the
/// snapshot carries 5.2 procedures, so a database filled from it looks like one used for years.
/// </summary>
public static class SyntheticRoadmap
{
    private const int FirstYear = 2020;
    private const int Months = 7 * 12; // 2020-04 … 2027-03

    private static readonly string[] InitiativeTitles =
    [
        "情報システムの標準化・共通化", "行政手続きのオンライン化", "AI・RPAの活用・推進",
        "業務プロセスの変革とICTの推進", "セキュリティ対策の徹底",
    ];

    private static readonly string[] Divisions = ["総務部", "企画部", "市民生活部", "保健福祉部", "建設部", "教育部"];

    private static readonly string[] Verbs = ["調査", "計画策定", "設計", "調達", "構築", "移行", "検証", "研修", "運用開始", "評価"];

    public static RoadmapSnapshot Create(int milestones, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milestones);
        var random = new Random(seed);

        var plan = new Plan
        {
            Id = 1,
            Title = "合成データによる行動計画",
            Version = "合成",
            Issued = PlanDate.OfMonth(2021, 10),
            OwnerDepartment = "デジタル行政推進課",
            SampleProgressLoaded = true,
        };

        // A prefecture tracking its municipalities has far more 課 than a city: grow with the plan.
        var departments = Enumerable.Range(1, Math.Max(40, milestones / 50))
            .Select(i => new Department
            {
                Id = i,
                Name = i == 1 ? "デジタル行政推進課" : $"第{i.ToString(CultureInfo.InvariantCulture)}課",
                Division = Divisions[i % Divisions.Length],
            })
            .ToList();

        var initiatives = new List<Initiative>(InitiativeTitles.Length);
        var tracks = new List<Track>();
        for (var i = 0; i < InitiativeTitles.Length; i++)
        {
            var initiative = new Initiative
            {
                Id = i + 1,
                Code = $"5.{(i + 1).ToString(CultureInfo.InvariantCulture)}",
                Title = InitiativeTitles[i],
                LeadDepartment = departments[0].Name,
                Order = i + 1,
            };
            initiatives.Add(initiative);
            var trackCount = 3 + random.Next(4);
            for (var t = 0; t < trackCount; t++)
            {
                var track = new Track
                {
                    Id = tracks.Count + 1,
                    Code = $"{initiative.Code}-{(t + 1).ToString(CultureInfo.InvariantCulture)}",
                    InitiativeId = initiative.Id,
                    Initiative = initiative,
                    Title = $"取組項目{(t + 1).ToString(CultureInfo.InvariantCulture)}",
                    RecurringYearly = i == 4 && t == 0,
                    Order = t + 1,
                };
                tracks.Add(track);
                initiative.Tracks.Add(track);
            }
        }

        var items = new List<Milestone>(milestones);
        for (var n = 0; n < milestones; n++)
        {
            var track = tracks[random.Next(tracks.Count)];
            var owner = departments[random.Next(departments.Count)];
            var m = new Milestone
            {
                Id = n + 1,
                Code = $"S-{(n + 1).ToString("D5", CultureInfo.InvariantCulture)}",
                TrackId = track.Id,
                Track = track,
                Title = $"{owner.Name}の{Verbs[random.Next(Verbs.Length)]} その{(n + 1).ToString(CultureInfo.InvariantCulture)}",
                OwnerDepartmentId = owner.Id,
                OwnerDepartment = owner,
                Order = n + 1,
            };
            Shape(m, random, track.RecurringYearly);
            Progress(m, random);
            items.Add(m);
        }

        // Procedures come from their own generator so adding them left the milestones of a seed unchanged.
        var procedures = Procedures(Math.Max(10, milestones / 20), departments, new Random(seed ^ 0x5F2));
        return new RoadmapSnapshot(plan, initiatives, tracks, items, departments, procedures, [], []);
    }

    /// <summary>
    /// The progress updates that brought each started milestone to its current state: 着手, a few progress
    /// reports, then 完了 or 保留; same seed, same history. Each update records its field changes as the
    /// editor would.
    /// </summary>
    public static List<ProgressUpdate> History(RoadmapSnapshot roadmap, int seed)
    {
        var random = new Random(seed ^ 0x3A7);
        var updates = new List<ProgressUpdate>(roadmap.Milestones.Count * 2);
        foreach (var m in roadmap.Milestones)
        {
            if (m.ActualStart is not { } started)
            {
                continue;
            }
            var author = m.OwnerName.Length > 0 ? m.OwnerName + "担当" : "担当者";
            // Replay from 未着手 to the milestone's current values, one step at a time.
            var state = new Milestone
            {
                Code = m.Code, Title = m.Title, TrackId = m.TrackId, OwnerDepartment = m.OwnerDepartment,
                PlannedStart = m.PlannedStart, PlannedEnd = m.PlannedEnd,
            };
            var day = started;
            var reports = random.Next(0, 4);
            var steps = new List<Action<Milestone>>
            {
                s => { s.Status = MilestoneStatus.InProgress; s.ActualStart = started; s.Progress = Math.Min(m.Progress, 10); },
            };
            for (var r = 1; r <= reports; r++)
            {
                var share = m.Progress * r / (reports + 1);
                steps.Add(s => s.Progress = Math.Max(s.Progress, share - share % 5));
            }
            steps.Add(s =>
            {
                s.Status = m.Status;
                s.Progress = m.Progress;
                s.ActualEnd = m.ActualEnd;
                s.DelayReason = m.DelayReason;
                s.Countermeasure = m.Countermeasure;
            });
            var reported = m.ActualEnd ?? (m.UpdatedAt is { } u ? DateOnly.FromDateTime(u.DateTime) : started.AddDays(90));
            var last = reported < started ? started : reported;
            var gap = Math.Max(1, (last.DayNumber - started.DayNumber) / steps.Count);
            for (var i = 0; i < steps.Count; i++)
            {
                var before = MilestoneFields.Snapshot(state);
                steps[i](state);
                var changes = MilestoneFields.Diff(before, MilestoneFields.Snapshot(state));
                if (changes.Count == 0)
                {
                    continue;
                }
                var when = i == steps.Count - 1 && last > day ? last : day;
                updates.Add(new ProgressUpdate
                {
                    MilestoneId = m.Id,
                    Milestone = m,
                    UpdatedBy = author,
                    UpdatedAt = new DateTimeOffset(when.ToDateTime(new TimeOnly(17, random.Next(60))), TimeSpan.FromHours(9)),
                    Comment = Comments[random.Next(Comments.Length)],
                    Changes = changes,
                });
                day = day.AddDays(gap);
            }
        }
        return updates;
    }

    private static readonly string[] Comments = ["定例会議で報告", "進捗を更新", "課内で確認済み", "関係課と調整のうえ更新"];

    private static readonly string[] ProcedureKinds = ["申請", "届出", "交付申請", "予約", "登録"];

    private static readonly string[] ProcedureCategories = ["子育て", "介護", "税", "住民", "施設", "事業者"];

    private static List<OnlineProcedure> Procedures(int count, IReadOnlyList<Department> departments, Random random)
    {
        var list = new List<OnlineProcedure>(count);
        for (var i = 0; i < count; i++)
        {
            var department = departments[random.Next(departments.Count)];
            var stage = (ProcedureStage)random.Next(ProcedureStages.All.Count);
            var planned = new DateOnly(2022, 4, 1).AddMonths(random.Next(60));
            list.Add(new OnlineProcedure
            {
                Id = i + 1,
                Title = $"{ProcedureCategories[i % ProcedureCategories.Length]}の{ProcedureKinds[random.Next(ProcedureKinds.Length)]} その{(i + 1).ToString(CultureInfo.InvariantCulture)}",
                DepartmentId = department.Id,
                Department = department,
                Category = ProcedureCategories[i % ProcedureCategories.Length],
                Stage = stage,
                PlannedGoLive = planned,
                ActualGoLive = stage == ProcedureStage.InService ? planned.AddDays(random.Next(-20, 40)) : null,
                Order = i + 1,
            });
        }
        return list;
    }

    private static void Shape(Milestone m, Random random, bool recurringTrack)
    {
        var start = Month(random.Next(Months - 6));
        var roll = random.Next(100);
        if (recurringTrack || roll < 5)
        {
            m.Kind = MilestoneKind.Point;
            m.RecurringYearly = true;
            m.PlannedStart = m.PlannedEnd = Month(random.Next(12));
        }
        else if (roll < 12)
        {
            m.Kind = MilestoneKind.Point;
            m.ExternalActor = random.Next(2) == 0 ? "総務省" : "鹿児島県";
            m.PlannedStart = m.PlannedEnd = start;
        }
        else if (roll < 20)
        {
            m.Kind = MilestoneKind.Span;
            m.OpenEnded = true;
            m.PlannedStart = start;
        }
        else if (roll < 42)
        {
            m.Kind = MilestoneKind.Point;
            m.Deadline = random.Next(3) == 0;
            m.PlannedStart = m.PlannedEnd = start;
        }
        else if (roll < 50)
        {
            // Day precision, a few weeks long.
            var day = start.FirstDay.AddDays(random.Next(28));
            m.Kind = MilestoneKind.Span;
            m.PlannedStart = PlanDate.OfDay(day);
            m.PlannedEnd = PlanDate.OfDay(day.AddDays(7 + random.Next(60)));
        }
        else
        {
            m.Kind = MilestoneKind.Span;
            m.PlannedStart = start;
            m.PlannedEnd = MonthAfter(start, 1 + random.Next(18));
        }

        m.BaselineStart = m.PlannedStart;
        m.BaselineEnd = m.PlannedEnd;
        if (!m.RecurringYearly && !m.OpenEnded && m.ExternalActor is null && random.Next(10) == 0)
        {
            // Re-planned: first issued some months earlier.
            var shift = 2 + random.Next(6);
            m.BaselineStart = m.PlannedStart is { } ps ? MonthAfter(ps, -shift) : null;
            m.BaselineEnd = m.PlannedEnd is { } pe ? MonthAfter(pe, -shift) : null;
        }
    }

    private static void Progress(Milestone m, Random random)
    {
        var start = (m.PlannedStart ?? m.PlannedEnd)!.Value.FirstDay;
        var roll = random.Next(100);
        (m.Status, m.Progress) = roll switch
        {
            < 35 => (MilestoneStatus.Done, 100),
            < 65 => (MilestoneStatus.InProgress, 5 * random.Next(1, 20)),
            < 92 => (MilestoneStatus.NotStarted, 0),
            < 97 => (MilestoneStatus.OnHold, 10 * random.Next(0, 8)),
            _ => (MilestoneStatus.Cancelled, 0),
        };
        if (m.Status is MilestoneStatus.Done or MilestoneStatus.InProgress)
        {
            m.ActualStart = start.AddDays(random.Next(-15, 45));
            m.UpdatedAt = new DateTimeOffset(m.ActualStart.Value.AddDays(random.Next(30, 400)).ToDateTime(TimeOnly.MinValue),
                TimeSpan.FromHours(9));
        }
        if (m.Status == MilestoneStatus.Done)
        {
            var end = (m.PlannedEnd ?? m.PlannedStart)!.Value.LastDay;
            m.ActualEnd = end.AddDays(random.Next(-30, 60));
        }
        if (random.Next(8) == 0)
        {
            m.DelayReason = "関係課との調整に時間を要している。";
            m.Countermeasure = "週次で進捗を確認する。";
        }
    }

    private static PlanDate Month(int offset) => MonthAfter(PlanDate.OfMonth(FirstYear, 4), offset);

    private static PlanDate MonthAfter(PlanDate date, int months)
    {
        var d = date.FirstDay.AddMonths(months);
        return PlanDate.OfMonth(d.Year, d.Month);
    }
}

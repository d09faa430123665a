using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Audit;
using DxRoadmap.Web.Services.Authorization;
using DxRoadmap.Web.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Services;

/// <summary>A thing to ask about: a milestone (its 主管課 and each 関係課 answer), procedure, case or 基幹業務.</summary>
public sealed record InquiryTarget(InquiryItemKind Kind, int TargetId);

public sealed record OpenRoundInput(string? Name, DateOnly? BaseDate, DateOnly? DueDate, IReadOnlyList<InquiryTarget> Targets);

/// <summary>One 課's answer to one item: 状況 in the item's vocabulary, 進捗 0–100 (optional for AI・RPA), コメント.</summary>
public sealed record ItemAnswer(int ItemId, string? Status, int? Progress, string? Comment)
{
    // A 主管課's answer on its own milestone also gives what the milestone editor asks for.
    public DateOnly? ActualStart { get; init; }
    public DateOnly? ActualEnd { get; init; }
    public string? DelayReason { get; init; }
    public string? Countermeasure { get; init; }
    /// <summary>The milestone's version the form was filled from; null answers against the milestone as it is now.</summary>
    public Guid? BaseVersion { get; init; }

    /// <summary>The answer an item holds.</summary>
    public static ItemAnswer Of(InquiryItem item) => new(item.Id, item.AnswerStatus, item.AnswerProgress, item.AnswerComment)
    {
        ActualStart = item.AnswerActualStart,
        ActualEnd = item.AnswerActualEnd,
        DelayReason = item.AnswerDelayReason,
        Countermeasure = item.AnswerCountermeasure,
        BaseVersion = item.AnswerBaseVersion,
    };
}

/// <summary>An item that may be put into a round, grouped for the opening form.</summary>
public sealed record InquiryCandidate(InquiryTarget Target, string Group, string Title, string Departments);

/// <summary>A round with its items and where each 課 stands.</summary>
public sealed record RoundView(InquiryRound Round, IReadOnlyList<InquiryItem> Items, IReadOnlyList<InquiryResponse> Responses)
{
    public IEnumerable<InquiryItem> ItemsOf(int departmentId) => Items.Where(i => i.DepartmentId == departmentId);

    public InquiryResponse? ResponseOf(int departmentId) => Responses.FirstOrDefault(r => r.DepartmentId == departmentId);

    public int Count(InquiryResponseState state) => Responses.Count(r => r.State == state);
}

/// <summary>A round as listed: its counts of 課 by state; for a 課, its own state.</summary>
public sealed record RoundSummary(InquiryRound Round, int Departments, int Answered, int Returned, int NotAnswered, int InProgress);

/// <summary>The closed round a 部会 report is built from and the closed round before it, or why not.</summary>
public sealed record ReportRounds(RoundBasis? Round, RoundBasis? Previous, string? Problem);

/// <summary>An open round one 課 still has to answer.</summary>
public sealed record PendingRound(int RoundId, string Name, DateOnly DueDate, InquiryResponseState State, int Items, int ItemsAnswered);

/// <summary>
/// 照会 rounds (DESIGN §5b): 推進課 opens one over chosen items, each 課 answers its own items and marks it answered,
/// 推進課 sends an answer back or closes the round, which copies every item's values into the round (its snapshot).
/// Every command checks <see cref="RoadmapPermissions"/>; bad input returns a Japanese message and saves nothing.
/// A 主管課's answer on its milestone is checked at saving and applied at closing, through the 照会票's import
/// pipeline (<see cref="AnswerImport"/> with <see cref="MilestoneAnswers"/>): see docs/decisions/010.
/// </summary>
public sealed class InquiryRounds(IDbContextFactory<RoadmapDbContext> factory, AppClock clock,
    IOptions<DelayThresholds>? thresholds = null)
{
    private readonly DelayThresholds _thresholds = thresholds?.Value ?? new DelayThresholds();

    public const string ClosedMessage = "この照会は締め切られています。回答・変更はできません。";
    public const string ConflictMessage = "他の利用者が先に更新しました。再読み込みしてから操作してください。";

    public async Task<IReadOnlyList<RoundSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rounds = await db.InquiryRounds.AsNoTracking().Include(r => r.Responses).ToListAsync(cancellationToken);
        return rounds
            .OrderBy(r => r.State).ThenByDescending(r => r.DueDate).ThenByDescending(r => r.Id)
            .Select(r => new RoundSummary(r, r.Responses.Count,
                r.Responses.Count(x => x.State == InquiryResponseState.Answered),
                r.Responses.Count(x => x.State == InquiryResponseState.Returned),
                r.Responses.Count(x => x.State == InquiryResponseState.NotAnswered),
                r.Responses.Count(x => x.State == InquiryResponseState.InProgress)))
            .ToList();
    }

    public async Task<RoundView?> LoadAsync(int roundId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var round = await db.InquiryRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return null;
        }
        var items = await db.InquiryItems.AsNoTracking().Include(i => i.Department)
            .Where(i => i.RoundId == roundId).OrderBy(i => i.Order).ToListAsync(cancellationToken);
        var responses = await db.InquiryResponses.AsNoTracking().Include(r => r.Department)
            .Where(r => r.RoundId == roundId).ToListAsync(cancellationToken);
        return new RoundView(round, items, [.. responses.OrderBy(r => r.Department!.Name, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// A closed round as the basis of a 部会 report, with the closed round before it (the latest 基準日 before this
    /// one's) for 増減; or why not, in Japanese.
    /// </summary>
    public async Task<ReportRounds> ReportBasisAsync(int roundId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var round = await db.InquiryRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return new ReportRounds(null, null, $"照会 (番号 {roundId}) は見つかりません。");
        }
        if (round.IsOpen || round.ClosedAt is null)
        {
            return new ReportRounds(null, null, $"照会「{round.Name}」はまだ締め切られていません。部会資料は締め切った照会から作成します。");
        }
        // Sorted in memory: SQLite cannot order by DateTimeOffset, and rounds are few.
        var previous = (await db.InquiryRounds.AsNoTracking()
                .Where(r => r.State == InquiryRoundState.Closed && r.Id != round.Id && r.BaseDate < round.BaseDate)
                .ToListAsync(cancellationToken))
            .OrderByDescending(r => r.BaseDate).ThenByDescending(r => r.ClosedAt).FirstOrDefault();
        return new ReportRounds(await BasisAsync(db, round, cancellationToken),
            previous is null ? null : await BasisAsync(db, previous, cancellationToken), null);
    }

    private static async Task<RoundBasis> BasisAsync(RoadmapDbContext db, InquiryRound round, CancellationToken cancellationToken)
    {
        var values = await db.InquiryItems.AsNoTracking()
            .Where(i => i.RoundId == round.Id && i.Kind != InquiryItemKind.RelatedEntry && i.Kind != InquiryItemKind.StandardSystem)
            .Select(i => new RoundValue(i.Kind, i.TargetId, i.ClosedStatus, i.ClosedProgress))
            .ToListAsync(cancellationToken);
        return new RoundBasis(round.Name, round.BaseDate, round.ClosedAt!.Value, values);
    }

    /// <summary>The open rounds <paramref name="departmentId"/> has not yet answered (未回答, 回答中, 差戻し), soonest due first.</summary>
    public async Task<IReadOnlyList<PendingRound>> PendingForAsync(int departmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await (
                from response in db.InquiryResponses
                join round in db.InquiryRounds on response.RoundId equals round.Id
                where response.DepartmentId == departmentId && round.State == InquiryRoundState.Open
                      && response.State != InquiryResponseState.Answered
                select new
                {
                    round.Id, round.Name, round.DueDate, response.State,
                    Items = db.InquiryItems.Count(i => i.RoundId == round.Id && i.DepartmentId == departmentId),
                    Answered = db.InquiryItems.Count(i => i.RoundId == round.Id && i.DepartmentId == departmentId && i.AnswerStatus != null),
                })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PendingRound(r.Id, r.Name, r.DueDate, r.State, r.Items, r.Answered))
            .OrderBy(r => r.DueDate).ThenBy(r => r.RoundId).ToList();
    }

    /// <summary>Everything a round may ask about, in the order of the plan.</summary>
    public async Task<IReadOnlyList<InquiryCandidate>> CandidatesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var list = new List<InquiryCandidate>();
        var milestones = await db.Milestones.AsNoTracking().Include(m => m.OwnerDepartment)
            .Include(m => m.Track!).ThenInclude(t => t.Initiative)
            .Where(m => m.ExternalActor == null).ToListAsync(cancellationToken);
        foreach (var m in milestones.OrderBy(m => m.Track!.Initiative!.Order).ThenBy(m => m.Track!.Order).ThenBy(m => m.Order).ThenBy(m => m.Id))
        {
            list.Add(new InquiryCandidate(new(InquiryItemKind.Milestone, m.Id), $"{m.Track!.Initiative!.Code} {m.Track.Initiative.Title}",
                m.Title, string.Join("、", new[] { m.OwnerName }.Concat(m.RelatedDepartments.Where(r => r != m.OwnerName)))));
        }
        foreach (var s in await db.StandardSystems.AsNoTracking().Include(s => s.Department).OrderBy(s => s.Order).ThenBy(s => s.Id).ToListAsync(cancellationToken))
        {
            list.Add(new InquiryCandidate(new(InquiryItemKind.StandardSystem, s.Id), "5.1 基幹業務 (標準化)", s.Name, s.Department?.Name ?? "（所管課なし）"));
        }
        foreach (var p in await db.Procedures.AsNoTracking().Include(p => p.Department).OrderBy(p => p.Order).ThenBy(p => p.Id).ToListAsync(cancellationToken))
        {
            list.Add(new InquiryCandidate(new(InquiryItemKind.Procedure, p.Id), "5.2 オンライン化手続", p.Title, p.Department!.Name));
        }
        foreach (var c in await db.AutomationCases.AsNoTracking().Include(c => c.Department).OrderBy(c => c.Id).ToListAsync(cancellationToken))
        {
            list.Add(new InquiryCandidate(new(InquiryItemKind.AutomationCase, c.Id), "5.3 AI・RPA適用業務", c.Business, c.Department!.Name));
        }
        return list;
    }

    public async Task<(CommandResult Result, int? RoundId)> OpenAsync(OpenRoundInput input, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.ManageInquiry))
        {
            return (CommandResult.Denied(RoadmapAction.ManageInquiry), null);
        }
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return (CommandResult.Fail("照会の名称を入力してください (例: 令和8年11月 部会)。"), null);
        }
        if (name.Length > InquiryRound.NameMaxLength)
        {
            return (CommandResult.Fail($"照会の名称は{InquiryRound.NameMaxLength}文字以内で入力してください。"), null);
        }
        if (input.BaseDate is not { } baseDate)
        {
            return (CommandResult.Fail("基準日を入力してください。"), null);
        }
        if (input.DueDate is not { } dueDate)
        {
            return (CommandResult.Fail("回答期限を入力してください。"), null);
        }
        if (dueDate < clock.Today)
        {
            return (CommandResult.Fail($"回答期限 ({dueDate:yyyy/MM/dd}) が過去の日付です。今日以降の日付を入力してください。"), null);
        }
        var targets = input.Targets.Distinct().ToList();
        if (targets.Count == 0)
        {
            return (CommandResult.Fail("照会する項目を1件以上選んでください。"), null);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Name, cancellationToken);
        var round = new InquiryRound
        {
            Name = name,
            BaseDate = baseDate,
            DueDate = dueDate,
            OpenedBy = user.Name,
            OpenedAt = clock.Now,
        };
        var order = 0;
        foreach (var target in targets)
        {
            var (items, error) = await ExpandAsync(db, target, departments, cancellationToken);
            if (error is not null)
            {
                return (CommandResult.Fail(error), null);
            }
            foreach (var item in items)
            {
                item.Order = order++;
                round.Items.Add(item);
            }
        }

        // One open round per thing: a second open round over the same items would ask each 課 twice.
        var open = await db.InquiryItems.AsNoTracking()
            .Join(db.InquiryRounds.Where(r => r.State == InquiryRoundState.Open), i => i.RoundId, r => r.Id,
                (i, r) => new { i.Kind, i.TargetId, i.Title, r.Name })
            .ToListAsync(cancellationToken);
        var asked = round.Items.Select(i => (Root(i.Kind), i.TargetId)).ToHashSet();
        var overlap = open.Where(o => asked.Contains((Root(o.Kind), o.TargetId))).DistinctBy(o => (Root(o.Kind), o.TargetId)).ToList();
        if (overlap.Count > 0)
        {
            var more = overlap.Count > 1 ? $"ほか{overlap.Count - 1}件" : "";
            return (CommandResult.Fail($"照会中の「{overlap[0].Name}」と対象が重複しています (「{overlap[0].Title}」{more})。"
                + "先の照会を締め切るか、重複しない項目を選んでください。"), null);
        }

        foreach (var departmentId in round.Items.Select(i => i.DepartmentId).Distinct())
        {
            round.Responses.Add(new InquiryResponse { DepartmentId = departmentId });
        }
        db.InquiryRounds.Add(round);
        await SaveAsync(db, user, cancellationToken);
        return (CommandResult.Ok($"照会「{round.Name}」を開始しました ({round.Responses.Count}課・{round.Items.Count}件)。"), round.Id);
    }

    /// <summary>Saves a 課's answers together; any bad answer refuses them all.</summary>
    public async Task<CommandResult> SaveAnswersAsync(int roundId, int departmentId, IReadOnlyList<ItemAnswer> answers,
        ICurrentUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (round, response, refusal) = await FindAsync(db, roundId, departmentId, user, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (response!.State == InquiryResponseState.Answered)
        {
            return CommandResult.Fail("回答済の照会は変更できません。変更が必要な場合は推進課に差戻しを依頼してください。");
        }
        var items = await db.InquiryItems.Where(i => i.RoundId == round!.Id && i.DepartmentId == departmentId)
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        foreach (var answer in answers)
        {
            if (!items.TryGetValue(answer.ItemId, out var item))
            {
                return CommandResult.Fail("この課に照会されていない項目への回答は保存できません。");
            }
            if (Validate(item, answer) is { } message)
            {
                return CommandResult.Fail(message);
            }
        }
        // The 主管課's milestone answers meet the editor's rules and the milestone's version now, so one that
        // cannot be applied at closing is refused while the 課 can still correct it.
        var owned = answers.Where(a => items[a.ItemId].Kind == InquiryItemKind.Milestone).Select(a => (items[a.ItemId], a)).ToList();
        var versions = new Dictionary<int, Guid>();
        if (owned.Count > 0)
        {
            var (import, milestones) = await CheckOwnerAnswersAsync(db, departmentId, round!.Name, owned, user, cancellationToken);
            if (Problems(import, owned.Select(o => o.Item1)) is { Count: > 0 } problems)
            {
                return CommandResult.Fail(string.Join(" ", problems));
            }
            foreach (var (item, answer) in owned)
            {
                versions[item.Id] = answer.BaseVersion ?? milestones[item.TargetId].Version;
            }
        }
        var now = clock.Now;
        var changed = false;
        foreach (var answer in answers)
        {
            var item = items[answer.ItemId];
            var comment = string.IsNullOrWhiteSpace(answer.Comment) ? null : answer.Comment.Trim();
            var extra = item.Kind == InquiryItemKind.Milestone
                ? (answer.ActualStart, answer.ActualEnd, Clean(answer.DelayReason), Clean(answer.Countermeasure), (Guid?)versions[item.Id])
                : default;
            if (item.AnswerStatus == answer.Status!.Trim() && item.AnswerProgress == answer.Progress && item.AnswerComment == comment
                && (item.AnswerActualStart, item.AnswerActualEnd, item.AnswerDelayReason, item.AnswerCountermeasure, item.AnswerBaseVersion) == extra)
            {
                continue;
            }
            item.AnswerStatus = answer.Status.Trim();
            item.AnswerProgress = answer.Progress;
            item.AnswerComment = comment;
            (item.AnswerActualStart, item.AnswerActualEnd, item.AnswerDelayReason, item.AnswerCountermeasure, item.AnswerBaseVersion) = extra;
            item.AnsweredBy = user.Name;
            item.AnsweredAt = now;
            changed = true;
            if (item.Kind == InquiryItemKind.RelatedEntry)
            {
                await DepartmentEntries.UpsertAsync(db, item.TargetId, departmentId, item.AnswerStatus, item.AnswerProgress ?? 0,
                    comment, user.Name, now, cancellationToken);
            }
        }
        if (!changed)
        {
            return CommandResult.Unchanged("変更はありません。");
        }
        if (response.State == InquiryResponseState.NotAnswered)
        {
            response.State = InquiryResponseState.InProgress;
            response.Version = Guid.NewGuid();
        }
        return await TrySaveWhileOpenAsync(db, roundId, user, "回答を保存しました。", cancellationToken);
    }

    /// <summary>Marks the 課's answer 回答済: every item must have an answer.</summary>
    public async Task<CommandResult> SubmitAsync(int roundId, int departmentId, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (round, response, refusal) = await FindAsync(db, roundId, departmentId, user, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (response!.State == InquiryResponseState.Answered)
        {
            return CommandResult.Unchanged("既に回答済です。");
        }
        var missing = await db.InquiryItems.CountAsync(i => i.RoundId == round!.Id && i.DepartmentId == departmentId && i.AnswerStatus == null,
            cancellationToken);
        if (missing > 0)
        {
            return CommandResult.Fail($"未回答の項目が{missing}件あります。すべての項目に回答してから回答済にしてください。");
        }
        response.State = InquiryResponseState.Answered;
        response.SubmittedBy = user.Name;
        response.SubmittedAt = clock.Now;
        response.Version = Guid.NewGuid();
        return await TrySaveWhileOpenAsync(db, roundId, user, "回答済にしました。", cancellationToken);
    }

    /// <summary>推進課 sends a 課's answer back with a comment; the 課 may change it and mark it answered again.</summary>
    public async Task<CommandResult> ReturnAsync(int roundId, int departmentId, string? comment, ICurrentUser user,
        CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.ManageInquiry))
        {
            return CommandResult.Denied(RoadmapAction.ManageInquiry);
        }
        if (string.IsNullOrWhiteSpace(comment))
        {
            return CommandResult.Fail("差戻しの理由 (コメント) を入力してください。");
        }
        if (comment.Length > InquiryItem.CommentMaxLength)
        {
            return CommandResult.Fail($"コメントは{InquiryItem.CommentMaxLength}文字以内で入力してください。");
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (_, response, refusal) = await FindAsync(db, roundId, departmentId, answering: null, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (response!.State != InquiryResponseState.Answered)
        {
            return CommandResult.Fail("差戻しできるのは回答済の課のみです。");
        }
        response.State = InquiryResponseState.Returned;
        response.ReturnComment = comment.Trim();
        response.Version = Guid.NewGuid();
        return await TrySaveWhileOpenAsync(db, roundId, user, "差し戻しました。", cancellationToken);
    }

    /// <summary>
    /// Closes the round, which accepts the answers of every 課 marked 回答済: a 主管課's answer on its milestone is
    /// applied to the milestone (editor's rules, history, audit; refused as a whole when a milestone changed after
    /// the answer), and the round keeps each accepted answer — for every other item, its value now — as its snapshot.
    /// </summary>
    public async Task<CommandResult> CloseAsync(int roundId, ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (!user.Can(RoadmapAction.ManageInquiry))
        {
            return CommandResult.Denied(RoadmapAction.ManageInquiry);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var round = await db.InquiryRounds.Include(r => r.Items).Include(r => r.Responses).ThenInclude(r => r.Department)
            .AsSplitQuery().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return CommandResult.Fail("この照会は見つかりません。");
        }
        if (!round.IsOpen)
        {
            return CommandResult.Unchanged("既に締め切られています。");
        }
        // The round's row first, as every write to an open round takes it first: one order of locks, no deadlock. The
        // claim holds only if nobody wrote to the round since it was read, so the answers read above are the last ones.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ClaimOpenAsync(db, round.Id, cancellationToken, expected: round.Version) is not { } claimed)
        {
            return CommandResult.Fail(ConflictMessage);
        }
        db.Entry(round).Property(r => r.Version).OriginalValue = claimed;
        var accepted = round.Responses.Where(r => r.State == InquiryResponseState.Answered).ToDictionary(r => r.DepartmentId);
        var imports = new List<AnswerImport>();
        var refused = new List<string>();
        foreach (var group in round.Items.Where(i => i.Kind == InquiryItemKind.Milestone && i.IsAnswered && accepted.ContainsKey(i.DepartmentId))
                     .GroupBy(i => i.DepartmentId))
        {
            var owned = group.Select(i => (i, ItemAnswer.Of(i))).ToList();
            var (import, _) = await CheckOwnerAnswersAsync(db, group.Key, round.Name, owned, user, cancellationToken);
            refused.AddRange(Problems(import, group).Select(p => $"{accepted[group.Key].Department!.Name}の回答: {p}"));
            imports.Add(import);
        }
        if (refused.Count > 0)
        {
            return CommandResult.Fail($"締め切れません (何も変更していません)。{string.Join(" ", refused)} "
                + "該当の課に差し戻して回答し直してもらってください (差戻し中の課の回答は工程に反映せずに締め切ります)。");
        }
        var now = clock.Now;
        foreach (var import in imports)
        {
            import.Apply(user.Name, now);
        }
        foreach (var item in round.Items)
        {
            var (status, progress) = item.IsAnswered && accepted.ContainsKey(item.DepartmentId)
                ? (item.AnswerStatus, item.AnswerProgress)
                : await CurrentValueAsync(db, item, cancellationToken);
            item.ClosedStatus = status;
            item.ClosedProgress = progress;
        }
        round.State = InquiryRoundState.Closed;
        round.ClosedBy = user.Name;
        round.ClosedAt = now;
        round.Version = Guid.NewGuid();
        var result = await TrySaveAsync(db, user, $"照会「{round.Name}」を締め切りました。", cancellationToken);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return result;
    }

    /// <summary>What an item stands at now, in the answer's terms: the value an answer form starts from.</summary>
    public async Task<IReadOnlyDictionary<int, (string? Status, int? Progress)>> CurrentValuesAsync(IEnumerable<InquiryItem> items,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var values = new Dictionary<int, (string?, int?)>();
        foreach (var item in items)
        {
            values[item.Id] = await CurrentValueAsync(db, item, cancellationToken);
        }
        return values;
    }

    /// <summary>
    /// A returned 照会票 is one way to answer: after its changes are applied to the items tracked by <paramref name="db"/>,
    /// every item of the 課 in an open round that the workbook covers (its milestones, procedures and AI・RPA cases)
    /// takes the item's value as the 課's answer, in the same transaction (which the caller must have begun: the round
    /// is claimed as in <see cref="ClaimOpenAsync"/>). The 課 still marks the round 回答済 itself;
    /// a 課 already 回答済 is left as it answered. Returns the number of answers written.
    /// </summary>
    internal static async Task<int> RecordWorkbookAnswersAsync(RoadmapDbContext db, int departmentId, string userName,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var responses = await db.InquiryResponses
            .Where(r => r.DepartmentId == departmentId && r.State != InquiryResponseState.Answered)
            .Join(db.InquiryRounds.Where(r => r.State == InquiryRoundState.Open), r => r.RoundId, r => r.Id, (response, _) => response)
            .ToListAsync(cancellationToken);
        var written = 0;
        foreach (var response in responses)
        {
            var items = await db.InquiryItems
                .Where(i => i.RoundId == response.RoundId && i.DepartmentId == departmentId
                            && (i.Kind == InquiryItemKind.Milestone || i.Kind == InquiryItemKind.Procedure || i.Kind == InquiryItemKind.AutomationCase))
                .ToListAsync(cancellationToken);
            var answers = new List<(InquiryItem Item, string Status, int? Progress, (DateOnly?, DateOnly?, string?, string?, Guid?) Extra)>();
            foreach (var item in items)
            {
                (string? Status, int? Progress) value = item.Kind switch
                {
                    // FindAsync returns the tracked item, with the workbook's changes already applied.
                    InquiryItemKind.Milestone => await db.Milestones.FindAsync([item.TargetId], cancellationToken) is { } m
                        ? (m.Status.Label(), m.Progress) : (null, null),
                    InquiryItemKind.Procedure => await db.Procedures.FindAsync([item.TargetId], cancellationToken) is { } p
                        ? (p.Stage.Label(), p.Stage.Progress()) : (null, null),
                    _ => await db.AutomationCases.FindAsync([item.TargetId], cancellationToken) is { Stage: { } stage }
                        && AutomationStages.All.Contains(stage) ? (stage, null) : (null, null),
                };
                // A milestone's answer is the milestone after the import, at its new version: applying it at
                // closing then finds nothing to change.
                var extra = item.Kind == InquiryItemKind.Milestone && db.Milestones.Local.FirstOrDefault(m => m.Id == item.TargetId) is { } milestone
                    ? (milestone.ActualStart, milestone.ActualEnd, milestone.DelayReason, milestone.Countermeasure, (Guid?)milestone.Version)
                    : default;
                if (value.Status is null || (item.AnswerStatus == value.Status && item.AnswerProgress == value.Progress
                    && (item.AnswerActualStart, item.AnswerActualEnd, item.AnswerDelayReason, item.AnswerCountermeasure, item.AnswerBaseVersion) == extra))
                {
                    continue;
                }
                answers.Add((item, value.Status, value.Progress, extra));
            }
            // Recorded only while the round is still open, in the caller's transaction (see ClaimOpenAsync).
            if (answers.Count == 0 || await ClaimOpenAsync(db, response.RoundId, cancellationToken) is null)
            {
                continue;
            }
            foreach (var (item, status, progress, extra) in answers)
            {
                item.AnswerStatus = status;
                item.AnswerProgress = progress;
                (item.AnswerActualStart, item.AnswerActualEnd, item.AnswerDelayReason, item.AnswerCountermeasure, item.AnswerBaseVersion) = extra;
                item.AnswerComment ??= WorkbookComment;
                item.AnsweredBy = userName;
                item.AnsweredAt = now;
                written++;
            }
            if (response.State == InquiryResponseState.NotAnswered)
            {
                response.State = InquiryResponseState.InProgress;
                response.Version = Guid.NewGuid();
            }
        }
        return written;
    }

    public const string WorkbookComment = "照会票 (Excel) で回答";

    /// <summary>The milestones behind a 課's 主管課 items, keyed by item: what an answer form starts from.</summary>
    public async Task<IReadOnlyDictionary<int, Milestone>> OwnedMilestonesAsync(IEnumerable<InquiryItem> items,
        CancellationToken cancellationToken = default)
    {
        var owned = items.Where(i => i.Kind == InquiryItemKind.Milestone).ToList();
        var ids = owned.Select(i => i.TargetId).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var milestones = await db.Milestones.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        return owned.Where(i => milestones.ContainsKey(i.TargetId)).ToDictionary(i => i.Id, i => milestones[i.TargetId]);
    }

    /// <summary>
    /// Runs a 主管課's answers on its milestones through the 照会票's import pipeline, as rows of the 工程 sheet: the
    /// 課 must own the milestone, the user may make the change, the editor's rules hold, and a milestone changed
    /// since the answer's version is a problem. The returned import applies the answers (tracked by <paramref name="db"/>).
    /// </summary>
    private async Task<(AnswerImport Import, Dictionary<int, Milestone> Milestones)> CheckOwnerAnswersAsync(RoadmapDbContext db,
        int departmentId, string roundName, IReadOnlyList<(InquiryItem Item, ItemAnswer Answer)> answers, ICurrentUser user,
        CancellationToken cancellationToken)
    {
        var department = await db.Departments.SingleAsync(d => d.Id == departmentId, cancellationToken);
        var ids = answers.Select(a => a.Item.TargetId).ToList();
        var milestones = await db.Milestones.Include(m => m.OwnerDepartment).Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        var rows = answers
            .Select(a => new InquiryRow<MilestoneEditModel>(a.Item.Order + 1, a.Item.TargetId,
                a.Answer.BaseVersion ?? milestones.GetValueOrDefault(a.Item.TargetId)?.Version, "", "", a.Item.Title,
                milestones.TryGetValue(a.Item.TargetId, out var m) ? EditOf(m, a.Answer) : null))
            .ToList();
        var import = new AnswerImport(db, department, user);
        await import.CheckAsync(new MilestoneAnswers(clock.Today, _thresholds, roundName), rows, cancellationToken);
        return (import, milestones);
    }

    /// <summary>The answer as an edit of the milestone: the fields the answer gives over the milestone's others.</summary>
    private static MilestoneEditModel EditOf(Milestone milestone, ItemAnswer answer)
    {
        var edit = MilestoneEditModel.From(milestone);
        if (StatusNames.TryParse(answer.Status, out var status))
        {
            edit.Status = status;
        }
        edit.Progress = answer.Progress ?? milestone.Progress;
        edit.ActualStart = answer.ActualStart?.ToDateTime(TimeOnly.MinValue);
        edit.ActualEnd = answer.ActualEnd?.ToDateTime(TimeOnly.MinValue);
        edit.DelayReason = answer.DelayReason;
        edit.Countermeasure = answer.Countermeasure;
        edit.Comment = answer.Comment;
        return edit;
    }

    /// <summary>The import's problems as sentences naming the item.</summary>
    private static List<string> Problems(AnswerImport import, IEnumerable<InquiryItem> items)
    {
        var titles = items.ToDictionary(i => i.Order + 1, i => i.Title);
        return import.Preview(null).Problems
            .Select(p => titles.GetValueOrDefault(p.Row) is { } title && !p.Message.Contains($"「{title}」", StringComparison.Ordinal)
                ? $"「{title}」: {p.Message}" : p.Message)
            .ToList();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string? Validate(InquiryItem item, ItemAnswer answer)
    {
        if (string.IsNullOrWhiteSpace(answer.Status) || !item.Kind.Statuses().Contains(answer.Status.Trim()))
        {
            return $"「{item.Title}」の状況を選んでください ({string.Join("・", item.Kind.Statuses())})。";
        }
        if (answer.Progress is < 0 or > 100)
        {
            return $"「{item.Title}」の進捗は 0～100 で入力してください。";
        }
        if (answer.Progress is null && item.Kind != InquiryItemKind.AutomationCase)
        {
            return $"「{item.Title}」の進捗を入力してください。";
        }
        if (answer.Comment?.Length > InquiryItem.CommentMaxLength)
        {
            return $"「{item.Title}」のコメントは{InquiryItem.CommentMaxLength}文字以内で入力してください。";
        }
        return null;
    }

    private static InquiryItemKind Root(InquiryItemKind kind) => kind == InquiryItemKind.RelatedEntry ? InquiryItemKind.Milestone : kind;

    private static async Task<(List<InquiryItem> Items, string? Error)> ExpandAsync(RoadmapDbContext db, InquiryTarget target,
        Dictionary<string, Department> departments, CancellationToken cancellationToken)
    {
        switch (target.Kind)
        {
            case InquiryItemKind.Milestone:
            case InquiryItemKind.RelatedEntry:
                var milestone = await db.Milestones.AsNoTracking().Include(m => m.OwnerDepartment)
                    .Include(m => m.Track!).ThenInclude(t => t.Initiative)
                    .SingleOrDefaultAsync(m => m.Id == target.TargetId, cancellationToken);
                if (milestone is null)
                {
                    return ([], "選んだ工程が見つかりません (削除された可能性があります)。");
                }
                if (milestone.IsExternal)
                {
                    return ([], $"「{milestone.Title}」は国・県の動きのため照会できません。");
                }
                var context = $"{milestone.Track!.Initiative!.Code} {milestone.Track.Title}";
                var items = new List<InquiryItem>
                {
                    new() { Kind = InquiryItemKind.Milestone, TargetId = milestone.Id, DepartmentId = milestone.OwnerDepartmentId, Title = milestone.Title, Context = context },
                };
                foreach (var related in milestone.RelatedDepartments.Distinct())
                {
                    if (departments.TryGetValue(related, out var department) && department.Id != milestone.OwnerDepartmentId)
                    {
                        items.Add(new() { Kind = InquiryItemKind.RelatedEntry, TargetId = milestone.Id, DepartmentId = department.Id, Title = milestone.Title, Context = context });
                    }
                }
                return (items, null);
            case InquiryItemKind.Procedure:
                var procedure = await db.Procedures.AsNoTracking().SingleOrDefaultAsync(p => p.Id == target.TargetId, cancellationToken);
                return procedure is null
                    ? ([], "選んだ手続が見つかりません。")
                    : ([new() { Kind = target.Kind, TargetId = procedure.Id, DepartmentId = procedure.DepartmentId, Title = procedure.Title, Context = "5.2 " + procedure.Category }], null);
            case InquiryItemKind.AutomationCase:
                var item = await db.AutomationCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == target.TargetId, cancellationToken);
                return item is null
                    ? ([], "選んだ AI・RPA 事例が見つかりません。")
                    : ([new() { Kind = target.Kind, TargetId = item.Id, DepartmentId = item.DepartmentId, Title = item.Business, Context = "5.3 AI・RPA" }], null);
            case InquiryItemKind.StandardSystem:
                var system = await db.StandardSystems.AsNoTracking().SingleOrDefaultAsync(s => s.Id == target.TargetId, cancellationToken);
                if (system is null)
                {
                    return ([], "選んだ基幹業務が見つかりません。");
                }
                return system.DepartmentId is { } owner
                    ? ([new() { Kind = target.Kind, TargetId = system.Id, DepartmentId = owner, Title = system.Name, Context = "5.1 標準化" }], null)
                    : ([], $"基幹業務「{system.Name}」に業務所管課がないため照会できません。計画の管理で所管課を設定してください。");
            default:
                return ([], "項目の種類が不正です。");
        }
    }

    private static async Task<(string? Status, int? Progress)> CurrentValueAsync(RoadmapDbContext db, InquiryItem item,
        CancellationToken cancellationToken)
    {
        switch (item.Kind)
        {
            case InquiryItemKind.Milestone:
                var milestone = await db.Milestones.AsNoTracking().SingleOrDefaultAsync(m => m.Id == item.TargetId, cancellationToken);
                return milestone is null ? (null, null) : (milestone.Status.Label(), milestone.Progress);
            case InquiryItemKind.RelatedEntry:
                var entry = await db.DepartmentEntries.AsNoTracking()
                    .SingleOrDefaultAsync(e => e.MilestoneId == item.TargetId && e.DepartmentId == item.DepartmentId, cancellationToken);
                return entry is null ? (null, null) : (entry.Status.Label(), entry.Progress);
            case InquiryItemKind.Procedure:
                var procedure = await db.Procedures.AsNoTracking().SingleOrDefaultAsync(p => p.Id == item.TargetId, cancellationToken);
                return procedure is null ? (null, null) : (procedure.Stage.Label(), procedure.Stage.Progress());
            case InquiryItemKind.AutomationCase:
                var automation = await db.AutomationCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == item.TargetId, cancellationToken);
                return (automation?.Stage, null);
            case InquiryItemKind.StandardSystem:
                var system = await db.StandardSystems.AsNoTracking().SingleOrDefaultAsync(s => s.Id == item.TargetId, cancellationToken);
                if (system is null)
                {
                    return (null, null);
                }
                var grid = ProgramIndicators.Standardisation([system], await db.StandardSteps.AsNoTracking().ToListAsync(cancellationToken),
                    await db.StandardStepChanges.AsNoTracking().Where(c => c.SystemId == system.Id).ToListAsync(cancellationToken));
                var row = grid.Systems[0];
                var status = row.Complete ? "完了" : row.Statuses.All(s => s == StepStatus.NotStarted) ? "未着手" : "作業中";
                return (status, (int)Math.Floor(row.Rate * 100));
            default:
                return (null, null);
        }
    }

    /// <summary>
    /// The open round and the 課's row in it, or why not. With <paramref name="answering"/>, that user must also be
    /// allowed to answer for the 課 (EditProgress on it).
    /// </summary>
    private static async Task<(InquiryRound? Round, InquiryResponse? Response, CommandResult? Refusal)> FindAsync(RoadmapDbContext db,
        int roundId, int departmentId, ICurrentUser? answering, CancellationToken cancellationToken)
    {
        if (answering is not null && !RoadmapPermissions.Can(answering.Principal, RoadmapAction.EditProgress, departmentId))
        {
            return (null, null, CommandResult.Denied(RoadmapAction.EditProgress));
        }
        var round = await db.InquiryRounds.SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return (null, null, CommandResult.Fail("この照会は見つかりません。"));
        }
        if (!round.IsOpen)
        {
            return (round, null, CommandResult.Fail(ClosedMessage));
        }
        var response = await db.InquiryResponses.SingleOrDefaultAsync(r => r.RoundId == roundId && r.DepartmentId == departmentId,
            cancellationToken);
        return response is null ? (round, null, CommandResult.Fail("この課はこの照会の対象ではありません。")) : (round, response, null);
    }

    /// <summary>
    /// Saves a change to an open round (answers, 回答済, 差戻し) in a transaction that first claims the round: see
    /// <see cref="ClaimOpenAsync"/>. Refused with <see cref="ClosedMessage"/> when the round closed since it was read.
    /// </summary>
    private static async Task<CommandResult> TrySaveWhileOpenAsync(RoadmapDbContext db, int roundId, ICurrentUser user, string message,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ClaimOpenAsync(db, roundId, cancellationToken) is null)
        {
            return CommandResult.Fail(ClosedMessage);
        }
        var result = await TrySaveAsync(db, user, message, cancellationToken);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return result;
    }

    /// <summary>
    /// Moves the round's version on, only while the round is still open: one conditional UPDATE, run first in the
    /// transaction of every write to a round, so the round's row is always the first lock taken. Closing claims it
    /// too, on condition that the version is still the one it read with the answers. The database then puts the two
    /// in order whoever comes second: a write after a closing finds no open round (null: refuse it), and a closing
    /// after a write finds another version (null: closing is refused, to be done again on what is now stored).
    /// SQLite lets one writer in at a time; PostgreSQL holds the row and re-checks the condition once the other
    /// commits — the same outcome on both. Two 課 answering together do not refuse each other: their condition is
    /// the state, not the version. Returns the round's new version, or null when the condition failed.
    /// </summary>
    internal static async Task<Guid?> ClaimOpenAsync(RoadmapDbContext db, int roundId, CancellationToken cancellationToken,
        Guid? expected = null)
    {
        var version = Guid.NewGuid();
        var rows = await db.InquiryRounds
            .Where(r => r.Id == roundId && r.State == InquiryRoundState.Open && (expected == null || r.Version == expected))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Version, version), cancellationToken);
        return rows == 1 ? version : null;
    }

    private static async Task<CommandResult> TrySaveAsync(RoadmapDbContext db, ICurrentUser user, string message,
        CancellationToken cancellationToken)
    {
        try
        {
            await SaveAsync(db, user, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Fail(ConflictMessage);
        }
        return CommandResult.Ok(message);
    }

    private static async Task SaveAsync(RoadmapDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        using (AuditActor.Begin(user.Name))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}

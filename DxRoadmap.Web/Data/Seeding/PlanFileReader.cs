using System.Globalization;
using System.Text.Json;
using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Web.Data.Seeding;

/// <summary>The plan as read from data/, checked and turned into entities linked by navigation properties.</summary>
public sealed record LoadedPlan(
    Plan Plan,
    IReadOnlyList<Department> Departments,
    IReadOnlyList<Initiative> Initiatives,
    IReadOnlyList<Milestone> Milestones,
    IReadOnlyList<OnlineProcedure> Procedures,
    IReadOnlyList<PeerMunicipality> Peers,
    IReadOnlyList<ReferenceItem> References,
    IReadOnlyList<StandardSystem> StandardSystems,
    IReadOnlyList<StandardStep> StandardSteps);

/// <summary>
/// Reads data/roadmap.json. Every problem is reported as a <see cref="PlanFileException"/> naming the file,
/// the item and the problem, before anything is written anywhere.
/// </summary>
public static class PlanFileReader
{
    public static readonly IReadOnlySet<string> InitiativeCodes = new HashSet<string> { "5.1", "5.2", "5.3", "5.4", "5.5" };

    public static readonly IReadOnlySet<string> ProcedureCategories = new HashSet<string> { "子育て", "介護", "被災支援", "転入・転出" };

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static LoadedPlan Read(string path)
    {
        var file = Path.GetFileName(path);
        PlanFile? data;
        try
        {
            using var stream = File.OpenRead(path);
            data = JsonSerializer.Deserialize<PlanFile>(stream, Json);
        }
        catch (FileNotFoundException ex)
        {
            throw new PlanFileException(path, "ファイル", "見つかりません", ex);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"{line + 1}行目" : "JSON";
            throw new PlanFileException(file, where, "JSON として読めません (" + ex.Message + ")", ex);
        }
        if (data is null)
        {
            throw new PlanFileException(file, "ファイル", "内容が空です");
        }
        return new Builder(file).Build(data);
    }

    private sealed class Builder(string file)
    {
        private readonly Dictionary<string, Department> _departments = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Initiative> _initiatives = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Track> _tracks = new(StringComparer.Ordinal);

        private PlanFileException Fail(string item, string problem) => new(file, item, problem);

        private static string Required(string? value, Func<PlanFileException> fail) =>
            string.IsNullOrWhiteSpace(value) ? throw fail() : value.Trim();

        public LoadedPlan Build(PlanFile data)
        {
            var header = data.Plan ?? throw Fail("plan", "計画の見出し (plan) がありません");
            var plan = new Plan
            {
                Title = Required(header.Title, () => Fail("plan", "title がありません")),
                Version = Required(header.Version, () => Fail("plan", "version がありません")),
                Issued = ParseDate(header.Issued, "plan", "issued")
                    ?? throw Fail("plan", "issued がありません"),
                OwnerDepartment = Required(header.OwnerDepartment, () => Fail("plan", "ownerDepartment がありません")),
            };

            foreach (var dto in data.Departments ?? [])
            {
                var name = Required(dto.Name, () => Fail("departments", "name のない課があります"));
                if (!_departments.TryAdd(name, new Department { Name = name, Division = dto.Division?.Trim() }))
                {
                    throw Fail($"課「{name}」", "課名が重複しています");
                }
            }
            Department(plan.OwnerDepartment, "plan");

            var order = 0;
            foreach (var dto in data.Initiatives ?? [])
            {
                var code = Required(dto.Code, () => Fail("initiatives", "code のない重点取組があります"));
                if (!InitiativeCodes.Contains(code))
                {
                    throw Fail($"重点取組「{code}」", "未知の重点取組コードです (5.1～5.5)");
                }
                var initiative = new Initiative
                {
                    Code = code,
                    Title = Required(dto.Title, () => Fail($"重点取組「{code}」", "title がありません")),
                    Aim = dto.Aim,
                    LeadDepartment = Department(Required(dto.LeadDepartment,
                        () => Fail($"重点取組「{code}」", "leadDepartment がありません")), $"重点取組「{code}」").Name,
                    Order = ++order,
                };
                if (!_initiatives.TryAdd(code, initiative))
                {
                    throw Fail($"重点取組「{code}」", "コードが重複しています");
                }
            }

            order = 0;
            foreach (var dto in data.Tracks ?? [])
            {
                var id = Required(dto.Id, () => Fail("tracks", "id のない取組項目があります"));
                var item = $"取組項目「{id}」";
                var initiativeCode = Required(dto.Initiative, () => Fail(item, "initiative がありません"));
                if (!_initiatives.TryGetValue(initiativeCode, out var initiative))
                {
                    throw Fail(item, $"未知の重点取組コード「{initiativeCode}」です");
                }
                var track = new Track
                {
                    Code = id,
                    Title = Required(dto.Title, () => Fail(item, "title がありません")),
                    RecurringYearly = dto.RecurringYearly,
                    Initiative = initiative,
                    Order = ++order,
                };
                if (!_tracks.TryAdd(id, track))
                {
                    throw Fail(item, "id が重複しています");
                }
                initiative.Tracks.Add(track);
            }

            var milestones = new List<Milestone>();
            var milestoneIds = new HashSet<string>(StringComparer.Ordinal);
            order = 0;
            foreach (var dto in data.Milestones ?? [])
            {
                var milestone = BuildMilestone(dto, ++order);
                if (!milestoneIds.Add(milestone.Code))
                {
                    throw Fail($"工程「{milestone.Code}」", "id が重複しています");
                }
                milestones.Add(milestone);
            }

            var procedures = new List<OnlineProcedure>();
            order = 0;
            foreach (var dto in data.Procedures ?? [])
            {
                var title = Required(dto.Title, () => Fail("procedures", "title のない手続があります"));
                var item = $"手続「{title}」";
                var category = Required(dto.Category, () => Fail(item, "category がありません"));
                if (!ProcedureCategories.Contains(category))
                {
                    throw Fail(item, $"未知の分類「{category}」です ({string.Join("、", ProcedureCategories)})");
                }
                procedures.Add(new OnlineProcedure
                {
                    Title = title,
                    Category = category,
                    Department = Department(Required(dto.Department, () => Fail(item, "department がありません")), item),
                    Order = ++order,
                });
            }

            var peers = new List<PeerMunicipality>();
            order = 0;
            foreach (var dto in data.Peers ?? [])
            {
                var name = Required(dto.Name, () => Fail("peers", "name のない団体があります"));
                if (dto.Population <= 0 || dto.Staff <= 0 || dto.HoursSaved < 0 || dto.HoursSavedMax < dto.HoursSaved)
                {
                    throw Fail($"団体「{name}」", "人口・職員数・削減時間の値が不正です");
                }
                peers.Add(new PeerMunicipality
                {
                    Name = name,
                    Type = dto.Type ?? "",
                    Population = dto.Population,
                    Staff = dto.Staff,
                    Tasks = dto.Tasks,
                    HoursSaved = dto.HoursSaved,
                    HoursSavedMax = dto.HoursSavedMax,
                    Estimate = dto.Estimate,
                    Order = ++order,
                });
            }

            var references = new List<ReferenceItem>();
            foreach (var step in data.WorkSteps ?? [])
            {
                references.Add(new ReferenceItem
                {
                    List = ReferenceItem.WorkSteps,
                    No = step.No,
                    Title = Required(step.Title, () => Fail("workSteps", $"{step.No} の title がありません")),
                });
            }
            var no = 0;
            foreach (var viewpoint in data.RationalisationViewpoints ?? [])
            {
                references.Add(new ReferenceItem { List = ReferenceItem.RationalisationViewpoints, No = ++no, Title = viewpoint });
            }
            no = 0;
            foreach (var target in data.AutomationTargets ?? [])
            {
                references.Add(new ReferenceItem
                {
                    List = ReferenceItem.AutomationTargets,
                    No = ++no,
                    Title = Department(target, "automationTargets").Name,
                });
            }

            var (systems, steps) = BuildStandardisation(data.Standardisation);
            return new LoadedPlan(plan, [.. _departments.Values], [.. _initiatives.Values], milestones, procedures,
                peers, references, systems, steps);
        }

        private (List<StandardSystem>, List<StandardStep>) BuildStandardisation(StandardisationDto? data)
        {
            var systems = new List<StandardSystem>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dto in data?.Systems ?? [])
            {
                var name = Required(dto.Name, () => Fail("standardisation.systems", "name のないシステムがあります"));
                if (!names.Add(name))
                {
                    throw Fail($"標準化対象「{name}」", "名前が重複しています");
                }
                systems.Add(new StandardSystem
                {
                    Name = name,
                    Department = dto.Department is null ? null : Department(dto.Department, $"標準化対象「{name}」"),
                    Order = systems.Count + 1,
                });
            }
            var steps = new List<StandardStep>();
            foreach (var dto in data?.Steps ?? [])
            {
                var item = $"標準化の手順 {dto.No}";
                if (steps.Any(s => s.No == dto.No))
                {
                    throw Fail(item, "番号が重複しています");
                }
                var code = Required(dto.Code, () => Fail(item, "code がありません"));
                if (steps.Any(s => s.Code == code))
                {
                    throw Fail(item, $"コード「{code}」が重複しています");
                }
                steps.Add(new StandardStep
                {
                    No = dto.No,
                    Code = code,
                    Title = Required(dto.Title, () => Fail(item, "title がありません")),
                });
            }
            return (systems, steps);
        }

        private Milestone BuildMilestone(MilestoneDto dto, int order)
        {
            var id = Required(dto.Id, () => Fail("milestones", $"{order}件目の工程に id がありません"));
            var item = $"工程「{id}」";
            var trackId = Required(dto.Track, () => Fail(item, "track がありません"));
            if (!_tracks.TryGetValue(trackId, out var track))
            {
                throw Fail(item, $"未知の取組項目「{trackId}」です");
            }
            var kind = dto.Kind switch
            {
                "point" => MilestoneKind.Point,
                "span" => MilestoneKind.Span,
                _ => throw Fail(item, $"kind は point か span で指定してください (「{dto.Kind}」)"),
            };
            PlanDate? start, end;
            if (kind == MilestoneKind.Point)
            {
                start = end = ParseDate(dto.Date, item, "date") ?? throw Fail(item, "point には date が必要です");
            }
            else
            {
                start = ParseDate(dto.Start, item, "start") ?? throw Fail(item, "span には start が必要です");
                end = ParseDate(dto.End, item, "end");
                if (end is null && !dto.OpenEnded)
                {
                    throw Fail(item, "end がありません (期限のない工程は openEnded を true にしてください)");
                }
                if (end is { } e && e.LastDay < start.Value.FirstDay)
                {
                    throw Fail(item, $"終了 {e.ToIso()} が開始 {start.Value.ToIso()} より前です");
                }
            }
            var source = dto.Source switch
            {
                null or "plan" => MilestoneSource.Plan,
                "national" => MilestoneSource.National,
                _ => throw Fail(item, $"source は plan か national で指定してください (「{dto.Source}」)"),
            };
            var related = (dto.Related ?? []).Select(name => Department(name, item).Name).Distinct().ToList();
            return new Milestone
            {
                Code = id,
                Track = track,
                Title = Required(dto.Title, () => Fail(item, "title がありません")),
                Kind = kind,
                PlannedStart = start,
                PlannedEnd = end,
                BaselineStart = start,
                BaselineEnd = end,
                OpenEnded = dto.OpenEnded,
                Deadline = dto.Deadline,
                ExternalActor = string.IsNullOrWhiteSpace(dto.External) ? null : dto.External.Trim(),
                RecurringYearly = dto.RecurringYearly || track.RecurringYearly,
                OwnerDepartment = Department(Required(dto.Owner, () => Fail(item, "owner (主管課) がありません")), item),
                RelatedDepartments = related,
                Source = source,
                Note = dto.Note,
                Order = order,
            };
        }

        private PlanDate? ParseDate(string? text, string item, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            return PlanDate.TryParse(text, out var value)
                ? value
                : throw Fail(item, $"{field} の日付「{text}」は YYYY-MM か YYYY-MM-DD で書いてください");
        }

        private Department Department(string name, string item) =>
            _departments.TryGetValue(name.Trim(), out var department)
                ? department
                : throw Fail(item, $"未知の課「{name}」です (departments に登録してください)");
    }

    internal static DateOnly? ParseDay(string? text, string file, string item) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new PlanFileException(file, item, $"日付「{text}」は YYYY-MM-DD で書いてください");
}

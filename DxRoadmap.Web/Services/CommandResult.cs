using DxRoadmap.Web.Services.Authorization;

namespace DxRoadmap.Web.Services;

/// <summary>The outcome of a command: saved, nothing to save, refused with field messages, or failed with a message.</summary>
public sealed record CommandResult(
    bool Succeeded,
    string? Message,
    IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors,
    Guid? NewVersion = null,
    bool NothingChanged = false,
    EditConflict? Conflict = null)
{
    public static CommandResult Ok(string message, Guid? version = null) => new(true, message, FieldMessages.None, version);

    public static CommandResult Unchanged(string message, Guid? version = null) => new(true, message, FieldMessages.None, version, true);

    public static CommandResult Fail(string message) => new(false, message, FieldMessages.None);

    public static CommandResult Conflicted(string message, EditConflict conflict) => new(false, message, FieldMessages.None, Conflict: conflict);

    /// <summary>Refused by <see cref="RoadmapPermissions"/>: the same message whether the button was hidden or not.</summary>
    public static CommandResult Denied(RoadmapAction action) => Fail(RoadmapPermissions.DeniedMessage(action));

    public static CommandResult Invalid(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) =>
        new(false, "入力内容を確認してください。", errors);
}

/// <summary>Loads a milestone for editing and saves the edit together with its history entry.</summary>

/// <summary>
/// Messages per field, as a validator collects them (a field may have several) and a form shows them beside the field.
/// </summary>
public sealed class FieldMessages
{
    /// <summary>No message for any field.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> None { get; } = new Dictionary<string, IReadOnlyList<string>>();

    private readonly Dictionary<string, List<string>> _messages = [];

    public void Add(string field, string message)
    {
        if (!_messages.TryGetValue(field, out var list))
        {
            _messages[field] = list = [];
        }
        list.Add(message);
    }

    public bool Has(string field) => _messages.ContainsKey(field);

    public int Count => _messages.Count;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToDictionary() =>
        _messages.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value);
}

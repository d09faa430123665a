using System.Text.Json;
using DxRoadmap.Domain.Roadmap;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DxRoadmap.Web.Data;

/// <summary>Stores a plan date as "2022-03" (month) or "2022-03-15" (day), so the precision survives.</summary>
public sealed class PlanDateConverter() : ValueConverter<PlanDate, string>(
    value => value.ToIso(),
    text => PlanDate.Parse(text));

/// <summary>Stores the field changes of one progress update as a JSON array.</summary>
internal static class FieldChangesConversion
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly ValueConverter<List<FieldChange>, string> Converter = new(
        value => JsonSerializer.Serialize(value, Json),
        text => JsonSerializer.Deserialize<List<FieldChange>>(text, Json) ?? new List<FieldChange>());

    public static readonly ValueComparer<List<FieldChange>> Comparer = new(
        (a, b) => a != null && b != null && a.SequenceEqual(b),
        value => value.Aggregate(0, (hash, change) => HashCode.Combine(hash, change.GetHashCode())),
        value => value.ToList());
}

/// <summary>Writes a moment as UTC (PostgreSQL timestamptz) and reads it back in Japan time.</summary>
public sealed class JapanTimeConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    value => TimeZoneInfo.ConvertTime(value, JapanTime.Zone));

public static class JapanTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
}

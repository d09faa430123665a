using System.Collections.Concurrent;

namespace DxRoadmap.Web.Services;

/// <summary>The one rule for the small tables of kept results (as-of views, assessments, dashboards, chart layouts).</summary>
internal static class KeptValues
{
    /// <summary>
    /// Keeps <paramref name="value"/> under <paramref name="key"/> and returns what is kept: when another caller kept
    /// one first, that one, so everybody shares it. A table already holding <paramref name="limit"/> values is emptied
    /// first: the few values in use come back at once, and an unusual run of keys cannot grow it without bound.
    /// </summary>
    public static TValue Keep<TKey, TValue>(this ConcurrentDictionary<TKey, TValue> kept, TKey key, TValue value, int limit)
        where TKey : notnull
    {
        if (kept.Count >= limit)
        {
            kept.Clear();
        }
        return kept.GetOrAdd(key, value);
    }
}

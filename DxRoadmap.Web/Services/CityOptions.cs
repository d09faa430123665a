namespace DxRoadmap.Web.Services;

/// <summary>The city's own figures for the AI・RPA comparison (not in the plan; set in configuration).</summary>
public sealed class CityOptions
{
    public string Name { get; set; } = "姶良市";
    /// <summary>The 都道府県 whose 団体 the city is compared with (5.1 完了率).</summary>
    public string Prefecture { get; set; } = "鹿児島県";
    public int? Population { get; set; }
    public int? Staff { get; set; }
}

namespace DxRoadmap.Web.Services;

/// <summary>The city's own figures for the AI・RPA comparison (not in the plan; set in configuration).</summary>
public sealed class CityOptions
{
    public string Name { get; set; } = "姶良市";
    public int? Population { get; set; }
    public int? Staff { get; set; }
}

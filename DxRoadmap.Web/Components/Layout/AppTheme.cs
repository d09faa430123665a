using MudBlazor;

namespace DxRoadmap.Web.Components.Layout;

/// <summary>
/// The house theme. Fonts come from the user's machine (BIZ UDPGothic ships with Windows 10+): nothing is
/// downloaded, since the app runs in a closed municipal network.
/// </summary>
public static class AppTheme
{
    public static readonly string[] FontFamily =
        ["BIZ UDPGothic", "Yu Gothic UI", "Meiryo", "Noto Sans JP", "Noto Sans CJK JP", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1b4f8a",
            Secondary = "#2e7d5b",
            AppbarBackground = "#1b4f8a",
            Info = "#1565c0",
            Success = "#2e7d32",
            // Dark enough for 4.5:1 as chip text on white, the table's tinted rows and the warning tint (JIS X 8341-3 AA).
            Warning = "#8a5300",
            Error = "#c62828",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
            H1 = new H1Typography { FontFamily = FontFamily },
            H2 = new H2Typography { FontFamily = FontFamily },
            H3 = new H3Typography { FontFamily = FontFamily },
            H4 = new H4Typography { FontFamily = FontFamily },
            H5 = new H5Typography { FontFamily = FontFamily, FontSize = "1.5rem" },
            H6 = new H6Typography { FontFamily = FontFamily, FontSize = "1.15rem" },
            Body1 = new Body1Typography { FontFamily = FontFamily },
            Body2 = new Body2Typography { FontFamily = FontFamily },
            Button = new ButtonTypography { FontFamily = FontFamily },
            Caption = new CaptionTypography { FontFamily = FontFamily },
            Subtitle1 = new Subtitle1Typography { FontFamily = FontFamily },
            Subtitle2 = new Subtitle2Typography { FontFamily = FontFamily },
        },
    };
}

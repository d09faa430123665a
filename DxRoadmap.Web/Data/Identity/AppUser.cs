using DxRoadmap.Domain.Roadmap;
using Microsoft.AspNetCore.Identity;

namespace DxRoadmap.Web.Data.Identity;

/// <summary>A staff account. A department head is linked to the 課 whose milestones they may update.</summary>
public sealed class AppUser : IdentityUser
{
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }

    /// <summary>Disabled accounts cannot sign in and lose an open session at the next revalidation.</summary>
    public bool Disabled { get; set; }
}

/// <summary>The four roles. The stored names are English; <see cref="Label"/> is what users read.</summary>
public static class AppRoles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string DepartmentHead = "DepartmentHead";
    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Editor, DepartmentHead, Viewer];

    public static string Label(string role) => role switch
    {
        Admin => "管理者",
        Editor => "推進課",
        DepartmentHead => "所属長",
        Viewer => "閲覧",
        _ => role,
    };

    /// <summary>The stored name for a name given in any case, or null when there is no such role.</summary>
    public static string? Find(string? name) =>
        All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Claim types the app adds to the signed-in principal.</summary>
public static class AppClaims
{
    public const string DepartmentId = "dxroadmap:department_id";
    public const string Department = "dxroadmap:department";
}

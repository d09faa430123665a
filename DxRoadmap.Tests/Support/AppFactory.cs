using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DxRoadmap.Tests.Support;

/// <summary>The whole app on a fresh temporary SQLite database, seeded from the repository's data/.</summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new();

    public string DatabasePath => _folder.File("roadmap.db");

    protected virtual bool SampleProgress => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the build-time asset manifest is not read by default; the tests run from the
        // build output, so point the host at it as `dotnet run` does.
        builder.UseStaticWebAssets();
        builder.UseSetting("Data:Directory", RepoPaths.DataDirectory);
        builder.UseSetting("ConnectionStrings:Roadmap", $"Data Source={DatabasePath}");
        builder.UseSetting("Seed:SampleProgress", SampleProgress ? "true" : "false");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
    }
}

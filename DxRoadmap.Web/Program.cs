using DxRoadmap.Web;
using DxRoadmap.Web.Cli;
using DxRoadmap.Web.Data.Seeding;

// `dotnet run -- report ...` and other commands run without starting the web server.
if (args.Length > 0 && CommandLine.Handles(args[0]))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDxRoadmap();
var app = builder.Build();
app.UseDxRoadmap();

try
{
    await app.RunAsync();
}
catch (PlanFileException ex)
{
    // A broken plan file stops start-up with one message; the seeder has written nothing.
    Console.Error.WriteLine(ex.Message);
    return 1;
}
return 0;

public partial class Program;

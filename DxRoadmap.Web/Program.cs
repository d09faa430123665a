using DxRoadmap.Web;
using DxRoadmap.Web.Cli;
using DxRoadmap.Web.Data.Seeding;

// Command-line commands run against the same database without starting the web server.
if (args.Length > 0 && CliCommands.All.TryGetValue(args[0], out var command))
{
    await using var cli = await CliHost.BuildAsync(command.Configure);
    return await command.Run(args[1..], cli.Services);
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

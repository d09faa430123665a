using DxRoadmap.Web;
using DxRoadmap.Web.Data.Seeding;

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

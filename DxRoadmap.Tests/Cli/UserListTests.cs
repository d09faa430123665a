using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Cli;
using DxRoadmap.Web.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Cli;

/// <summary>`user list` judges a lock-out by the host's clock, as the sign-in page does.</summary>
public class UserListTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("2030-06-30", "ロック中")]
    [InlineData("2030-07-02", "有効")]
    public async Task List_ShowsALockOut_UntilItEndsByTheHostsClock(string today, string state)
    {
        await using var host = await CliHost.BuildAsync(builder =>
        {
            builder.Configuration["Data:Directory"] = RepoPaths.DataDirectory;
            builder.Configuration["ConnectionStrings:Roadmap"] = $"Data Source={_folder.File("roadmap.db")}";
            builder.Configuration["Security:KeysDirectory"] = _folder.File("keys");
            builder.Services.AddSingleton<TimeProvider>(FixedTime.On(today));
        });
        var add = await UserCommands.RunAsync(["add", "--name", "suzuki", "--role", "Viewer", "--password-stdin"], host.Services,
            new StringReader("long-enough-password\n"), TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, add);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync("suzuki"))!;
            await users.SetLockoutEndDateAsync(user, new DateTimeOffset(2030, 7, 1, 0, 0, 0, TimeSpan.FromHours(9)));
        }
        var output = new StringWriter();

        await UserCommands.RunAsync(["list"], host.Services, new StringReader(""), output, TextWriter.Null);

        Assert.Contains($"suzuki\t閲覧\t-\t{state}", output.ToString());
    }
}

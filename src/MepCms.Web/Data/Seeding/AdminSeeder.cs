using System.Security.Cryptography;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Data.Seeding;

/// <summary>Creates the roles, and the first admin when the database has no user at all.</summary>
internal sealed class AdminSeeder(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<AdminOptions> options,
    IHostEnvironment environment,
    ILogger<AdminSeeder> logger)
{
    public async Task SeedAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        if (users.Users.Any())
        {
            return;
        }
        var email = options.Value.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            logger.LogWarning("No user exists and Admin:Email is not set, so no administrator was created");
            return;
        }

        var password = options.Value.Password;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24);
        }

        var admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator" };
        Check(await users.CreateAsync(admin, password!));
        Check(await users.AddToRoleAsync(admin, Roles.Admin));

        if (generated)
        {
            var file = WritePasswordFile(password!);
            logger.LogWarning("Created the first administrator {Email}; the generated password is in {PasswordFile}", email, file);
        }
        else
        {
            logger.LogInformation("Created the first administrator {Email} from the Admin settings", email);
        }
    }

    private string WritePasswordFile(string password)
    {
        var file = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PasswordFile));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var stream = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            stream.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        // No byte-order mark: the operator reads the file with cat and pastes the password.
        using (var writer = new StreamWriter(file, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), stream))
        {
            writer.WriteLine(password);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return file;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding the administrator failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

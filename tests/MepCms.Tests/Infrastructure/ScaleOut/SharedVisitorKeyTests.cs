using System.Security.Cryptography;
using System.Text;
using MepCms.Tests.Support;
using MepCms.Web.Features.Ratings;
using MepCms.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Infrastructure.ScaleOut;

/// <summary>
/// The readers' hash key is stored once in the database, encrypted, so every instance recognises
/// the same reader with no setting and no shared file; a key file of an older version is moved
/// there, so readers who rated before are still recognised (decision 0283).
/// </summary>
public sealed class SharedVisitorKeyTests : IDisposable
{
    private readonly SharedDatabase _database = new();
    private readonly List<AppInstance> _instances = [];

    private AppInstance Start(Dictionary<string, string?>? settings = null)
    {
        var instance = new AppInstance(_database.File, settings);
        instance.StartServer();
        _instances.Add(instance);
        return instance;
    }

    private static string Hash(AppInstance instance, string id) => instance.Services.GetRequiredService<VisitorIdentity>().Hash(id);

    private static string Expected(byte[] key, string id) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(id)));

    [Fact]
    public async Task Two_instances_with_no_key_setting_and_no_shared_folder_recognise_the_same_reader()
    {
        var (a, b) = (Start(), Start());
        var id = VisitorIdentity.NewId();

        Assert.Equal(Hash(a, id), Hash(b, id));
        var stored = await a.WithDbAsync(db => db.SharedSecrets.AsNoTracking().ToListAsync());
        Assert.Equal(VisitorIdentity.KeyName, Assert.Single(stored).Name);
    }

    [Fact]
    public async Task A_key_file_of_an_older_version_moves_into_the_database_encrypted_and_earlier_readers_are_still_recognised()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var file = Path.Combine(_database.Folder, "rating-visitor-key");
        File.WriteAllText(file, Convert.ToBase64String(key));
        var id = VisitorIdentity.NewId();

        var old = Start(new() { ["Ratings:VisitorHashKeyFile"] = file });
        var hashed = Hash(old, id);
        var other = Start(); // its own folder, no file

        Assert.Equal(Expected(key, id), hashed);
        Assert.Equal(hashed, Hash(other, id));
        var protectedValue = await old.WithDbAsync(db => db.SharedSecrets.Select(s => s.ProtectedValue).SingleAsync());
        Assert.DoesNotContain(Convert.ToBase64String(key), protectedValue, StringComparison.Ordinal);
        Assert.NotEqual(key, Convert.FromBase64String(protectedValue));
        Assert.Contains(old.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Moved the visitor hash key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Instances_asking_at_the_same_moment_get_one_secret()
    {
        var (a, b) = (Start(), Start());
        var secrets = new[] { a, b }.Select(i => i.Services.GetRequiredService<SharedSecrets>()).ToList();

        var values = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => secrets[n % 2].GetOrCreate("Test.Race", () => null).Value)));

        Assert.All(values, v => Assert.Equal(values[0], v));
        Assert.Equal(1, await a.WithDbAsync(db => db.SharedSecrets.CountAsync(s => s.Name == "Test.Race")));
    }

    [Fact]
    public void A_configured_key_still_wins()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var instance = Start(new() { ["Ratings:VisitorHashKey"] = Convert.ToBase64String(key) });
        var id = VisitorIdentity.NewId();

        Assert.Equal(Expected(key, id), Hash(instance, id));
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }
        _database.Dispose();
    }
}

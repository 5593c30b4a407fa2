using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MepCms.Tests.Support;
using MepCms.Web.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Infrastructure.ScaleOut;

/// <summary>With a certificate configured, the Data Protection keys are stored encrypted, and read back after a restart.</summary>
public sealed class KeyEncryptionTests : IDisposable
{
    private readonly SharedDatabase _database = new();

    private string Certificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=MepCms key encryption (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_database.Folder, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    private static IDataProtector Protector(AppInstance app) => app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

    private static bool WarnedOfPlainKeys(AppInstance app) => app.Logs.Events.Any(e => e.RenderMessage().Contains("No XML encryptor configured", StringComparison.Ordinal));

    [Fact]
    public async Task Keys_are_stored_encrypted_with_the_certificate_and_read_back_after_a_restart()
    {
        var settings = new Dictionary<string, string?>
        {
            [DataProtectionSetup.CertificatePathKey] = Certificate("pfx password"), [DataProtectionSetup.CertificatePasswordKey] = "pfx password",
        };
        string sealedText;
        await using (var before = new AppInstance(_database.File, settings))
        {
            before.StartServer();
            sealedText = Protector(before).Protect("still readable");
            var xml = await before.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
            Assert.NotEmpty(xml);
            Assert.All(xml, key => Assert.Contains("EncryptedData", key));
            Assert.All(xml, key => Assert.DoesNotContain("<value>", key));
            Assert.False(WarnedOfPlainKeys(before));
        }

        await using var after = new AppInstance(_database.File, settings);
        after.StartServer();

        Assert.Equal("still readable", Protector(after).Unprotect(sealedText));
    }

    [Fact]
    public async Task Without_a_certificate_keys_are_plain_and_the_framework_says_so()
    {
        await using var app = new AppInstance(_database.File);
        app.StartServer();
        Protector(app).Protect("anything");

        Assert.Contains("<value>", (await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).FirstAsync())));
        Assert.True(WarnedOfPlainKeys(app));
    }

    [Theory]
    [InlineData("missing.pfx", "could not be loaded")]
    [InlineData("wrong-password", "could not be loaded")]
    public void A_certificate_that_does_not_load_stops_the_start_with_the_reason(string kind, string message)
    {
        var path = kind == "missing.pfx" ? Path.Combine(_database.Folder, "missing.pfx") : Certificate("right");
        var settings = new Dictionary<string, string?> { [DataProtectionSetup.CertificatePathKey] = path, [DataProtectionSetup.CertificatePasswordKey] = "wrong" };
        using var app = new AppInstance(_database.File, settings);

        var error = Assert.ThrowsAny<Exception>(() => app.StartServer());

        Assert.Contains(message, error.ToString());
    }

    public void Dispose() => _database.Dispose();
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MepCms.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Infrastructure.Security;

public static class DataProtectionSetup
{
    /// <summary>
    /// Every instance, and every restart, reads one key ring from the database under one fixed
    /// application name, so a sign-in cookie or form token made by one is valid on all.
    /// </summary>
    public const string ApplicationName = "MepCms";

    /// <summary>A PKCS#12 file (.pfx) whose certificate encrypts the keys at rest; its password beside it.</summary>
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    /// <remarks>
    /// With <see cref="CertificatePathKey"/> set, every new key is stored encrypted with the certificate
    /// (and read back with it); without, keys are stored as plain XML in the database, as before, and
    /// the framework says so once at start. A path that does not load stops the start with the reason.
    /// </remarks>
    public static IServiceCollection AddMepCmsDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<MepCmsDbContext>();
        if (configuration[CertificatePathKey] is { Length: > 0 } path)
        {
            var certificate = LoadCertificate(path, configuration[CertificatePasswordKey]);
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        return services;
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{CertificatePathKey} names a certificate that could not be loaded ({exception.Message}). Check the path and {CertificatePasswordKey}.", exception);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate at {CertificatePathKey} has no private key: the keys it encrypts could not be read back.");
        }
        return certificate;
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.Property(k => k.FriendlyName).HasMaxLength(256);
        // A key's XML is about 1 KB; an encrypted one more. Above 4000 SQL Server uses nvarchar(max).
        builder.Property(k => k.Xml).HasMaxLength(16_000);
    }
}

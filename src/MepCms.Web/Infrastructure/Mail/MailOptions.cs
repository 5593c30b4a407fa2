using System.ComponentModel.DataAnnotations;

namespace MepCms.Web.Infrastructure.Mail;

public enum MailTransportKind { None, Pickup, Smtp }

public enum SmtpSecurity { None, StartTls, SslOnConnect }

/// <summary>The `Mail` section: how the site sends its messages, and as whom.</summary>
public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Mail";

    /// <summary>`Smtp`, `Pickup` (each message a .eml file in <see cref="PickupFolder"/>) or `None`.</summary>
    public MailTransportKind Transport { get; set; } = MailTransportKind.None;

    /// <summary>Where `Pickup` writes its .eml files; a relative path is under the content root.</summary>
    public string PickupFolder { get; set; } = "App_Data/mail";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The sender's address of every message: one plain mailbox.</summary>
    public string? From { get; set; }

    /// <summary>The sender's name; `Site:Name` when empty.</summary>
    public string? FromName { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Transport == MailTransportKind.None)
        {
            yield break;
        }
        if (!MailAddresses.IsPlainMailbox(From))
        {
            yield return new ValidationResult($"Mail:From must be one plain e-mail address (like press@example.eu) when Mail:Transport is {Transport}.", [nameof(From)]);
        }
        if (Transport == MailTransportKind.Smtp && string.IsNullOrWhiteSpace(Smtp.Host))
        {
            yield return new ValidationResult("Mail:Smtp:Host is required when Mail:Transport is Smtp.", [nameof(Smtp)]);
        }
        if (Smtp.Port is < 1 or > 65535)
        {
            yield return new ValidationResult("Mail:Smtp:Port must be between 1 and 65535.", [nameof(Smtp)]);
        }
        if (string.IsNullOrEmpty(Smtp.UserName) != string.IsNullOrEmpty(Smtp.Password))
        {
            yield return new ValidationResult("Mail:Smtp:UserName and Mail:Smtp:Password go together: set both or neither.", [nameof(Smtp)]);
        }
        if (Transport == MailTransportKind.Pickup && string.IsNullOrWhiteSpace(PickupFolder))
        {
            yield return new ValidationResult("Mail:PickupFolder is required when Mail:Transport is Pickup.", [nameof(PickupFolder)]);
        }
    }
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

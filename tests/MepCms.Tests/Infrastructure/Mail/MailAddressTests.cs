using MepCms.Web.Infrastructure.Mail;

namespace MepCms.Tests.Infrastructure.Mail;

/// <summary>Only one plain mailbox is an address: nothing a visitor types can add a header or a second recipient.</summary>
public sealed class MailAddressTests
{
    [Theory]
    [InlineData("anna@example.eu", "anna@example.eu")]
    [InlineData("  Anna.Smit@Example.EU ", "Anna.Smit@example.eu")]
    [InlineData("jörg@beispiel.de", "jörg@beispiel.de")]
    [InlineData("first+alerts@newsroom.example.org", "first+alerts@newsroom.example.org")]
    public void A_plain_mailbox_is_accepted_with_its_domain_in_lower_case(string input, string expected) =>
        Assert.Equal(expected, MailAddresses.Normalise(input));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("anna")]
    [InlineData("anna@")]
    [InlineData("@example.eu")]
    [InlineData("anna@localhost")]
    [InlineData("anna@example.eu\r\nBcc: everyone@example.org")]
    [InlineData("anna@example.eu\nX-Injected: 1")]
    [InlineData("anna@example.eu, bob@example.eu")]
    [InlineData("anna@example.eu; bob@example.eu")]
    [InlineData("Anna Smit <anna@example.eu>")]
    [InlineData("\"Anna\" anna@example.eu")]
    [InlineData("anna@example.eu (Anna)")]
    [InlineData("undisclosed-recipients:;")]
    [InlineData("anna @example.eu")]
    [InlineData("anna@example..eu.")]
    public void Anything_but_one_plain_mailbox_is_refused(string input) => Assert.Null(MailAddresses.Normalise(input));

    [Fact]
    public void An_address_longer_than_254_characters_is_refused() =>
        Assert.Null(MailAddresses.Normalise(new string('a', 250) + "@example.eu"));
}

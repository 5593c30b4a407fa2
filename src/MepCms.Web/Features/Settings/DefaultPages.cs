namespace MepCms.Web.Features.Settings;

/// <summary>
/// The built-in legal notice, privacy notice and accessibility statement: true of MepCms as it is
/// shipped, shown until the office writes its own at /admin/settings.
/// </summary>
public static class DefaultPages
{
    private static string Contact(Brand brand) =>
        brand.PressEmail is { } email ? $"by e-mail to <{email}>" : brand.PressPhone is { } phone ? $"by telephone on {phone}" : "through the press contact given on each statement";

    public static string LegalNotice(Brand brand) => $"""
        This website is published by the press office of **{brand.Name}**.

        ## Who is responsible

        The press office is responsible for the content of this website. You can reach it {Contact(brand)}.{(brand.PressAddress is { } address ? $"\n\nPostal address: {address}" : "")}

        ## What the statements are

        The statements on this website express the views of the Members of the European Parliament who
        make them. They are not official positions of the European Parliament, which is not responsible for
        their content.

        ## Reusing the content

        Journalists and readers may quote and reproduce the statements, in whole or in part, provided the
        source is named and the meaning is not changed. Photographs may carry their own credit and licence;
        where they do, that licence applies.

        ## Links to other websites

        Statements may link to other websites. The press office has no control over them and is not
        responsible for their content.
        """;

    public static string Privacy(Brand brand) => $"""
        This notice explains what personal data **{brand.Name}** processes when you use this website, and why.

        ## Reading the website

        Reading statements sets no cookie and stores nothing about you. The server keeps a technical log of
        each request (the time, the address requested and the answer) to keep the site running and secure;
        it does not record your IP address.

        ## Rating a statement

        When you rate a statement ("How valuable did you find this article?"), the site sets one cookie,
        holding a random number, so that you can change your score instead of adding a second one. The cookie
        is only sent to this website and lasts one year. We store only a keyed, one-way hash of that number
        with your score — never the number itself, and never your IP address. A second cookie, holding
        nothing but "1", lasts half a minute: while it is there the pages you open are made fresh for you,
        so you see the new average at once.

        ## E-mail alerts

        If you subscribe to e-mail alerts, we keep your e-mail address, the Members, committees and topics you
        chose, the languages you read, the wording you agreed to and when you confirmed. Your subscription starts only
        once you confirm it from the e-mail we send; an unconfirmed address is deleted after seven days. Every
        alert carries a link to unsubscribe at once. We use your address only to send the alerts you asked
        for and never share it.

        ## Journalists on our press lists

        If you are a journalist on one of our press lists, we keep your name, outlet, e-mail address and languages to
        send you statements, some of them under embargo, and we note when a personal embargo link was first
        opened. Every message carries a link to stop receiving them.

        ## Your rights

        You may ask to see the data we hold about you, to have it corrected or erased, or object to its use,
        {Contact(brand)}. You also have the right to lodge a complaint with a data protection authority.
        """;

    public static string Accessibility(Brand brand) => $"""
        **{brand.Name}** wants this website to be usable by everyone. This statement applies to the public
        website, in line with Directive (EU) 2016/2102 on the accessibility of public-sector websites.

        ## Compliance status

        This website aims to conform with the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA.
        Every release is checked automatically with axe in a real browser, by keyboard, and with Lighthouse.

        ## What you can expect

        - Every page can be used with a keyboard alone, and starts with a link to skip to its content.
        - Pages have landmarks, headings in order, labelled form fields and text alternatives for images.
        - Text and controls meet the contrast the guidelines ask for, in light and dark mode.
        - Rating a statement works without JavaScript, as a plain form.
        - Pages can be enlarged to 200 % and read on a narrow phone screen without scrolling sideways.

        ## Content that may not be fully accessible

        Documents attached to statements (PDF files such as signed letters) are published as they were
        received and may not be fully accessible. If you need one in another format, ask us and we will
        send it to you.

        ## Feedback and contact

        If you meet a barrier on this website, tell us {Contact(brand)}. We aim to reply within ten working days.

        ## Enforcement

        If our reply does not satisfy you, you can turn to the body that enforces the accessibility rules
        for public-sector websites in your country.
        """;
}

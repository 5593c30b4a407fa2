using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Mail;

namespace MepCms.Web.Features.PressLists;

public static class PressListsSetup
{
    /// <summary>
    /// Press lists: journalists kept by staff, statements sent to them under embargo with personal
    /// links, and the public link at go-live (docs/decisions/0140).
    /// </summary>
    public static IServiceCollection AddPressLists(this IServiceCollection services)
    {
        services.AddSingleton<PressTokens>();
        services.AddSingleton<PressMail>();
        services.AddScoped<PressSending>();
        services.AddSingleton<IMailOutbox, PressOutbox>();
        services.AddSingleton<IGoLiveParticipant, PressGoLive>();
        // Pages that carry a journalist's token: never cached, never compressed.
        services.AddPublicPages(o => o.PrivatePrefixes.Add("/press/"));
        return services;
    }
}

namespace MepCms.Web.Features.Media;

public static class MediaSetup
{
    /// <summary>Uploaded images: their settings, the processor and the library the back office uses.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImageProcessor>();
        services.AddSingleton<MediaFiles>();
        services.AddSingleton<MediaRenditions>();
        Attachments.AttachmentsSetup.AddAttachments(services);
        services.AddScoped<MediaLibrary>();
        services.AddScoped<MediaImageSizes>();
        return services;
    }
}

using MepCms.Tests.Infrastructure;
using MepCms.Web.Features.Media;

namespace MepCms.Tests.Features.Media;

/// <summary>Where uploads live in a container: a named volume every web instance mounts, writable by the app's user.</summary>
public sealed class MediaDeploymentTests
{
    [Fact]
    public void Every_web_instance_mounts_the_media_volume_where_the_app_stores_uploads()
    {
        var compose = File.ReadAllText(Path.Combine(DeploymentTests.Root, "docker-compose.yml"));

        Assert.Equal("App_Data/media", new MediaOptions().Folder);
        Assert.Contains("- media:/app/App_Data/media", compose, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^volumes:(\n  .*)*\n  media:", compose);
    }

    [Fact]
    public void The_image_creates_the_media_folder_owned_by_the_non_root_user()
    {
        var dockerfile = File.ReadAllText(Path.Combine(DeploymentTests.Root, "src/MepCms.Web/Dockerfile"));

        Assert.Contains("mkdir -p /app/App_Data/media", dockerfile, StringComparison.Ordinal);
        Assert.Contains("chown -R \"$APP_UID\" /app/App_Data", dockerfile, StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", dockerfile, StringComparison.Ordinal);
    }
}

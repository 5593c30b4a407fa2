using MepCms.Tests.Support;
using MepCms.Web.Data;

namespace MepCms.Tests.Infrastructure.Caching;

internal static class CacheTestExtensions
{
    /// <summary>The output cache marks every response it answers from memory with an Age header.</summary>
    public static bool IsFromCache(this HttpResponseMessage response) => response.Headers.Age is not null;

    /// <summary>Changes the database behind the app's back: nothing tells the cache.</summary>
    public static Task ChangeSilentlyAsync(this MepCmsFactory app, Func<MepCmsDbContext, Task> change) =>
        app.WithDbAsync(async db => { await change(db); await db.SaveChangesAsync(); });
}

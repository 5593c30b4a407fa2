using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace MepCms.Web.Infrastructure.Security;

/// <summary>Logs every request MVC refuses for a missing or invalid antiforgery token (the 400 itself is MVC's).</summary>
public sealed class AntiforgeryRejectionLogger(ILogger<AntiforgeryRejectionLogger> logger) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            var request = context.HttpContext.Request;
            logger.AntiforgeryRejected(request.Method, request.PathBase + request.Path);
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

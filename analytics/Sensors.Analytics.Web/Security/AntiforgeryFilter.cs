using System.Threading.Tasks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Sensors.Analytics.Web.Security;

/// <summary>
/// CSRF check for API writes: the request must carry the antiforgery token (header <c>X-CSRF-TOKEN</c>, from
/// <c>GET /api/antiforgery</c>) matching the antiforgery cookie. Razor Pages forms are validated by the framework.
/// </summary>
public sealed class AntiforgeryFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        IAntiforgery af = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await af.IsRequestValidAsync(context.HttpContext).ConfigureAwait(false))
            return Results.Problem("Missing or invalid antiforgery token (send X-CSRF-TOKEN from GET /api/antiforgery).", statusCode: StatusCodes.Status400BadRequest);
        return await next(context).ConfigureAwait(false);
    }
}

using Microsoft.AspNetCore.Http;

namespace Hulpvraag.Edge;

/// <summary>
/// The framework's writer only answers clients whose Accept allows JSON; a refusal to <c>Accept: text/csv</c> then fell
/// back to plain text without a code. A refusal is always problem details: this writer, registered after the default,
/// takes whatever the default declines.
/// </summary>
internal sealed class ProblemJsonAltijd : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context) =>
        new(context.HttpContext.Response.WriteAsJsonAsync(context.ProblemDetails, options: null, contentType: "application/problem+json"));
}

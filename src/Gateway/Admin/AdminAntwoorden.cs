using Hulpvraag.Core.Fouten;
using Hulpvraag.Edge;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hulpvraag.Gateway.Admin;

/// <summary>An application result at the admin API's edge: the value, or the coded refusal as problem details.</summary>
internal static class AdminAntwoorden
{
    public static Results<Ok<T>, ProblemHttpResult> Ok<T>(Result<T> r) =>
        r.IsSuccess ? TypedResults.Ok(r.Value!) : FoutProblemen.Problem(r.Fouten);

    public static Results<NoContent, ProblemHttpResult> NoContent<T>(Result<T> r) =>
        r.IsSuccess ? TypedResults.NoContent() : FoutProblemen.Problem(r.Fouten);
}

using System.Diagnostics.CodeAnalysis;

namespace Hulpvraag.Adapters.ParnasSys.Security;

/// <summary>
/// What one profile reader found: its immutable result, or the refusal that stopped it. The readers run in a fixed
/// order and each gets only the results it needs, so no step can change what an earlier one decided.
/// </summary>
internal readonly struct ReadResult<T> where T : class
{
    private readonly T? _value;
    private readonly VerificationResult? _failure;

    private ReadResult(T? value, VerificationResult? failure)
    {
        _value = value;
        _failure = failure;
    }

    public static implicit operator ReadResult<T>(T value) => new(value, null);

    public static implicit operator ReadResult<T>(VerificationResult failure) => new(null, failure);

    public bool TryGet([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out VerificationResult? failure)
    {
        if (_value is not null)
        {
            value = _value;
            failure = null;
            return true;
        }

        value = null;
        failure = _failure ?? throw new InvalidOperationException("A profile reader returned neither a result nor a refusal.");
        return false;
    }
}

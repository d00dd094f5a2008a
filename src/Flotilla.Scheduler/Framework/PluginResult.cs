using System.Collections.Immutable;

namespace Flotilla.Scheduler.Framework;

/// <summary>Outcome of one plugin: Success, Unschedulable (a value, not an exception) or Error.</summary>
public enum ResultCode
{
    Success = 0,
    Unschedulable = 1,
    Error = 2,
}

/// <summary>A plugin's verdict with its reasons (Karmada's framework.Result).</summary>
public readonly record struct PluginResult(ResultCode Code, ImmutableArray<string> Reasons = default)
{
    public static readonly PluginResult Success = new(ResultCode.Success);

    public static PluginResult Unschedulable(string reason) => new(ResultCode.Unschedulable, [reason]);

    public static PluginResult Error(string reason) => new(ResultCode.Error, [reason]);

    public bool IsSuccess => Code == ResultCode.Success;

    public IReadOnlyList<string> ReasonList => Reasons.IsDefault ? [] : Reasons;

    /// <summary>Merges several results: Error beats Unschedulable beats Success; reasons of non-successes are kept in order.</summary>
    public static PluginResult Merge(IEnumerable<PluginResult> results)
    {
        var code = ResultCode.Success;
        var reasons = ImmutableArray.CreateBuilder<string>();
        foreach (var r in results)
        {
            if (r.Code == ResultCode.Success) continue;
            if (r.Code > code) code = r.Code;
            reasons.AddRange(r.ReasonList);
        }
        return code == ResultCode.Success ? Success : new PluginResult(code, reasons.ToImmutable());
    }

    public override string ToString() => Code == ResultCode.Success ? "Success" : $"{Code}: {string.Join(", ", ReasonList)}";
}

using Flotilla.Controllers.Interpreter;

namespace Flotilla.Controllers.Tests.Interpreter;

public class JobCompletionsTests
{
    public static TheoryData<long, string, string> Cases => new()
    {
        // completions, targets "name=replicas", expected "name=completions"
        { 10, "a=2,b=2", "a=5,b=5" },
        { 10, "a=1,b=2", "a=3,b=7" },
        { 5, "a=1,b=1,c=1", "a=2,b=2,c=1" },
        { 3, "b=1,a=3", "a=3,b=0" },
        { 4, "a=0,b=0", "a=0,b=0" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Divide_ByAssignedReplicas(long completions, string targets, string expected)
    {
        var list = targets.Split(',').Select(t => t.Split('=')).Select(p => (p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var result = JobCompletions.Divide(completions, list);
        Assert.Equal(expected, string.Join(",", result.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)));
    }
}

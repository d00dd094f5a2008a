using Flotilla.ApiServer.Schema;

namespace Flotilla.ApiServer.Tests.Schema;

public sealed class HumanDurationTests
{
    public static TheoryData<double, string> Cases => new()
    {
        { -3, "<invalid>" },
        { -1.5, "0s" },
        { 0, "0s" },
        { 1, "1s" },
        { 59, "59s" },
        { 119, "119s" },
        { 120, "2m" },
        { 121, "2m1s" },
        { 5 * 60 + 2, "5m2s" },
        { 9 * 60 + 59, "9m59s" },
        { 10 * 60, "10m" },
        { 10 * 60 + 30, "10m" },
        { 179 * 60, "179m" },
        { 3 * 3600, "3h" },
        { 3 * 3600 + 60, "3h1m" },
        { 7 * 3600 + 59 * 60, "7h59m" },
        { 8 * 3600, "8h" },
        { 47 * 3600 + 3599, "47h" },
        { 48 * 3600, "2d" },
        { 49 * 3600, "2d1h" },
        { 7 * 86400 + 23 * 3600, "7d23h" },
        { 8 * 86400, "8d" },
        { 729 * 86400, "729d" },
        { 730 * 86400, "2y" },
        { 731 * 86400, "2y1d" },
        { 8 * 365 * 86400, "8y" },
        { 10 * 365 * 86400 + 100 * 86400, "10y" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Format_MatchesKubernetes(double seconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
    }
}

using BenchmarkDotNet.Running;

namespace Flotilla.Benchmarks;

/// <summary>
/// Storage benchmarks. With <c>--quick</c>, prints plain figures (throughput, latency percentiles, memory) without
/// BenchmarkDotNet; otherwise hands the arguments to BenchmarkDotNet's switcher.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] == CrashCheck.ChildFlag)
        {
            return await CrashCheck.RunChildAsync(args[1], CancellationToken.None);
        }

        if (args.Contains("--quick", StringComparer.Ordinal))
        {
            return await QuickRun.RunAsync(args, CancellationToken.None);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

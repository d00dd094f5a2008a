using System.CommandLine;
using Flotilla.Cli.Commands;

namespace Flotilla.Cli;

/// <summary>The <c>flotilla</c> command. Exit codes: 0 success, 1 failure, 2 usage error.</summary>
public static class Program
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    public static int Main(string[] args)
    {
        var root = new RootCommand("Flotilla: a multi-cluster Kubernetes control plane that speaks Karmada's API.");
        root.Add(ServeCommand.Create());
        root.Add(UpCommand.Create());
        root.Add(JoinCommand.Create());
        root.Add(UnjoinCommand.Create());
        root.Add(CordonCommand.Create());
        root.Add(CordonCommand.CreateUncordon());
        root.Add(TaintCommand.Create());
        root.Add(GetCommand.Create());
        root.Add(MemberCommand.Create());
        root.Add(SimCommand.Create());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) Console.Error.WriteLine("error: " + e.Message);
            Console.Error.WriteLine("Run 'flotilla --help' for usage.");
            return ExitUsage;
        }
        var config = new InvocationConfiguration { ProcessTerminationTimeout = null };
        try
        {
            return parsed.Invoke(config);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitFailure;
        }
    }
}

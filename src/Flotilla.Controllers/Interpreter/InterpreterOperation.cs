namespace Flotilla.Controllers.Interpreter;

/// <summary>Karmada's interpreter operations (config.karmada.io InterpreterOperation).</summary>
public enum InterpreterOperation
{
    InterpretReplica,
    InterpretComponent,
    ReviseReplica,
    Retain,
    AggregateStatus,
    InterpretStatus,
    InterpretHealth,
    InterpretDependency,
    Prune,
}

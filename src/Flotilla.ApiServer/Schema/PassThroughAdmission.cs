namespace Flotilla.ApiServer.Schema;

/// <summary>Admission that accepts everything unchanged: for the simulator's members and tests that want raw storage
/// semantics. The control plane uses the schema-driven implementation.</summary>
public sealed class PassThroughAdmission : IAdmission
{
    public static readonly PassThroughAdmission Instance = new();

    public IReadOnlyList<string> Decode(AdmissionRequest request) => [];

    public IReadOnlyList<string> Admit(AdmissionRequest request) => [];
}

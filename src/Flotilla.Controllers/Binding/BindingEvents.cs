namespace Flotilla.Controllers.Binding;

/// <summary>Karmada's binding controller event reasons.</summary>
public static class BindingEvents
{
    public const string ReasonSyncWorkSucceed = "SyncWorkSucceed";
    public const string ReasonSyncWorkFailed = "SyncWorkFailed";
    public const string MessageSyncWorkSucceed = "Sync work of resourceBinding successful.";
}

namespace Flotilla.Controllers.Scheduling;

/// <summary>Karmada's scheduler event reasons.</summary>
public static class SchedulerEvents
{
    public const string ReasonScheduleBindingSucceed = "ScheduleBindingSucceed";
    public const string ReasonScheduleBindingFailed = "ScheduleBindingFailed";
}

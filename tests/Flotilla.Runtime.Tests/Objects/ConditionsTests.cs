using System.Text.Json.Nodes;
using Flotilla.Runtime.Objects;

namespace Flotilla.Runtime.Tests.Objects;

public sealed class ConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);

    [Fact]
    public void Set_New_AddsWithTransitionTime()
    {
        var obj = new JsonObject();
        Assert.True(Conditions.Set(obj, new Condition("Ready", ConditionStatus.True, "Applied", "all good", 3), T0));
        var c = Conditions.Get(obj, "Ready")!;
        Assert.Equal("2026-01-01T00:00:00Z", c["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal(3L, c["observedGeneration"]!.GetValue<long>());
        Assert.True(Conditions.IsTrue(obj, "Ready"));
        Assert.False(Conditions.IsTrue(obj, "Missing"));
    }

    [Fact]
    public void Set_SameStatus_KeepsTransitionTime_AndReportsNoChangeWhenIdentical()
    {
        var obj = new JsonObject();
        Conditions.Set(obj, new Condition("Ready", ConditionStatus.True, "Applied", "m"), T0);
        Assert.False(Conditions.Set(obj, new Condition("Ready", ConditionStatus.True, "Applied", "m"), T1));
        Assert.True(Conditions.Set(obj, new Condition("Ready", ConditionStatus.True, "Applied", "other message"), T1));
        Assert.Equal("2026-01-01T00:00:00Z", Conditions.Get(obj, "Ready")!["lastTransitionTime"]!.GetValue<string>());
    }

    [Fact]
    public void Set_StatusChange_MovesTransitionTime()
    {
        var obj = new JsonObject();
        Conditions.Set(obj, new Condition("Ready", ConditionStatus.True, "Applied"), T0);
        Assert.True(Conditions.Set(obj, new Condition("Ready", ConditionStatus.False, "Failed", "boom"), T1));
        var c = Conditions.Get(obj, "Ready")!;
        Assert.Equal("2026-01-01T00:05:00Z", c["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal("Failed", c["reason"]!.GetValue<string>());
        Assert.True(Conditions.IsFalse(obj, "Ready"));
    }

    [Fact]
    public void Set_ObservedGenerationChange_IsAChange_AndRemoveWorks()
    {
        var obj = new JsonObject();
        Conditions.Set(obj, new Condition("Ready", ConditionStatus.True, "Applied", "", 1), T0);
        Assert.True(Conditions.Set(obj, new Condition("Ready", ConditionStatus.True, "Applied", "", 2), T0));
        Assert.True(Conditions.Remove(obj, "Ready"));
        Assert.Null(Conditions.Get(obj, "Ready"));
        Assert.False(Conditions.Remove(obj, "Ready"));
    }
}

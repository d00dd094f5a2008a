using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Overrides;

/// <summary>One applied rule: the policy name and the overriders it applied (Karmada's OverridePolicyShadow).</summary>
public sealed record AppliedOverrideItem(string PolicyName, Overriders Overriders);

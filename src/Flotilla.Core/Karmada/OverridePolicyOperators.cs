namespace Flotilla.Core.Karmada;

/// <summary>Operators of overriders: add, remove, replace.</summary>
public static class OverriderOperators
{
    public const string Add = "add";
    public const string Remove = "remove";
    public const string Replace = "replace";
}

/// <summary>Image components an ImageOverrider can change.</summary>
public static class ImageComponents
{
    public const string Registry = "Registry";
    public const string Repository = "Repository";
    public const string Tag = "Tag";
}

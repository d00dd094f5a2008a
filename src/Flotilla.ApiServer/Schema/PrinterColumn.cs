namespace Flotilla.ApiServer.Schema;

/// <summary>One additionalPrinterColumn of a CRD version (name, OpenAPI type and format, simple JSONPath, priority).</summary>
public sealed record PrinterColumn(string Name, string Type, string Format, string Description, string JsonPath, int Priority);

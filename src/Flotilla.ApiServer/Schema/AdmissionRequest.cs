using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Schema;

/// <summary>One write as admission sees it: the object after decoding (and after a patch was applied), the old
/// object on update, and how unknown fields are to be treated ("Strict", "Warn" or "Ignore").</summary>
public sealed record AdmissionRequest(
    ApiResource Resource,
    AdmissionOperation Operation,
    JsonObject Object,
    JsonObject? OldObject,
    string? Subresource,
    string FieldValidation);

public enum AdmissionOperation { Create, Update, Delete }

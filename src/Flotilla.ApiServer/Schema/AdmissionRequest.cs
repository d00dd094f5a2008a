using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Schema;

/// <summary>One write as admission sees it: the object after decoding (and after a patch was applied), the old
/// object on update, how unknown fields are to be treated ("Strict", "Warn" or "Ignore"), and whether
/// <see cref="IAdmission.Decode"/> already ran on the object.</summary>
public sealed record AdmissionRequest(
    ApiResource Resource,
    AdmissionOperation Operation,
    JsonObject Object,
    JsonObject? OldObject,
    string? Subresource,
    string FieldValidation,
    bool Decoded = false);

public enum AdmissionOperation { Create, Update, Delete }

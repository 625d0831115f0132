package io.homeacs.server.device;

/** One parameter value as learned from a device; type is the xsd type name ("xsd:string"). */
public record ParamValue(String name, String value, String type) {
    public ParamValue {
        value = value == null ? "" : value;
        type = type == null || type.isEmpty() ? "xsd:string" : type;
    }
}

package io.homeacs.server.cwmp.soap;

/** ParameterValueStruct; {@code type} is the xsi:type text such as "xsd:string". */
public record ParameterValue(String name, String value, String type) {
    public static final String DEFAULT_TYPE = "xsd:string";

    public ParameterValue {
        if (type == null || type.isEmpty()) {
            type = DEFAULT_TYPE;
        }
    }

    /** Convenience for string-typed values. */
    public static ParameterValue of(String name, String value) {
        return new ParameterValue(name, value, DEFAULT_TYPE);
    }
}

package io.homeacs.server.cwmp.soap;

import java.util.List;

/** ParameterAttributeStruct from GetParameterAttributesResponse. */
public record ParameterAttribute(String name, int notification, List<String> accessList) {
    public ParameterAttribute {
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
    }
}

package io.homeacs.server.cwmp.soap;

import java.util.List;

/** SetParameterAttributesStruct sent in SetParameterAttributes. */
public record SetParameterAttribute(String name, boolean notificationChange, int notification,
                                    boolean accessListChange, List<String> accessList) {
    public SetParameterAttribute {
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
    }
}

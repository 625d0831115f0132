package io.homeacs.server.device;

import java.util.List;

/** What a device told us when it checked in, free of any protocol types. */
public record InformFacts(DeviceIdentity identity, String manufacturer, List<DeviceEvent> events,
                          List<ParamValue> parameters, String remoteIp, String protocol, String protocolVersion) {
    public InformFacts {
        events = List.copyOf(events);
        parameters = List.copyOf(parameters);
    }

    public boolean has(String eventCode) {
        for (DeviceEvent e : events) {
            if (e.code().equals(eventCode)) {
                return true;
            }
        }
        return false;
    }
}

package io.homeacs.server.device;

import java.util.List;

/**
 * What a device told us when it checked in, free of any protocol types. endpointId: the USP
 * EndpointID the device spoke from (null for CWMP).
 */
public record InformFacts(DeviceIdentity identity, String manufacturer, List<DeviceEvent> events,
                          List<ParamValue> parameters, String remoteIp, String protocol, String protocolVersion,
                          String endpointId) {

    /** Facts of a protocol without endpoint identifiers (CWMP). */
    public InformFacts(DeviceIdentity identity, String manufacturer, List<DeviceEvent> events, List<ParamValue> parameters,
                       String remoteIp, String protocol, String protocolVersion) {
        this(identity, manufacturer, events, parameters, remoteIp, protocol, protocolVersion, null);
    }

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

package io.homeacs.server.device;

import java.time.Instant;

/**
 * A registered device's summary: the indexed "hot" columns of its row. uspEndpointId is the TR-369
 * EndpointID of a device that speaks USP (null for CWMP), unique among devices.
 */
public record Device(long id, String key, DeviceIdentity identity, String manufacturer, String modelName,
                     String hardwareVersion, String softwareVersion, DeviceKind kind, boolean kindOverridden,
                     DataModel dataModel, String protocol, String protocolVersion, Instant firstContact,
                     Instant lastContact, Instant lastBoot, String lastEvents, String ipAddress,
                     String connectionRequestUrl, String udpConnectionRequestAddress, String parameterKey,
                     String uspEndpointId) {

    Device withId(long newId) {
        return new Device(newId, key, identity, manufacturer, modelName, hardwareVersion, softwareVersion, kind,
            kindOverridden, dataModel, protocol, protocolVersion, firstContact, lastContact, lastBoot, lastEvents,
            ipAddress, connectionRequestUrl, udpConnectionRequestAddress, parameterKey, uspEndpointId);
    }

    Device withKindAndModel(DeviceKind newKind, boolean overridden, String newModelName) {
        return new Device(id, key, identity, manufacturer, newModelName, hardwareVersion, softwareVersion, newKind,
            overridden, dataModel, protocol, protocolVersion, firstContact, lastContact, lastBoot, lastEvents,
            ipAddress, connectionRequestUrl, udpConnectionRequestAddress, parameterKey, uspEndpointId);
    }
}

package io.homeacs.server.cwmp.soap;

/** DeviceIdStruct from Inform. */
public record DeviceIdStruct(String manufacturer, String oui, String productClass, String serialNumber) {
}

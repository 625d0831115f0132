package io.homeacs.firmware;

/**
 * What a device reports about itself, as far as image compatibility goes. Any field may be null
 * when the ACS has not learned it.
 */
public record DeviceFacts(String manufacturer, String oui, String productClass, String modelName,
                          String hardwareVersion, String softwareVersion) {
}

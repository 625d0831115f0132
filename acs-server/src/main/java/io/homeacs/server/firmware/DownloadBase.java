package io.homeacs.server.firmware;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.ParameterDocument;
import java.net.URI;

/**
 * The scheme, host and port a device reaches the firmware file server at: the configured base URL
 * ({@code firmware.download-url}), else the host the device itself uses for the ACS (its
 * ManagementServer.URL) with the file server's own port — the one address certain to work from there.
 */
public final class DownloadBase {

    private final String configured;
    private final String scheme;
    private final int port;
    private final DeviceRegistry registry;

    /**
     * @param configured base URL, or empty to derive it per device
     * @param scheme     "http" or "https": which listener derived URLs point at
     * @param port       that listener's port, or -1 when the file server is off
     */
    public DownloadBase(String configured, String scheme, int port, DeviceRegistry registry) {
        String c = configured == null ? "" : configured.trim();
        this.configured = c.endsWith("/") ? c.substring(0, c.length() - 1) : c;
        this.scheme = scheme;
        this.port = port;
        this.registry = registry;
    }

    public String forDevice(Device d) {
        if (!configured.isEmpty()) {
            return configured;
        }
        if (port < 0) {
            throw new FirmwareException(FirmwareException.Kind.CONFLICT,
                "the firmware file server is off (firmware.server-port = -1) and firmware.download-url is not set");
        }
        ParameterDocument.Entry acsUrl = registry.parameters(d.id()).get(d.dataModel().root() + "ManagementServer.URL");
        String host = null;
        try {
            host = acsUrl == null ? null : URI.create(acsUrl.value().trim()).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            throw new FirmwareException(FirmwareException.Kind.CONFLICT, "the ACS does not know yet how device " + d.id()
                + " reaches it (no ManagementServer.URL read from it): refresh it or set firmware.download-url");
        }
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}

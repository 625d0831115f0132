package io.homeacs.sim;

import java.net.URI;
import java.util.Objects;

/**
 * Fleet configuration.
 *
 * @param httpConnectionRequestReachable false simulates CPEs behind NAT: their ConnectionRequestURL points
 *                                       at a port where nothing listens
 * @param retryMinWaitSeconds            initial ManagementServer.CWMPRetryMinimumWaitInterval
 */
public record SimulatorConfig(URI acsUrl, int devices, DeviceKind kind, String acsUsername, String acsPassword,
                              int informIntervalSeconds, String crHost, int crPort, boolean udpConnectionRequests,
                              boolean httpConnectionRequestReachable, String serialPrefix, double tr098Share, long seed,
                              int retryMinWaitSeconds) {

    public SimulatorConfig {
        Objects.requireNonNull(acsUrl, "acsUrl");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(crHost, "crHost");
        Objects.requireNonNull(serialPrefix, "serialPrefix");
        if (devices < 0) {
            throw new IllegalArgumentException("devices must be >= 0");
        }
        if (informIntervalSeconds < 1) {
            throw new IllegalArgumentException("informIntervalSeconds must be >= 1");
        }
        if (crPort < 0 || crPort > 65535) {
            throw new IllegalArgumentException("crPort must be 0-65535");
        }
        if (tr098Share < 0 || tr098Share > 1) {
            throw new IllegalArgumentException("tr098Share must be within [0, 1]");
        }
        if (retryMinWaitSeconds < 1 || retryMinWaitSeconds > 65535) {
            throw new IllegalArgumentException("retryMinWaitSeconds must be 1-65535");
        }
        if (!"http".equalsIgnoreCase(acsUrl.getScheme()) && !"https".equalsIgnoreCase(acsUrl.getScheme())) {
            throw new IllegalArgumentException("acsUrl must be http or https: " + acsUrl);
        }
    }

    public static SimulatorConfig defaults(URI acsUrl) {
        return new SimulatorConfig(acsUrl, 1, DeviceKind.MIXED, "bootstrap", "bootstrap", 300, "127.0.0.1", 0,
                false, true, "SIM", 0.25, 1, 5);
    }

    public SimulatorConfig withDevices(int n) {
        return new SimulatorConfig(acsUrl, n, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds);
    }

    public SimulatorConfig withKind(DeviceKind k) {
        return new SimulatorConfig(acsUrl, devices, k, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds);
    }

    public SimulatorConfig withInformInterval(int seconds) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, seconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds);
    }

    public SimulatorConfig withUdpConnectionRequests(boolean udp) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udp, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds);
    }

    public SimulatorConfig withHttpConnectionRequestReachable(boolean reachable) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, reachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds);
    }

    public SimulatorConfig withSerialPrefix(String prefix) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, prefix, tr098Share, seed, retryMinWaitSeconds);
    }

    public SimulatorConfig withTr098Share(double share) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, share, seed, retryMinWaitSeconds);
    }

    public SimulatorConfig withRetryMinWaitSeconds(int seconds) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, seconds);
    }

    public SimulatorConfig withCredentials(String user, String pass) {
        return new SimulatorConfig(acsUrl, devices, kind, user, pass, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds);
    }

    public SimulatorConfig withConnectionRequestEndpoint(String host, int port) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, host, port,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds);
    }

    public SimulatorConfig withSeed(long s) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, s, retryMinWaitSeconds);
    }
}

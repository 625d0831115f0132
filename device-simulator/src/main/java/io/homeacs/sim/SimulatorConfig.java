package io.homeacs.sim;

import java.net.URI;
import java.util.Objects;

/**
 * Fleet configuration.
 *
 * @param httpConnectionRequestReachable false simulates CPEs behind NAT: their ConnectionRequestURL points
 *                                       at a port where nothing listens
 * @param retryMinWaitSeconds            initial ManagementServer.CWMPRetryMinimumWaitInterval
 * @param loidPattern                    each ONT's registration ID (LOID): {serial} and {index} (the device's
 *                                       1-based number in the fleet) are replaced, anything else is literal
 * @param lineRate                       the simulated access line every device's speed test is shaped to
 */
public record SimulatorConfig(URI acsUrl, int devices, DeviceKind kind, String acsUsername, String acsPassword,
                              int informIntervalSeconds, String crHost, int crPort, boolean udpConnectionRequests,
                              boolean httpConnectionRequestReachable, String serialPrefix, double tr098Share, long seed,
                              int retryMinWaitSeconds, String loidPattern, LineRate lineRate) {
    /** By default an ONT's registration ID (LOID) is "L" followed by its serial number. */
    public static final String DEFAULT_LOID_PATTERN = "L{serial}";
    /** G.988's LOID attribute is 24 bytes; CT/CU/CMCC firmware keep it at that length. */
    public static final int MAX_LOID_LENGTH = 24;

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
        Objects.requireNonNull(loidPattern, "loidPattern");
        Objects.requireNonNull(lineRate, "lineRate");
        String longest = registrationId(loidPattern, serialNumber(serialPrefix, 'X', devices), devices);
        if (longest.isEmpty() || longest.length() > MAX_LOID_LENGTH || loidPattern.replace("{serial}", "")
                .replace("{index}", "").matches(".*[{}].*")) {
            throw new IllegalArgumentException("loid pattern must give 1-" + MAX_LOID_LENGTH
                    + " characters and use only {serial} and {index}: '" + loidPattern + "'");
        }
        if (!"http".equalsIgnoreCase(acsUrl.getScheme()) && !"https".equalsIgnoreCase(acsUrl.getScheme())) {
            throw new IllegalArgumentException("acsUrl must be http or https: " + acsUrl);
        }
    }

    public static SimulatorConfig defaults(URI acsUrl) {
        return new SimulatorConfig(acsUrl, 1, DeviceKind.MIXED, "bootstrap", "bootstrap", 300, "127.0.0.1", 0,
                false, true, "SIM", 0.25, 1, 5, DEFAULT_LOID_PATTERN, LineRate.DEFAULT);
    }

    /** Serial number of the device with this 1-based fleet index: prefix, kind letter, index (6 digits or more). */
    static String serialNumber(String prefix, char kindLetter, int index) {
        return prefix + kindLetter + String.format("%06d", index);
    }

    /** The registration ID (LOID) the pattern gives the device with this serial number and fleet index. */
    public static String registrationId(String pattern, String serialNumber, int index) {
        return pattern.replace("{serial}", serialNumber).replace("{index}", Integer.toString(index));
    }

    public SimulatorConfig withDevices(int n) {
        return new SimulatorConfig(acsUrl, n, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds, loidPattern, lineRate);
    }

    public SimulatorConfig withKind(DeviceKind k) {
        return new SimulatorConfig(acsUrl, devices, k, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds, loidPattern, lineRate);
    }

    public SimulatorConfig withInformInterval(int seconds) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, seconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds, loidPattern, lineRate);
    }

    public SimulatorConfig withUdpConnectionRequests(boolean udp) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udp, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds, loidPattern, lineRate);
    }

    public SimulatorConfig withHttpConnectionRequestReachable(boolean reachable) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, reachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds, loidPattern, lineRate);
    }

    public SimulatorConfig withSerialPrefix(String prefix) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, prefix, tr098Share, seed, retryMinWaitSeconds, loidPattern, lineRate);
    }

    public SimulatorConfig withTr098Share(double share) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, share, seed, retryMinWaitSeconds, loidPattern, lineRate);
    }

    public SimulatorConfig withRetryMinWaitSeconds(int seconds) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, seconds, loidPattern, lineRate);
    }

    public SimulatorConfig withCredentials(String user, String pass) {
        return new SimulatorConfig(acsUrl, devices, kind, user, pass, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds, loidPattern, lineRate);
    }

    public SimulatorConfig withConnectionRequestEndpoint(String host, int port) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, host, port,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds, loidPattern, lineRate);
    }

    public SimulatorConfig withSeed(long s) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, s, retryMinWaitSeconds, loidPattern, lineRate);
    }

    public SimulatorConfig withLoidPattern(String pattern) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds,
                pattern, lineRate);
    }

    public SimulatorConfig withLineRate(LineRate rate) {
        return new SimulatorConfig(acsUrl, devices, kind, acsUsername, acsPassword, informIntervalSeconds, crHost, crPort,
                udpConnectionRequests, httpConnectionRequestReachable, serialPrefix, tr098Share, seed, retryMinWaitSeconds,
                loidPattern, rate);
    }
}

package io.homeacs.sim.model;

import java.util.SplittableRandom;

/**
 * Everything a template needs to build one device's factory data model. Building twice from the same
 * context yields the same model, which is what FactoryReset relies on.
 *
 * @param registrationId the ONT's LOID (ignored by other kinds)
 */
public record TemplateContext(String serialNumber, DeviceProfile profile, String acsUrl, String acsUsername,
                              String acsPassword, String connectionRequestUrl, String connectionRequestUsername,
                              String connectionRequestPassword, String udpConnectionRequestAddress,
                              int informIntervalSeconds, int retryMinWaitSeconds, long seed, String registrationId) {

    public SplittableRandom random() {
        return new SplittableRandom(seed);
    }

    /** A MAC address in the vendor's OUI; {@code n} distinguishes interfaces of one device. */
    public String mac(SplittableRandom r, int n) {
        String o = profile.oui();
        int tail = r.nextInt(0x10000);
        return String.format("%s:%s:%s:%02X:%02X:%02X", o.substring(0, 2), o.substring(2, 4), o.substring(4, 6),
                (tail >> 8) & 0xFF, tail & 0xFF, n & 0xFF);
    }

    public static String randomMac(SplittableRandom r) {
        return String.format("%02X:%02X:%02X:%02X:%02X:%02X", (r.nextInt(256) & 0xFC) | 0x02, r.nextInt(256),
                r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }

    public static String wanIp(SplittableRandom r) {
        return "100." + (64 + r.nextInt(64)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    /**
     * The address the access network hands this device whenever its internet (PPP) connection comes up.
     * Derived from the seed rather than drawn during the build, so a reconnect long after the build
     * gets the same address, as a BNG with sticky (RADIUS-assigned) addresses would give.
     */
    public String wanAddress() {
        return wanIp(new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L));
    }

    /** The address the IPTV network's DHCP server hands this device (10.64.0.0/10, a private range). */
    public String iptvAddress() {
        SplittableRandom r = new SplittableRandom(seed ^ 0xC2B2AE3D27D4EB4FL);
        return "10." + (64 + r.nextInt(64)) + "." + r.nextInt(256) + "." + (2 + r.nextInt(253));
    }
}

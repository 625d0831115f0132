package io.homeacs.sim.model;

import java.util.Locale;

/**
 * How simulated mesh homes are built: nodes per home (1-4; 0 = 2-4 by the device's seed), the Wi-Fi
 * backhaul quality (good, fair, poor), clients per node (-1 = 0-3 by seed), a scenario, and whether
 * satellites are also managed as their own devices (serial number gateway + "-S" + k).
 */
public record MeshSpec(int nodes, String backhaulQuality, int clientsPerNode, Scenario scenario, boolean managedSatellites) {
    public static final MeshSpec DEFAULT = new MeshSpec(0, "good", -1, Scenario.NONE, false);

    /**
     * weak-backhaul: the first satellite hangs on a -85 dBm, 60 Mbit/s link; failing-satellite: the last
     * satellite accepts Wi-Fi changes but its radios keep the old network names; interference: every radio
     * is busy 86 % of the time with a high noise floor.
     */
    public enum Scenario {
        NONE, WEAK_BACKHAUL, FAILING_SATELLITE, INTERFERENCE;

        public static Scenario parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "weak-backhaul" -> WEAK_BACKHAUL;
                case "failing-satellite" -> FAILING_SATELLITE;
                case "interference" -> INTERFERENCE;
                default -> throw new IllegalArgumentException(
                        "mesh scenario must be none, weak-backhaul, failing-satellite or interference, not '" + s + "'");
            };
        }
    }

    public MeshSpec {
        if (nodes < 0 || nodes > 4) {
            throw new IllegalArgumentException("mesh nodes must be 1-4 (0 = 2-4 at random)");
        }
        if (!backhaulQuality.equals("good") && !backhaulQuality.equals("fair") && !backhaulQuality.equals("poor")) {
            throw new IllegalArgumentException("backhaul quality must be good, fair or poor, not '" + backhaulQuality + "'");
        }
        if (clientsPerNode < -1 || clientsPerNode > 30) {
            throw new IllegalArgumentException("mesh clients per node must be 0-30 (-1 = 0-3 at random)");
        }
    }

    /** Nodes of the home whose gateway has this seed. */
    public int nodesFor(long seed) {
        return nodes > 0 ? nodes : 2 + (int) Math.floorMod(seed, 3L);
    }

    /** The failing node's number (1 = gateway), or 0. */
    public int failingNode(long seed) {
        int n = nodesFor(seed);
        return scenario == Scenario.FAILING_SATELLITE && n > 1 ? n : 0;
    }

    /** The EasyMesh AL MAC of node n (1 = gateway) of a home: derived from the gateway's serial, so satellites agree. */
    public static String nodeMac(String oui, String gatewaySerial, int n) {
        int h = gatewaySerial.hashCode();
        return String.format("%s:%s:%s:%02X:%02X:%02X", oui.substring(0, 2), oui.substring(2, 4), oui.substring(4, 6),
                (h >> 16) & 0xFF, (h >> 8) & 0xFF, (h & 0xF0) | (n & 0x0F));
    }

    /** Backhaul RCPI (dBm = RCPI / 2 - 110) and downlink rate (kbit/s) of satellite node n. */
    int backhaulRcpi(int n) {
        if (scenario == Scenario.WEAK_BACKHAUL && n == 2) {
            return 50;
        }
        return switch (backhaulQuality) {
            case "poor" -> 64;
            case "fair" -> 90;
            default -> 140;
        };
    }

    long backhaulKbps(int n) {
        if (scenario == Scenario.WEAK_BACKHAUL && n == 2) {
            return 60_000;
        }
        return switch (backhaulQuality) {
            case "poor" -> 150_000;
            case "fair" -> 400_000;
            default -> 900_000;
        };
    }
}

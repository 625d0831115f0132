package io.homeacs.server.triage;

import java.util.List;

/**
 * What the ACS has judged about a home's Wi-Fi beyond the gateway's own radio (a mesh's backhaul, its
 * nodes' clients and channels), asked for the device a fault report names. A port: the mesh package
 * answers it, wired in at start-up, so triage stays free of mesh and mesh of triage.
 */
@FunctionalInterface
public interface HomeWifiFindings {
    /** For a home without a mesh (or one that cannot be judged). */
    HomeWifiFindings NONE = deviceId -> List.of();

    /** Empty when the device's home has no mesh or nothing is wrong with it. */
    List<Finding> forDevice(long deviceId);

    /**
     * One finding. code: backhaul-weak, backhaul-slow, clients-weak, channel-congested (others, such as
     * prefer-wired, are kept as evidence but decide nothing); node: the mesh node it concerns; advice: the
     * next action in words, naming the node.
     */
    record Finding(String code, String node, String severity, String advice) {
        public static final String BACKHAUL_WEAK = "backhaul-weak";
        public static final String BACKHAUL_SLOW = "backhaul-slow";
        public static final String CLIENTS_WEAK = "clients-weak";
        public static final String CHANNEL_CONGESTED = "channel-congested";
    }
}

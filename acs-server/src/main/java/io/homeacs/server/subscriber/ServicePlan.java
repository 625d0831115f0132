package io.homeacs.server.subscriber;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A plan a subscriber buys. Broadband is included when it has a contracted rate; the defaults are
 * line settings shared by every subscriber of the plan (VLANs, SIP proxy), see {@link ServiceSettings}.
 */
public record ServicePlan(long id, String code, String name, Integer downMbps, Integer upMbps, boolean iptv,
                          boolean voip, boolean mesh, Map<String, String> defaults, Instant createdAt) {
    public ServicePlan {
        defaults = Map.copyOf(defaults);
    }

    public Set<ServiceKind> services() {
        Set<ServiceKind> s = EnumSet.noneOf(ServiceKind.class);
        if (downMbps != null) {
            s.add(ServiceKind.BROADBAND);
        }
        if (iptv) {
            s.add(ServiceKind.IPTV);
        }
        if (voip) {
            s.add(ServiceKind.VOIP);
        }
        if (mesh) {
            s.add(ServiceKind.MESH);
        }
        return s;
    }
}

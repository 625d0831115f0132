package io.homeacs.server.triage;

import io.homeacs.server.triage.FaultReport.Category;
import io.homeacs.server.triage.FaultReport.Responsible;
import io.homeacs.server.triage.FaultReport.Verdict;
import java.util.List;
import java.util.Map;

/**
 * The rules for a Wi-Fi, slow or unstable report in a home whose mesh has findings, once the line and
 * the gateway are cleared. The backhaul comes first: a satellite that hears its parent badly starves
 * every client behind it, and the mesh's own advice for weak clients on such a node is to fix the
 * backhaul first. Then clients stuck on a weak node, then channel congestion. The next action is the
 * finding's advice, which names the node.
 */
final class HomeWifiVerdicts {
    private HomeWifiVerdicts() {
    }

    /** Null when no finding decides anything (no mesh, or only informational findings). */
    static Verdict judge(List<HomeWifiFindings.Finding> findings, Responsible party, Map<String, Object> evidence) {
        String whose = party == Responsible.OPERATOR ? " (the mesh is the operator's under the smart-networking service)"
            : " (the home's mesh is the subscriber's own equipment)";
        HomeWifiFindings.Finding f = first(findings, HomeWifiFindings.Finding.BACKHAUL_WEAK,
            HomeWifiFindings.Finding.BACKHAUL_SLOW);
        if (f != null) {
            String what = HomeWifiFindings.Finding.BACKHAUL_WEAK.equals(f.code()) ? "weak" : "slow";
            return new Verdict(Category.IN_HOME_WIFI, party, "in-home Wi-Fi coverage: the mesh backhaul of node "
                + f.node() + " is " + what + "; " + f.advice() + whose, evidence);
        }
        f = first(findings, HomeWifiFindings.Finding.CLIENTS_WEAK);
        if (f != null) {
            return new Verdict(Category.IN_HOME_WIFI, party, "in-home Wi-Fi coverage: clients are stuck on mesh node "
                + f.node() + " with a weak signal; " + f.advice() + whose, evidence);
        }
        f = first(findings, HomeWifiFindings.Finding.CHANNEL_CONGESTED);
        if (f != null) {
            return new Verdict(Category.IN_HOME_WIFI, party, "fixable remotely: Wi-Fi interference (channel congestion) "
                + "on mesh node " + f.node() + "; " + f.advice() + whose, evidence);
        }
        return null;
    }

    private static HomeWifiFindings.Finding first(List<HomeWifiFindings.Finding> findings, String... codes) {
        for (String code : codes) {
            for (HomeWifiFindings.Finding f : findings) {
                if (code.equals(f.code())) {
                    return f;
                }
            }
        }
        return null;
    }
}

package io.homeacs.server.diagnose;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's speed rule: the line is compliant when both the measured down- and upstream rates
 * reach {@code percent} (diagnostics.compliance-percent, 90 by the service agreements) of the rates
 * the subscriber contracted.
 */
public final class Compliance {
    private Compliance() {
    }

    /**
     * @param compliant null when there is nothing to judge against (no subscriber, no broadband plan)
     * @param downPercent measured downstream as a percentage of the contracted rate (null without one)
     */
    public record Verdict(Boolean compliant, int percent, Integer contractedDownMbps, Integer contractedUpMbps,
                          Double downPercent, Double upPercent, String reason) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("compliant", compliant);
            m.put("thresholdPercent", percent);
            m.put("contractedDownMbps", contractedDownMbps);
            m.put("contractedUpMbps", contractedUpMbps);
            m.put("downPercent", downPercent);
            m.put("upPercent", upPercent);
            m.put("reason", reason);
            return m;
        }
    }

    public static Verdict judge(double downMbps, double upMbps, DiagnosticRequest.Contract contract, int percent) {
        if (contract == null || !contract.known()) {
            String why = contract == null || contract.subscriberId() == null
                ? "the device is not held by a subscriber, so there is no contracted rate to judge against"
                : "subscriber " + contract.account() + " has no broadband plan, so there is no contracted rate";
            return new Verdict(null, percent, null, null, null, null, why);
        }
        int down = contract.downMbps();
        int up = contract.upMbps();
        // Compared without dividing, so a rate exactly at the threshold is not lost to rounding.
        boolean downOk = downMbps * 100 >= (double) down * percent;
        boolean upOk = upMbps * 100 >= (double) up * percent;
        double downPct = round1(downMbps * 100 / down);
        double upPct = round1(upMbps * 100 / up);
        String reason;
        if (downOk && upOk) {
            reason = "both directions reach " + percent + " % of the contracted " + down + "/" + up + " Mbit/s";
        } else {
            StringBuilder sb = new StringBuilder();
            if (!downOk) {
                sb.append("downstream ").append(round2(downMbps)).append(" Mbit/s is ").append(downPct)
                    .append(" % of the contracted ").append(down);
            }
            if (!upOk) {
                sb.append(sb.length() > 0 ? "; " : "").append("upstream ").append(round2(upMbps)).append(" Mbit/s is ")
                    .append(upPct).append(" % of the contracted ").append(up);
            }
            reason = sb.append(" (below ").append(percent).append(" %)").toString();
        }
        return new Verdict(downOk && upOk, percent, down, up, downPct, upPct, reason);
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

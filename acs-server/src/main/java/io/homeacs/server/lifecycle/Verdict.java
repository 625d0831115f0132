package io.homeacs.server.lifecycle;

import io.homeacs.server.device.DeviceKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of a return (DOMAIN.md, "Returns and compensation"): a returned unit meets the re-lease
 * condition when it is intact and working; one that does not, or is not returned, costs its value
 * from the operator's table once; an unreturnable one 100 % of the operator's purchase price; a
 * subscriber-purchased unit costs nothing, the subscriber owns it. Open evidence that the unit's
 * hardware or software was altered means it is not intact as supplied.
 *
 * @param reasons why the unit does not meet the condition (empty when it does)
 * @param compensation in CNY, two decimals; null only when no value applies (an unknown device kind)
 */
public record Verdict(boolean meetsCondition, List<String> reasons, BigDecimal compensation, String basis) {

    /** What the counter found; intact and working are only asked of a returned unit. */
    public record Findings(boolean returned, boolean unreturnable, Boolean intact, Boolean working) {
        public Findings {
            if (returned && (intact == null || working == null)) {
                throw new IllegalArgumentException("a returned unit needs intact and working (true or false)");
            }
            if (returned && unreturnable) {
                throw new IllegalArgumentException("a returned unit cannot be unreturnable");
            }
            if (!returned && (intact != null || working != null)) {
                throw new IllegalArgumentException("intact and working are recorded only for a returned unit");
            }
        }
    }

    public static Verdict decide(Findings f, Ownership ownership, DeviceKind kind, BigDecimal purchasePrice,
                                 Map<DeviceKind, BigDecimal> values, List<Evidence> openEvidence) {
        List<String> reasons = new ArrayList<>();
        if (!f.returned()) {
            reasons.add(f.unreturnable() ? "not returned: unreturnable" : "not returned");
        } else {
            if (!f.intact()) {
                reasons.add("not intact");
            }
            if (!f.working()) {
                reasons.add("not working");
            }
            for (Evidence e : openEvidence) {
                if (e.kind().altersUnit()) {
                    reasons.add("altered: " + e.kind().apiName() + " " + e.subject() + " = " + e.observed()
                        + " (evidence " + e.id() + ")");
                }
            }
        }
        boolean meets = reasons.isEmpty();
        if (!ownership.operatorOwned()) {
            return new Verdict(meets, reasons, money(BigDecimal.ZERO), "subscriber-purchased: the unit is the subscriber's, nothing is owed");
        }
        if (meets) {
            return new Verdict(true, reasons, money(BigDecimal.ZERO), "returned intact and working: meets the re-lease condition");
        }
        BigDecimal value = values.get(kind);
        if (!f.returned() && f.unreturnable()) {
            if (purchasePrice != null) {
                return new Verdict(false, reasons, money(purchasePrice), "unreturnable: 100 % of the purchase price");
            }
            if (value != null) {
                return new Verdict(false, reasons, money(value), "unreturnable, no purchase price recorded: the value of a "
                    + kind.apiName() + " from the value table");
            }
        }
        if (value == null) {
            return new Verdict(false, reasons, null, "no value for device kind " + kind.apiName()
                + " in the value table: set the device's kind (PATCH /api/v1/devices/{id}) and inspect again");
        }
        return new Verdict(false, reasons, money(value), (f.returned() ? "does not meet the re-lease condition" : "not returned")
            + ": the value of a " + kind.apiName() + " from the value table");
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}

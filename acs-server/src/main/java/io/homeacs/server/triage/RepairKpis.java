package io.homeacs.server.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The figures behind the repair commitment: how many reports, how many restored in time, the
 * distribution of repair times, what the faults were, and which devices and models keep failing.
 */
public final class RepairKpis {
    private RepairKpis() {
    }

    /** open, overdue, restored and the percentiles count only faults under the operator's repair commitment. */
    public record Report(int reports, int open, int overdue, int restored, int restoredWithinDeadline,
                         Map<String, Long> repairSecondsPercentiles, Map<String, Integer> byCategory,
                         Map<String, Integer> byResponsible, Map<Long, Integer> repeatDevices, Map<String, Integer> repeatModels) {
    }

    static Report of(List<FaultReport> reports, LongFunction<String> modelOf, Instant now) {
        int open = 0;
        int overdue = 0;
        int inTime = 0;
        List<Long> repair = new ArrayList<>();
        Map<String, Integer> byCategory = new TreeMap<>();
        Map<String, Integer> byResponsible = new TreeMap<>();
        Map<Long, Integer> perDevice = new HashMap<>();
        for (FaultReport r : reports) {
            // Faults the agreements put on the subscriber or the manufacturer do not run the operator's clock.
            boolean committed = r.verdict() == null || r.verdict().responsible() == FaultReport.Responsible.OPERATOR;
            if (!committed) {
                if (r.verdict() != null) {
                    byCategory.merge(r.verdict().category().apiName(), 1, Integer::sum);
                    byResponsible.merge(r.verdict().responsible().apiName(), 1, Integer::sum);
                }
                if (r.deviceId() != null) {
                    perDevice.merge(r.deviceId(), 1, Integer::sum);
                }
                continue;
            }
            if (r.open()) {
                open++;
                overdue += r.deadlineAt().isBefore(now) ? 1 : 0;
            } else {
                repair.add(Duration.between(r.reportedAt(), r.restoredAt()).toSeconds());
                inTime += r.restoredAt().isAfter(r.deadlineAt()) ? 0 : 1;
            }
            if (r.verdict() != null) {
                byCategory.merge(r.verdict().category().apiName(), 1, Integer::sum);
                byResponsible.merge(r.verdict().responsible().apiName(), 1, Integer::sum);
            }
            if (r.deviceId() != null) {
                perDevice.merge(r.deviceId(), 1, Integer::sum);
            }
        }
        Map<Long, Integer> repeats = new TreeMap<>();
        Map<String, Integer> models = new TreeMap<>();
        perDevice.forEach((device, n) -> {
            if (n >= 2) {
                repeats.put(device, n);
                String model = modelOf.apply(device);
                models.merge(model == null ? "unknown" : model, n, Integer::sum);
            }
        });
        return new Report(reports.size(), open, overdue, repair.size(), inTime, percentiles(repair), byCategory,
            byResponsible, repeats, models);
    }

    private static Map<String, Long> percentiles(List<Long> values) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return out;
        }
        Collections.sort(values);
        for (int p : new int[] {50, 90, 99}) {
            int idx = (int) Math.ceil(p / 100.0 * values.size()) - 1;
            out.put("p" + p, values.get(Math.max(0, idx)));
        }
        out.put("max", values.get(values.size() - 1));
        return out;
    }
}

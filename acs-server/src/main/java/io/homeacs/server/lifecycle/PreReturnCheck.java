package io.homeacs.server.lifecycle;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.ParameterDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The remote pre-return check: what the ACS can tell about a unit before the subscriber brings it
 * in. Each item passes, warns, fails, or is unknown when the ACS lacks the data; the outcome is
 * clean (every item passed), review (nothing failed, but something warned or could not be judged)
 * or problems (an item failed). It only reports: the counter inspection decides.
 */
final class PreReturnCheck {
    static final String PASS = "pass";
    static final String WARN = "warn";
    static final String FAIL = "fail";
    static final String UNKNOWN = "unknown";

    private final DeviceRegistry registry;
    private final Normalization normalization;
    private final DeviceWakeup wakeup;
    private final SelfTester selfTester;
    private final SoftwareCatalog software;
    private final LifecycleSettings settings;

    PreReturnCheck(DeviceRegistry registry, Normalization normalization, DeviceWakeup wakeup, SelfTester selfTester,
                   SoftwareCatalog software, LifecycleSettings settings) {
        this.selfTester = selfTester;
        this.registry = registry;
        this.normalization = normalization;
        this.wakeup = wakeup;
        this.software = software;
        this.settings = settings;
    }

    /**
     * The items; wake = send a connection request first (the answer shows the unit is reachable now) and
     * run a fresh self-test on a unit that answered. Without wake, the last self-test it reported is shown.
     */
    List<Object> items(Device before, List<Evidence> openEvidence, boolean wake, Instant now) {
        List<Object> items = new ArrayList<>();
        Map<String, Object> reachable = reachable(before, wake, now);
        items.add(reachable);
        Map<String, Object> fresh = null;
        if (wake && FAIL.equals(reachable.get("status"))) {
            fresh = item("selfTest", FAIL, "not run: the device is unreachable (" + reachable.get("detail") + ")");
        } else if (wake) {
            SelfTester.Result r = selfTester.run(before.id(), settings.selfTestWait());
            fresh = item("selfTest", r.status(), "fresh self-test: " + r.detail());
            if (r.runId() != null) {
                fresh.put("diagnosticRunId", r.runId());
            }
        }
        // A device that answered the connection request may have reported fresh values meanwhile.
        Device d = registry.find(before.id()).orElse(before);
        ParameterDocument doc = registry.parameters(d.id());
        items.add(fresh != null ? fresh : selfTest(d, doc));
        if (d.kind() == DeviceKind.GATEWAY) {
            items.add(optical(d, doc));
        }
        items.add(evidence(openEvidence));
        items.add(software(d));
        return items;
    }

    static String outcome(List<Object> items) {
        boolean allPass = true;
        for (Object o : items) {
            String status = String.valueOf(((Map<?, ?>) o).get("status"));
            if (status.equals(FAIL)) {
                return "problems";
            }
            allPass &= status.equals(PASS);
        }
        return allPass ? "clean" : "review";
    }

    private Map<String, Object> reachable(Device d, boolean wake, Instant now) {
        String request = "no connection request sent";
        if (wake) {
            DeviceWakeup.WakeupResult r = wakeup.wake(d).join();
            if (r.delivered()) {
                return item("reachable", PASS, "answered a connection request (" + r.via() + ")");
            }
            request = "connection request not answered (" + r.detail() + ")";
        }
        boolean recent = d.lastContact() != null && !d.lastContact().isBefore(now.minus(settings.offlineAfter()));
        String contact = d.lastContact() == null ? "never contacted the ACS" : "last contact " + d.lastContact();
        return item("reachable", recent ? PASS : FAIL, contact + "; " + request);
    }

    private Map<String, Object> selfTest(Device d, ParameterDocument doc) {
        Optional<Normalization.Value> v = normalization.resolve("selfTestState", d, doc);
        if (v.isEmpty()) {
            return item("selfTest", UNKNOWN, "no self-test run (check without waking the device) and none reported");
        }
        String state = v.get().raw().trim();
        String at = " (read " + doc.get(v.get().path()).updated() + ")";
        if (state.equalsIgnoreCase("Complete")) {
            return item("selfTest", PASS, "self-test Complete" + at);
        }
        if (state.toLowerCase(Locale.ROOT).startsWith("error")) {
            return item("selfTest", FAIL, "self-test " + state + at);
        }
        return item("selfTest", UNKNOWN, "no finished self-test: " + (state.isEmpty() ? "None" : state) + at);
    }

    private Map<String, Object> optical(Device d, ParameterDocument doc) {
        Optional<Normalization.Value> v = normalization.resolve("opticalRxPower", d, doc);
        if (v.isEmpty() || v.get().number() == null) {
            return item("opticalRxPower", UNKNOWN, "no optical receive power known");
        }
        double dbm = v.get().number();
        String text = String.format(Locale.ROOT, "%.2f dBm (read %s; warn below %.2f, fail below %.2f)", dbm,
            doc.get(v.get().path()).updated(), settings.opticalWarnDbm(), settings.opticalCriticalDbm());
        String status = dbm < settings.opticalCriticalDbm() ? FAIL : dbm < settings.opticalWarnDbm() ? WARN : PASS;
        return item("opticalRxPower", status, text);
    }

    private static Map<String, Object> evidence(List<Evidence> open) {
        if (open.isEmpty()) {
            return item("tamperEvidence", PASS, "no open tamper evidence during this holding");
        }
        return item("tamperEvidence", FAIL, open.size() + " open: " + open.stream()
            .map(e -> e.kind().apiName() + " (evidence " + e.id() + ")").collect(Collectors.joining(", ")));
    }

    private Map<String, Object> software(Device d) {
        if (d.modelName() == null || d.softwareVersion() == null) {
            return item("software", UNKNOWN, "model or software version not known");
        }
        Judgement j = software.judgeSoftware(d.modelName(), d.softwareVersion());
        return switch (j) {
            case APPROVED -> item("software", PASS, d.softwareVersion() + " is approved for " + d.modelName());
            case NOT_APPROVED -> item("software", FAIL, d.softwareVersion() + " is not approved for " + d.modelName()
                + " (approved: " + String.join(", ", software.approvedVersions(d.modelName())) + ")");
            default -> item("software", UNKNOWN, "no approved software listed for " + d.modelName());
        };
    }

    private static Map<String, Object> item(String name, String status, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("status", status);
        m.put("detail", detail);
        return m;
    }
}

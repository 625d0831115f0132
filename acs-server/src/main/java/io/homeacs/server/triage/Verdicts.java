package io.homeacs.server.triage;

import io.homeacs.server.diagnose.DiagnosticRun;
import io.homeacs.server.diagnose.DiagnosticType;
import io.homeacs.server.diagnose.RunState;
import io.homeacs.server.health.HealthSnapshot;
import io.homeacs.server.subscriber.ServiceKind;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.triage.FaultReport.Category;
import io.homeacs.server.triage.FaultReport.Responsible;
import io.homeacs.server.triage.FaultReport.Symptom;
import io.homeacs.server.triage.FaultReport.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The triage rules: from the symptom, the subscriber's account and the device's health, which kind
 * of fault it is, who answers for it under the agreements, and what to do next. Pure: every input
 * is passed in, so each rule is tested on its own.
 */
final class Verdicts {
    /** Reboots the ACS did not order, within a week, that mark a failing unit rather than bad luck. */
    static final int UNEXPECTED_REBOOTS = 3;

    /** What the rules look at; health is null when the report names no device the subscriber holds. */
    /** fresh: the device answered this triage's read; otherwise the health is what the ACS knew before. */
    /** diagnostic: the run the triage started for the symptom (null: none; diagnosticNote says why). */
    /** homeWifi: the findings about the home's mesh (empty: no mesh, or nothing wrong with it). */
    record Facts(Symptom symptom, Subscriber subscriber, HealthSnapshot health, String wanEnable, String pppUsername,
                 String iptvEnable, Instant warrantyEnd, boolean fresh, Instant now, DiagnosticRun diagnostic,
                 String diagnosticNote, List<HomeWifiFindings.Finding> homeWifi) {
        Facts {
            homeWifi = homeWifi == null ? List.of() : List.copyOf(homeWifi);
        }

        Facts(Symptom symptom, Subscriber subscriber, HealthSnapshot health, String wanEnable, String pppUsername,
              String iptvEnable, Instant warrantyEnd, boolean fresh, Instant now, DiagnosticRun diagnostic,
              String diagnosticNote) {
            this(symptom, subscriber, health, wanEnable, pppUsername, iptvEnable, warrantyEnd, fresh, now, diagnostic,
                diagnosticNote, List.of());
        }

        Facts(Symptom symptom, Subscriber subscriber, HealthSnapshot health, String wanEnable, String pppUsername,
              String iptvEnable, Instant warrantyEnd, boolean fresh, Instant now) {
            this(symptom, subscriber, health, wanEnable, pppUsername, iptvEnable, warrantyEnd, fresh, now, null, null);
        }
    }

    private Verdicts() {
    }

    static Verdict judge(Facts f) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("fresh", f.fresh());
        ServiceKind affected = affectedService(f.symptom());
        boolean lineDown = f.health() != null && f.health().wanStatus() != null && !f.health().wanUp();
        if (f.subscriber().suspended().contains(ServiceKind.BROADBAND) && (lineDown || affected == ServiceKind.BROADBAND)) {
            affected = ServiceKind.BROADBAND;
        }
        if (affected != null && f.subscriber().suspended().contains(affected)) {
            evidence.put("suspended", affected.apiName());
            return new Verdict(Category.SERVICE_SUSPENDED, Responsible.SUBSCRIBER, "the " + affected.apiName()
                + " service is suspended on the account; it is restored (within 24 hours) once the account is settled",
                evidence);
        }
        HealthSnapshot h = f.health();
        if (h == null) {
            return new Verdict(Category.NO_FAULT_FOUND, Responsible.SUBSCRIBER, "the subscriber holds no managed device "
                + "to examine; check the subscriber's own equipment or bind the device first", evidence);
        }
        record(evidence, h);
        TriageEvidence.diagnostic(evidence, f.diagnostic(), f.diagnosticNote());
        TriageEvidence.homeWifi(evidence, f.homeWifi());
        if (h.optical() == HealthSnapshot.Level.CRITICAL) {
            return new Verdict(Category.ACCESS_LINE, Responsible.OPERATOR, "technician visit to the access line: "
                + "optical receive power is below the critical threshold (fibre, connector or splitter)", evidence);
        }
        if (!h.online()) {
            if (h.optical() == HealthSnapshot.Level.WARN) {
                return new Verdict(Category.ACCESS_LINE, Responsible.OPERATOR, "technician visit to the access line: the "
                    + "device is unreachable and its last optical level was already weak", evidence);
            }
            return device(f, evidence, "the device does not answer although its optical level was fine: ask the "
                + "subscriber to check its power, then");
        }
        if (h.wanStatus() != null && !h.wanUp()) {
            if ("false".equals(f.wanEnable()) || "ERROR_AUTHENTICATION_FAILURE".equals(h.wanLastError())
                || !matches(f.pppUsername(), f.subscriber().setting("pppoeUsername"))) {
                evidence.put("pppUsernameOnDevice", f.pppUsername());
                evidence.put("wanEnable", f.wanEnable());
                return new Verdict(Category.SERVICE_CONFIGURATION, Responsible.OPERATOR, "fixable remotely: the line's "
                    + "service configuration on the device is wrong; re-run commissioning (POST /api/v1/orders/{id}/commission)",
                    evidence);
            }
            if (h.optical() == HealthSnapshot.Level.WARN) {
                return new Verdict(Category.ACCESS_LINE, Responsible.OPERATOR, "technician visit to the access line: "
                    + "the WAN is down and the optical level is weak", evidence);
            }
            return new Verdict(Category.ACCESS_LINE, Responsible.OPERATOR, "check the access network (OLT port, BRAS "
                + "session): the device is up with a good optical level but gets no WAN session", evidence);
        }
        if (h.unexpectedReboots() >= UNEXPECTED_REBOOTS) {
            return device(f, evidence, "the device keeps restarting on its own:");
        }
        if (h.optical() == HealthSnapshot.Level.WARN
            && (f.symptom() == Symptom.SLOW || f.symptom() == Symptom.INTERMITTENT)) {
            return new Verdict(Category.ACCESS_LINE, Responsible.OPERATOR, "technician visit to the access line: a "
                + "weak optical level explains a slow or unstable connection", evidence);
        }
        if (f.symptom() == Symptom.IPTV && "false".equals(f.iptvEnable())) {
            evidence.put("iptvEnable", f.iptvEnable());
            return new Verdict(Category.SERVICE_CONFIGURATION, Responsible.OPERATOR, "fixable remotely: IPTV is "
                + "switched off on the gateway; re-run commissioning", evidence);
        }
        if (h.tooManyHosts()) {
            return new Verdict(Category.SUBSCRIBER_EQUIPMENT, Responsible.SUBSCRIBER, "more terminals than the line "
                + "allows are attached (extra networking equipment?); the agreement excludes faults they cause", evidence);
        }
        Boolean compliant = speedCompliant(f.diagnostic());
        if (Boolean.FALSE.equals(compliant)) {
            return new Verdict(Category.ACCESS_LINE, Responsible.OPERATOR, "check the access network (OLT port, PON "
                + "load, BRAS, uplink): the speed test at the gateway fell short of the contracted rate while the device "
                + "and its optical level are healthy", evidence);
        }
        Verdict ping = pingVerdict(f, evidence);
        if (ping != null) {
            return ping;
        }
        boolean wifiSymptom = f.symptom() == Symptom.WIFI || f.symptom() == Symptom.SLOW
            || f.symptom() == Symptom.INTERMITTENT;
        boolean mesh = f.subscriber().services().contains(ServiceKind.MESH);
        Responsible wifiParty = mesh ? Responsible.OPERATOR : Responsible.SUBSCRIBER;
        Verdict home = wifiSymptom ? HomeWifiVerdicts.judge(f.homeWifi(), wifiParty, evidence) : null;
        if (home != null) {
            return home;
        }
        if (wifiSymptom && h.wifi().interference()) {
            return new Verdict(Category.IN_HOME_WIFI, wifiParty, "fixable remotely: Wi-Fi interference (high noise or a "
                + "busy channel) on the gateway's radio; move it to a quieter channel (set the channel, or automatic "
                + "channel selection)" + (mesh ? " and check the mesh nodes" : "; the home's radio environment is the "
                + "subscriber's"), evidence);
        }
        if (wifiSymptom && h.wifi().weakCoverage()) {
            return new Verdict(Category.IN_HOME_WIFI, wifiParty, mesh ? "weak Wi-Fi coverage although the home has the "
                + "smart-networking service: check mesh node placement and backhaul" : "weak Wi-Fi coverage: clients are "
                + "too far from the gateway; offer a Wi-Fi assessment and the smart-networking (mesh) service", evidence);
        }
        if (f.symptom() == Symptom.SLOW && Boolean.TRUE.equals(compliant)) {
            return new Verdict(Category.SUBSCRIBER_EQUIPMENT, Responsible.SUBSCRIBER, "no fault on the line or the leased "
                + "equipment: the gateway reaches the contracted rate and its Wi-Fi is sound; the subscriber's own devices "
                + "(PC, router, cabling) are the next place to look", evidence);
        }
        if (f.symptom() == Symptom.WIFI || f.symptom() == Symptom.SLOW) {
            return new Verdict(Category.IN_HOME_WIFI, wifiParty, mesh
                ? "the line is healthy: check the home's mesh (backhaul, node placement) under the smart-networking service"
                : "the line is healthy: in-home Wi-Fi coverage or interference; offer a Wi-Fi assessment and the "
                + "smart-networking service", evidence);
        }
        return new Verdict(Category.NO_FAULT_FOUND, Responsible.SUBSCRIBER, "no fault on the line or the leased "
            + "equipment; the subscriber's own devices (PC, router, TV) are the next place to look", evidence);
    }

    /** A completed speed test's verdict; null when none ran, it did not complete, or had no contract to judge by. */
    static Boolean speedCompliant(DiagnosticRun run) {
        if (run == null || run.type() != DiagnosticType.SPEED_TEST || run.state() != RunState.COMPLETED) {
            return null;
        }
        return run.compliant();
    }

    /** With the WAN up, a ping that goes unanswered (or loses echoes on an unstable line) points past the home. */
    private static Verdict pingVerdict(Facts f, Map<String, Object> evidence) {
        DiagnosticRun run = f.diagnostic();
        if (run == null || run.type() != DiagnosticType.IP_PING || run.state() != RunState.COMPLETED) {
            return null;
        }
        long ok = run.result().get("successCount") instanceof Number n ? n.longValue() : -1;
        long lost = run.result().get("failureCount") instanceof Number n ? n.longValue() : 0;
        if (ok == 0) {
            return new Verdict(Category.ACCESS_LINE, Responsible.OPERATOR, "check the access and upstream network: "
                + "the WAN session is up but no echo request to " + run.result().get("host") + " was answered", evidence);
        }
        if (lost > 0 && f.symptom() == Symptom.INTERMITTENT) {
            return new Verdict(Category.ACCESS_LINE, Responsible.OPERATOR, "check the access network: " + lost + " of "
                + (ok + lost) + " echo requests to " + run.result().get("host") + " were lost on a line reported unstable",
                evidence);
        }
        return null;
    }

    private static Verdict device(Facts f, Map<String, Object> evidence, String prefix) {
        // Subscriber-purchased units carry the same 12-month after-sales warranty as leased ones (000 §九.3).
        evidence.put("warrantyEnd", f.warrantyEnd() == null ? null : f.warrantyEnd().toString());
        if (f.warrantyEnd() != null && f.warrantyEnd().isAfter(f.now())) {
            return new Verdict(Category.LEASED_DEVICE_IN_WARRANTY, Responsible.OPERATOR, prefix + " swap the leased "
                + "device (in warranty: POST /api/v1/subscribers/{id}/swap)", evidence);
        }
        return new Verdict(Category.LEASED_DEVICE_OUT_OF_WARRANTY, Responsible.MANUFACTURER, prefix + " the leased "
            + "device is out of warranty; refer to the manufacturer's service point", evidence);
    }

    private static void record(Map<String, Object> evidence, HealthSnapshot h) {
        evidence.put("online", h.online());
        evidence.put("lastContact", h.lastContact() == null ? null : h.lastContact().toString());
        evidence.put("opticalRxDbm", h.opticalRxDbm());
        evidence.put("optical", h.optical().apiName());
        evidence.put("wanStatus", h.wanStatus());
        evidence.put("wanLastError", h.wanLastError());
        evidence.put("unexpectedReboots7d", h.unexpectedReboots());
        evidence.put("hosts", h.hosts());
        evidence.put("wifiClients", h.wifi().clients());
        evidence.put("weakWifiClients", h.wifi().weakClients());
        evidence.put("weakestWifiSignalDbm", h.wifi().weakestSignalDbm());
        evidence.put("wifiInterference", h.wifi().interference());
        List<Map<String, Object>> radios = new ArrayList<>();
        for (HealthSnapshot.Radio r : h.radios()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("band", r.band());
            m.put("channel", r.channel());
            m.put("noiseDbm", r.noiseDbm());
            m.put("utilisationPercent", r.utilisationPercent());
            m.values().removeIf(java.util.Objects::isNull);
            radios.add(m);
        }
        evidence.put("radios", radios.isEmpty() ? null : radios);
        evidence.put("findings", h.findings());
    }

    private static boolean matches(String onDevice, String expected) {
        return expected == null || onDevice == null || expected.equals(onDevice);
    }

    private static ServiceKind affectedService(Symptom s) {
        switch (s) {
            case NO_INTERNET:
            case SLOW:
            case INTERMITTENT:
                return ServiceKind.BROADBAND;
            case IPTV:
                return ServiceKind.IPTV;
            case VOICE:
                return ServiceKind.VOIP;
            default:
                return null;
        }
    }
}

package io.homeacs.server.health;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.device.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds health snapshots from what the ACS has stored about a device (its parameter document and
 * event history), through the normalisation concepts so every data model and vendor reads the same.
 */
public final class HealthReader {
    /** The key values a triage or health check refreshes before judging, as concepts. */
    public static final List<String> KEY_CONCEPTS = List.of("opticalRxPower", "opticalTxPower", "wanConnectionStatus",
        "wanLastError", "upTime", "connectedHosts", "wifiSsid2g", "wifiSsid5g", "wifiChannel2g", "wifiChannel5g",
        "wifiEnable2g", "wifiEnable5g", "wifiNoise2g", "wifiNoise5g", "wifiUtilisation2g", "wifiUtilisation5g");

    private final DeviceRegistry registry;
    private final Normalization normalization;
    private final Thresholds thresholds;

    /**
     * Operator settings: optical levels in dBm, hosts per line, what counts as offline, and for Wi-Fi the
     * noise floor (dBm) and channel utilisation (%) above which a radio suffers interference and the client
     * signal (dBm) below which coverage is weak.
     */
    public record Thresholds(double opticalWarnDbm, double opticalCriticalDbm, int allowedHosts, Duration offlineAfter,
                             int wifiNoiseDbm, int wifiUtilisationPercent, int wifiWeakSignalDbm) {
    }

    public HealthReader(DeviceRegistry registry, Normalization normalization, Thresholds thresholds) {
        this.registry = registry;
        this.normalization = normalization;
        this.thresholds = thresholds;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /** The parameter paths behind the key concepts on this device, for one GetParameterValues. */
    public List<String> keyPaths(Device device) {
        ParameterDocument doc = registry.parameters(device.id());
        List<String> paths = new ArrayList<>();
        for (String concept : KEY_CONCEPTS) {
            normalization.resolve(concept, device, doc).ifPresent(v -> paths.add(v.path()));
        }
        if (!paths.isEmpty()) {
            paths.addAll(WifiHealth.keyPaths(doc));
        }
        return paths;
    }

    public HealthSnapshot snapshot(Device device, Instant now) {
        ParameterDocument doc = registry.parameters(device.id());
        Double rx = number("opticalRxPower", device, doc);
        Double tx = number("opticalTxPower", device, doc);
        HealthSnapshot.Level optical = rx == null ? HealthSnapshot.Level.UNKNOWN
            : rx < thresholds.opticalCriticalDbm() ? HealthSnapshot.Level.CRITICAL
            : rx < thresholds.opticalWarnDbm() ? HealthSnapshot.Level.WARN : HealthSnapshot.Level.OK;
        String wan = text("wanConnectionStatus", device, doc);
        String wanError = text("wanLastError", device, doc);
        Double up = number("upTime", device, doc);
        Double hosts = number("connectedHosts", device, doc);
        boolean online = device.lastContact() != null && device.lastContact().plus(thresholds.offlineAfter()).isAfter(now);
        int unexpected = unexpectedReboots(registry.events(device.id(), 200), now.minus(Duration.ofDays(7)));
        List<HealthSnapshot.Radio> radios = new ArrayList<>();
        radio(radios, "2.4GHz", "2g", device, doc);
        radio(radios, "5GHz", "5g", device, doc);
        List<String> findings = new ArrayList<>();
        if (!online) {
            findings.add("no contact since " + device.lastContact());
        }
        if (optical == HealthSnapshot.Level.CRITICAL || optical == HealthSnapshot.Level.WARN) {
            findings.add("optical receive power " + rx + " dBm is below the " + optical.apiName() + " threshold ("
                + (optical == HealthSnapshot.Level.CRITICAL ? thresholds.opticalCriticalDbm() : thresholds.opticalWarnDbm())
                + " dBm)");
        }
        if (wan != null && !"Connected".equals(wan) && !"Up".equals(wan)) {
            findings.add("WAN is " + wan + (wanError != null && !wanError.equals("ERROR_NONE") ? " (" + wanError + ")" : ""));
        }
        if (unexpected > 0) {
            findings.add(unexpected + " reboot(s) in 7 days that the ACS did not order");
        }
        Integer hostCount = hosts == null ? null : hosts.intValue();
        if (hostCount != null && hostCount > thresholds.allowedHosts()) {
            findings.add(hostCount + " hosts on the line, more than the " + thresholds.allowedHosts() + " allowed");
        }
        boolean interference = false;
        for (HealthSnapshot.Radio r : radios) {
            if (r.interference()) {
                interference = true;
                findings.add("Wi-Fi " + r.band() + " interference: " + (r.noiseDbm() == null ? "" : "noise " + r.noiseDbm()
                    + " dBm (threshold " + thresholds.wifiNoiseDbm() + ")") + (r.noiseDbm() != null
                    && r.utilisationPercent() != null ? ", " : "") + (r.utilisationPercent() == null ? ""
                    : "channel busy " + r.utilisationPercent() + " % (threshold " + thresholds.wifiUtilisationPercent() + " %)"));
            }
        }
        HealthSnapshot.Wifi wifi = WifiHealth.clients(doc, thresholds.wifiWeakSignalDbm(), interference);
        if (wifi.weakCoverage()) {
            findings.add("weak Wi-Fi coverage: " + wifi.weakClients() + " of " + wifi.clients() + " clients below "
                + thresholds.wifiWeakSignalDbm() + " dBm (weakest " + wifi.weakestSignalDbm() + " dBm)");
        }
        return new HealthSnapshot(device.id(), now, online, device.lastContact(), rx, tx, optical, wan, wanError,
            up == null ? null : up.longValue(), device.lastBoot(), unexpected, radios, wifi, hostCount,
            thresholds.allowedHosts(), findings);
    }

    /**
     * Boots the ACS did not cause: a "1 BOOT" without "M Reboot" (an ordered reboot) or "0 BOOTSTRAP"
     * (a factory reset) in the same Inform — power cuts, crashes, a subscriber pulling the plug.
     */
    static int unexpectedReboots(List<StoredEvent> events, Instant since) {
        int n = 0;
        for (int i = 0; i < events.size(); i++) {
            StoredEvent e = events.get(i);
            if (!e.code().equals("1 BOOT") || e.at().isBefore(since)) {
                continue;
            }
            boolean ordered = false;
            for (StoredEvent other : events) {
                if (other.at().equals(e.at()) && (other.code().equals("M Reboot") || other.code().equals("0 BOOTSTRAP"))) {
                    ordered = true;
                    break;
                }
            }
            n += ordered ? 0 : 1;
        }
        return n;
    }

    private void radio(List<HealthSnapshot.Radio> out, String band, String suffix, Device device, ParameterDocument doc) {
        String ssid = text("wifiSsid" + suffix, device, doc);
        String channel = text("wifiChannel" + suffix, device, doc);
        String enabled = text("wifiEnable" + suffix, device, doc);
        Double noise = number("wifiNoise" + suffix, device, doc);
        Double busy = number("wifiUtilisation" + suffix, device, doc);
        if (ssid != null || channel != null) {
            Integer noiseDbm = noise == null ? null : (int) Math.round(noise);
            Integer busyPercent = busy == null ? null : (int) Math.round(busy);
            boolean interference = noiseDbm != null && noiseDbm > thresholds.wifiNoiseDbm()
                || busyPercent != null && busyPercent > thresholds.wifiUtilisationPercent();
            out.add(new HealthSnapshot.Radio(band, ssid, channel, enabled == null ? null : Boolean.valueOf(enabled), noiseDbm,
                busyPercent, interference));
        }
    }

    private Double number(String concept, Device device, ParameterDocument doc) {
        return normalization.resolve(concept, device, doc).map(Normalization.Value::number).orElse(null);
    }

    private String text(String concept, Device device, ParameterDocument doc) {
        Optional<Normalization.Value> v = normalization.resolve(concept, device, doc);
        return v.map(Normalization.Value::value).orElse(null);
    }
}

package io.homeacs.server.mesh;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What one managed node must be set to for a layout: the same SSIDs, passphrase, channels and power
 * on every node, each written to the parameter the node's own data model has (normalisation concepts
 * first, so TR-098 and vendor models are served; TR-181 radio parameters where the node reports
 * them). Pure. Values the node cannot take are listed, not guessed.
 *
 * @param writes     every value to set, secrets included
 * @param previous   the node's stored values of the non-secret writes, to roll back to
 * @param unsupported what the node's data model lacks, in words
 */
public record LayoutPlan(List<ParamValue> writes, Map<String, String> previous, List<String> unsupported) {

    public static LayoutPlan of(MeshLayout l, Device d, ParameterDocument doc, Normalization norm) {
        List<ParamValue> writes = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        Function<String[], Boolean> concept = cv -> norm.writeTarget(cv[0], d, doc, cv[1]).map(writes::add).isPresent();
        if (!concept.apply(new String[] {"wifiSsid2g", l.ssid()})) {
            unsupported.add("no 2.4 GHz SSID parameter");
        }
        if (!concept.apply(new String[] {"wifiSsid5g", l.effectiveSsid5g()})) {
            unsupported.add("no 5 GHz SSID parameter");
        }
        if (l.passphrase() != null) {
            concept.apply(new String[] {"wifiPassphrase2g", l.passphrase()});
            concept.apply(new String[] {"wifiPassphrase5g", l.passphrase()});
        }
        radio(writes, unsupported, doc, 1, l.channel2g(), l.transmitPower());
        radio(writes, unsupported, doc, 2, l.channel5g(), l.transmitPower());
        if (l.guest() != null) {
            guest(writes, unsupported, doc, l.guest());
        }
        Map<String, String> previous = new LinkedHashMap<>();
        for (ParamValue v : writes) {
            ParameterDocument.Entry e = doc.get(v.name());
            if (!secret(v.name()) && e != null) {
                previous.put(v.name(), e.value());
            }
        }
        return new LayoutPlan(writes, previous, unsupported);
    }

    /** TR-181 radio k: automatic channel or a fixed one, and the transmit power. */
    private static void radio(List<ParamValue> writes, List<String> unsupported, ParameterDocument doc, int k, Integer channel,
                              Integer power) {
        String r = "Device.WiFi.Radio." + k + ".";
        if (doc.get(r + "AutoChannelEnable") != null) {
            writes.add(typed(doc, r + "AutoChannelEnable", channel == null ? "true" : "false"));
            if (channel != null && doc.get(r + "Channel") != null) {
                writes.add(typed(doc, r + "Channel", String.valueOf(channel)));
            }
        } else if (channel != null) {
            unsupported.add("no channel setting on radio " + k);
        }
        if (power != null) {
            if (doc.get(r + "TransmitPower") != null) {
                writes.add(typed(doc, r + "TransmitPower", String.valueOf(power)));
            } else {
                unsupported.add("no transmit power on radio " + k);
            }
        }
    }

    private static void guest(List<ParamValue> writes, List<String> unsupported, ParameterDocument doc, MeshLayout.Guest g) {
        String s = "Device.WiFi.SSID.3.";
        if (doc.get(s + "SSID") == null) {
            unsupported.add("no third SSID for the guest network");
            return;
        }
        if (g.enabled()) {
            writes.add(typed(doc, s + "SSID", g.ssid()));
        }
        if (doc.get(s + "Enable") != null) {
            writes.add(typed(doc, s + "Enable", String.valueOf(g.enabled())));
        }
        String key = "Device.WiFi.AccessPoint.3.Security.KeyPassphrase";
        if (g.enabled() && g.passphrase() != null && doc.get(key) != null) {
            writes.add(typed(doc, key, g.passphrase()));
        }
    }

    private static ParamValue typed(ParameterDocument doc, String name, String value) {
        ParameterDocument.Entry e = doc.get(name);
        return new ParamValue(name, value, e == null || e.type() == null ? "xsd:string" : e.type());
    }

    /** Devices never read these back, so they are neither verified nor rolled back. */
    static boolean secret(String name) {
        return name.endsWith("Passphrase") || name.endsWith("PreSharedKey") || name.endsWith("Password")
            || name.endsWith("KeyPassphrase");
    }

    /** The non-secret writes as name → value: what the read-back must show. */
    public Map<String, String> expected() {
        Map<String, String> m = new LinkedHashMap<>();
        writes.stream().filter(v -> !secret(v.name())).forEach(v -> m.put(v.name(), v.value()));
        return m;
    }
}

package io.homeacs.server.provision;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.subscriber.Subscriber;
import io.homeacs.server.subscriber.Subscribers;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Before a swap: the home's Wi-Fi names as the old device has them (the subscriber may have changed
 * them) become the subscriber's settings, so the new device — of whatever vendor — puts the same
 * network on the air and the family's phones reconnect by themselves. Passphrases read back empty
 * from devices, so the one on record (set at commissioning or by the operator) is what carries over.
 */
final class WifiCarryOver {
    private WifiCarryOver() {
    }

    static void remember(Subscriber s, Device old, ParameterDocument doc, Normalization norm, Subscribers subscribers,
                         Instant now) {
        Map<String, String> changes = new LinkedHashMap<>();
        String ssid = norm.resolve("wifiSsid2g", old, doc).map(Normalization.Value::raw).orElse(null);
        String ssid5 = norm.resolve("wifiSsid5g", old, doc).map(Normalization.Value::raw).orElse(null);
        if (ssid != null && !ssid.isBlank() && !ssid.equals(s.setting("wifiSsid"))) {
            changes.put("wifiSsid", ssid);
        }
        if (ssid5 != null && !ssid5.isBlank() && !ssid5.equals(ssid) && !ssid5.equals(s.setting("wifiSsid5g"))) {
            changes.put("wifiSsid5g", ssid5);
        }
        if (!changes.isEmpty()) {
            subscribers.update(s.id(), new Subscribers.Changes(null, null, null, null, null, changes), now);
        }
    }
}

package io.homeacs.server.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a profile wants a device to be. parameters: key → value, the key a full parameter path
 * ("Device.WiFi.SSID.1.SSID") or a normalised concept ("wifiSsid2g"). objects: table instances
 * that must exist. tags: tags the device must carry.
 */
public record DesiredState(Map<String, String> parameters, List<ObjectRule> objects, List<String> tags) {

    public DesiredState {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters == null ? Map.of() : parameters));
        objects = objects == null ? List.of() : List.copyOf(objects);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * An instance of the table at path ("Device.NAT.PortMapping.") whose parameters equal key (e.g.
     * {"Alias": "voip"}, or {"Description": "voip"} where the device has no Alias) must exist, with
     * parameters set as given. Instances are found by key, so applying the rule again finds the
     * instance it created instead of adding another.
     */
    public record ObjectRule(String path, Map<String, String> key, Map<String, String> parameters) {
        public ObjectRule {
            key = Collections.unmodifiableMap(new TreeMap<>(key));
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters == null ? Map.of() : parameters));
        }

        /** "Device.NAT.PortMapping.[Description=voip]": the same instance in two profiles has the same identity. */
        public String identity() {
            return path + key.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        }
    }

    /** Every key this state sets, object parameters named by their instance identity plus name. */
    public Map<String, String> flatten() {
        Map<String, String> out = new LinkedHashMap<>(parameters);
        for (ObjectRule o : objects) {
            o.parameters().forEach((k, v) -> out.put(o.identity() + "." + k, v));
        }
        return out;
    }
}

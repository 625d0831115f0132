package io.homeacs.server.profile;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceEvent;
import io.homeacs.server.device.DeviceKind;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which devices a profile applies to; null fields match anything. softwareVersion is exact, or a
 * prefix when it ends in '*'. Every tag must be present. events are the Inform event codes that let
 * the profile's values be applied; empty means "whenever its devices are evaluated".
 */
public record ProfileMatch(DeviceKind kind, String oui, String productClass, String modelName, String softwareVersion,
                           List<String> tags, List<String> events) {

    public static final ProfileMatch ANY = new ProfileMatch(null, null, null, null, null, List.of(), List.of());

    public ProfileMatch {
        tags = tags == null ? List.of() : List.copyOf(tags);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** Decided from the device's hot columns and tags alone, so it can run on every Inform. */
    public boolean matches(Device d, Collection<String> deviceTags) {
        return (kind == null || kind == d.kind())
            && (oui == null || oui.equalsIgnoreCase(d.identity().oui()))
            && (productClass == null || productClass.equals(d.identity().productClass()))
            && (modelName == null || modelName.equals(d.modelName()))
            && softwareMatches(d.softwareVersion())
            && (tags.isEmpty() || deviceTags.containsAll(tags));
    }

    boolean softwareMatches(String version) {
        if (softwareVersion == null) {
            return true;
        }
        if (version == null) {
            return false;
        }
        return softwareVersion.endsWith("*")
            ? version.startsWith(softwareVersion.substring(0, softwareVersion.length() - 1))
            : softwareVersion.equals(version);
    }

    public boolean needsTags() {
        return !tags.isEmpty();
    }

    /** Whether values of this profile may be applied in an evaluation started by these events. */
    public boolean triggeredBy(Collection<String> eventCodes) {
        return events.isEmpty() || events.stream().anyMatch(eventCodes::contains);
    }

    public boolean hasTriggerIn(List<DeviceEvent> informEvents) {
        for (DeviceEvent e : informEvents) {
            if (events.contains(e.code())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when no device can match both: some identity field is fixed to different values. Used to
     * decide whether two equal-priority profiles can ever compete for a device.
     */
    public boolean disjointFrom(ProfileMatch o) {
        return (kind != null && o.kind != null && kind != o.kind)
            || (oui != null && o.oui != null && !oui.equalsIgnoreCase(o.oui))
            || differs(productClass, o.productClass) || differs(modelName, o.modelName)
            || softwareDisjoint(softwareVersion, o.softwareVersion);
    }

    private static boolean differs(String a, String b) {
        return a != null && b != null && !a.equals(b);
    }

    private static boolean softwareDisjoint(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        boolean pa = a.endsWith("*");
        boolean pb = b.endsWith("*");
        String sa = pa ? a.substring(0, a.length() - 1) : a;
        String sb = pb ? b.substring(0, b.length() - 1) : b;
        if (pa && pb) {
            return !sa.startsWith(sb) && !sb.startsWith(sa);
        }
        if (pa) {
            return !sb.startsWith(sa);
        }
        if (pb) {
            return !sa.startsWith(sb);
        }
        return !Objects.equals(a, b);
    }
}

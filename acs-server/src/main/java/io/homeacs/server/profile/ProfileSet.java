package io.homeacs.server.profile;

import io.homeacs.server.device.Device;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Which profiles apply to a device, and the fingerprint that tells whether that set changed. */
final class ProfileSet {
    private ProfileSet() {
    }

    static List<Profile> matching(List<Profile> profiles, Device d, Collection<String> tags) {
        List<Profile> out = new ArrayList<>();
        for (Profile p : profiles) {
            if (p.match().matches(d, tags)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Order-independent over (id, version): a profile created, changed, removed, or newly (un)matched
     * changes it. 0 for the empty set, which is also what a device without a stored state has.
     */
    static long fingerprint(Collection<Profile> profiles) {
        long h = 0;
        for (Profile p : profiles) {
            long x = p.id() * 0x9E3779B97F4A7C15L + p.version();
            x ^= x >>> 31;
            x *= 0xBF58476D1CE4E5B9L;
            h += x ^ (x >>> 29);
        }
        return h;
    }
}

package io.homeacs.server.profile;

import io.homeacs.server.task.Secrets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creating, changing and removing profiles. Refuses a profile that could compete with another of
 * the same priority for a parameter with a different value: the ACS would have no rule to pick a
 * winner, so the operator must state one. Every change tells the engine, whose fingerprints then
 * make the affected devices converge at their next contact.
 */
public final class Profiles {
    private final ProfileStore store;
    private final ProfileCodec codec;
    private final ConceptMap concepts;
    private final ProfileEngine engine;

    /** On this device, path holds the winner's value instead of the losing profile's. */
    public record Lost(long deviceId, String deviceKey, String path, long winnerId) {
    }

    Profiles(ProfileStore store, ProfileCodec codec, ConceptMap concepts, ProfileEngine engine) {
        this.store = store;
        this.codec = codec;
        this.concepts = concepts;
        this.engine = engine;
    }

    public List<Profile> list() {
        return store.list();
    }

    public Optional<Profile> find(long id) {
        return store.find(id);
    }

    public synchronized Profile create(Profile.Draft d, String by, Instant now) {
        keepMasked(d.desired(), Map.of()); // refuses "********" where there is nothing to keep
        check(d, null);
        Profile p = store.insert(d, by, now);
        engine.profilesChanged();
        return p;
    }

    /** Secret values sent back as "********" keep the value stored for that key. */
    public synchronized Optional<Profile> update(long id, Profile.Draft d, String by, Instant now) {
        Optional<Profile> old = store.find(id);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> previous = old.get().desired().flatten();
        DesiredState desired = keepMasked(d.desired(), previous);
        Profile.Draft merged = new Profile.Draft(d.name(), d.description(), d.priority(), d.enabled(), d.match(), desired);
        check(merged, id);
        if (!store.update(id, merged, by, now)) {
            return Optional.empty();
        }
        engine.profilesChanged();
        return store.find(id);
    }

    public synchronized boolean delete(long id) {
        boolean gone = store.delete(id);
        if (gone) {
            engine.profilesChanged();
        }
        return gone;
    }

    /** How many devices this profile lost on, and the first rows of where (device, path, winner). */
    public Map.Entry<Long, List<Lost>> lostBy(long profileId, int limit) {
        return store.lostBy(profileId, limit);
    }

    private DesiredState keepMasked(DesiredState d, Map<String, String> previous) {
        Map<String, String> params = new LinkedHashMap<>(d.parameters());
        params.replaceAll((k, v) -> unmask(k, v, previous.get(k)));
        List<DesiredState.ObjectRule> objects = d.objects().stream().map(o -> {
            Map<String, String> ps = new LinkedHashMap<>(o.parameters());
            ps.replaceAll((k, v) -> unmask(k, v, previous.get(o.identity() + "." + k)));
            return new DesiredState.ObjectRule(o.path(), o.key(), ps);
        }).toList();
        return new DesiredState(params, objects, d.tags());
    }

    private String unmask(String key, String value, String previous) {
        if (!value.equals(Secrets.MASK) || !codec.isSecretKey(key)) {
            return value;
        }
        if (previous == null) {
            throw new IllegalArgumentException("'" + key + "' is \"" + Secrets.MASK + "\" but the profile had no value "
                + "for it to keep; send the secret itself");
        }
        return previous;
    }

    private void check(Profile.Draft d, Long self) {
        for (Profile other : store.list()) {
            if (self != null && other.id() == self) {
                continue;
            }
            if (other.name().equals(d.name())) {
                throw new ProfileConflictException("a profile named '" + d.name() + "' exists (id " + other.id() + ")");
            }
            if (d.enabled() && other.enabled() && other.priority() == d.priority()
                && !d.match().disjointFrom(other.match())) {
                String key = competingKey(d.desired().flatten(), other.desired().flatten());
                if (key != null) {
                    throw new ProfileConflictException("profile '" + other.name() + "' (id " + other.id()
                        + ") has the same priority " + d.priority() + " and sets " + key + " to a different value for "
                        + "devices both can match; give one of them a higher priority to say which wins");
                }
            }
        }
    }

    /** A key both set to different values, counting a concept as the paths it maps to; null if none. */
    private String competingKey(Map<String, String> a, Map<String, String> b) {
        for (Map.Entry<String, String> x : a.entrySet()) {
            for (Map.Entry<String, String> y : b.entrySet()) {
                if (!x.getValue().equals(y.getValue()) && overlap(x.getKey(), y.getKey())) {
                    return x.getKey().equals(y.getKey()) ? x.getKey() : x.getKey() + " (as " + y.getKey() + ")";
                }
            }
        }
        return null;
    }

    private boolean overlap(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        boolean pa = ProfileCodec.isPath(a) || a.contains("[");
        boolean pb = ProfileCodec.isPath(b) || b.contains("[");
        if (pa && pb) {
            return false;
        }
        if (pa || pb) {
            String concept = pa ? b : a;
            String path = pa ? a : b;
            return concepts.covers(concept, path);
        }
        return concepts.sourcePaths(a).stream().anyMatch(concepts.sourcePaths(b)::contains);
    }
}

package io.homeacs.server.profile;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The desired state of one device: the matching profiles merged, highest priority first, with
 * concept keys resolved to this device's paths. Where two profiles want one parameter to hold
 * different values, the higher priority wins and the other is recorded as a conflict — never
 * dropped silently. Pure: no store, no clock.
 */
public record Resolution(List<Profile> profiles, Map<String, Setting> values, List<ObjectTarget> objects,
                         Set<String> tags, List<Conflict> conflicts, List<String> unavailable) {

    /** Highest priority first; among equals (refused at create, possible only via concepts) the older profile. */
    public static final Comparator<Profile> ORDER =
        Comparator.comparingInt(Profile::priority).reversed().thenComparingLong(Profile::id);

    /** One parameter's winning value; key is what the profile wrote (a path or a concept name). */
    public record Setting(String path, String value, String type, String key, Profile profile, boolean secret) {
    }

    /** A profile lost: it wanted path (or object instance parameter) to hold loserValue. */
    public record Conflict(String path, String key, Profile winner, String winnerValue, Profile loser, String loserValue,
                           boolean secret) {
    }

    /** An object rule merged across profiles: owner is the highest-priority profile requiring it. */
    public record ObjectTarget(DesiredState.ObjectRule rule, Profile owner, Map<String, Profile> paramOwners) {
    }

    public static Resolution of(List<Profile> matching, Device device, ParameterDocument doc, ConceptMap concepts,
                                ProfileCodec codec) {
        List<Profile> ordered = new ArrayList<>(matching);
        ordered.sort(ORDER);
        Map<String, Setting> values = new LinkedHashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        Set<String> tags = new LinkedHashSet<>();
        Map<String, ObjectTarget> objects = new LinkedHashMap<>();
        for (Profile p : ordered) {
            p.desired().parameters().forEach((key, value) -> {
                Optional<ParamValue> target = target(key, value, device, doc, concepts);
                if (target.isEmpty()) {
                    unavailable.add(key);
                    return;
                }
                ParamValue t = target.get();
                Setting s = new Setting(t.name(), t.value(), t.type(), key, p, codec.isSecretKey(key)
                    || codec.isSecretKey(t.name()));
                Setting winner = values.putIfAbsent(t.name(), s);
                if (winner != null && !winner.value().equals(s.value())) {
                    conflicts.add(new Conflict(t.name(), key, winner.profile(), winner.value(), p, s.value(),
                        winner.secret() || s.secret()));
                }
            });
            for (DesiredState.ObjectRule rule : p.desired().objects()) {
                if (!rule.path().startsWith(device.dataModel().root())) {
                    unavailable.add(rule.identity());
                    continue;
                }
                mergeObject(objects, rule, p, conflicts, codec);
            }
            tags.addAll(p.desired().tags());
        }
        return new Resolution(List.copyOf(ordered), values, List.copyOf(objects.values()), tags, conflicts, unavailable);
    }

    /**
     * A full path applies only to devices of its data model; a concept resolves through the
     * normalisation mapping to this device's path and raw value. The type comes from what the
     * device reported, so a SetParameterValues carries the xsi:type the device expects.
     */
    private static Optional<ParamValue> target(String key, String value, Device device, ParameterDocument doc,
                                               ConceptMap concepts) {
        if (ProfileCodec.isPath(key)) {
            if (!key.startsWith(device.dataModel().root())) {
                return Optional.empty();
            }
            ParameterDocument.Entry e = doc.get(key);
            return Optional.of(new ParamValue(key, value, e == null ? null : e.type()));
        }
        return concepts.writeTarget(key, device, doc, value);
    }

    private static void mergeObject(Map<String, ObjectTarget> objects, DesiredState.ObjectRule rule, Profile p,
                                    List<Conflict> conflicts, ProfileCodec codec) {
        ObjectTarget existing = objects.get(rule.identity());
        if (existing == null) {
            Map<String, Profile> owners = new LinkedHashMap<>();
            rule.parameters().keySet().forEach(k -> owners.put(k, p));
            objects.put(rule.identity(), new ObjectTarget(rule, p, owners));
            return;
        }
        Map<String, String> params = new LinkedHashMap<>(existing.rule().parameters());
        Map<String, Profile> owners = new LinkedHashMap<>(existing.paramOwners());
        rule.parameters().forEach((k, v) -> {
            String won = params.putIfAbsent(k, v);
            if (won == null) {
                owners.put(k, p);
            } else if (!won.equals(v)) {
                conflicts.add(new Conflict(rule.identity() + "." + k, k, owners.get(k), won, p, v, codec.isSecretKey(k)));
            }
        });
        objects.put(rule.identity(), new ObjectTarget(new DesiredState.ObjectRule(rule.path(), rule.key(), params),
            existing.owner(), owners));
    }
}

package io.homeacs.server.profile;

import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What stands between a device and its desired state, compared with what the ACS knows of it:
 * values to fetch first (never set blind: an unknown value may already be right, and its type is
 * needed), values to set, instances to add, and changes held back until a profile's trigger event.
 * Empty fetch, set and add means the device is in its desired state and gets no RPC. Pure.
 *
 * @param missing   parameters the device was asked for and did not have
 * @param instances where each object rule's instance is, by identity (absent: not found)
 */
public record Plan(List<String> fetch, List<ParamValue> set, List<Resolution.ObjectTarget> add, List<String> deferred,
                   List<String> missing, Map<String, String> instances) {

    public boolean inSync() {
        return fetch.isEmpty() && set.isEmpty() && add.isEmpty();
    }

    /**
     * @param appliedSecrets secret values the engine last set, by path: devices do not read secrets
     *                       back, so these are what a secret is compared with
     * @param created        instances this evaluation added, by rule identity, not yet carrying their key
     * @param fetched        paths already fetched in this evaluation: still unknown means absent
     * @param mayApply       whether a profile's values may be applied now (its trigger events)
     */
    public static Plan of(Resolution r, ParameterDocument doc, Map<String, String> appliedSecrets,
                          Map<String, String> created, Set<String> fetched, Predicate<Profile> mayApply) {
        Builder b = new Builder(doc, appliedSecrets, fetched);
        for (Resolution.Setting s : r.values().values()) {
            b.value(s.path(), s.value(), s.type(), s.secret(), mayApply.test(s.profile()));
        }
        for (Resolution.ObjectTarget o : r.objects()) {
            b.object(o, created.get(o.rule().identity()), mayApply);
        }
        List<String> deferred = new ArrayList<>(b.deferred);
        return new Plan(List.copyOf(b.fetch), List.copyOf(b.set.values()), List.copyOf(b.add), deferred,
            List.copyOf(b.missing), b.instances);
    }

    /** Same value, also when a boolean reads "1" on the device and "true" in the profile. */
    static boolean sameValue(ParameterDocument.Entry current, String desired) {
        if (current.value().equals(desired)) {
            return true;
        }
        return "xsd:boolean".equals(current.type()) && bool(current.value()) != null
            && bool(current.value()).equals(bool(desired));
    }

    private static Boolean bool(String v) {
        if (v.equals("1") || v.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (v.equals("0") || v.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static final class Builder {
        final ParameterDocument doc;
        final Map<String, String> appliedSecrets;
        final Set<String> fetched;
        final List<String> missing = new ArrayList<>();
        final Set<String> fetch = new LinkedHashSet<>();
        final Map<String, ParamValue> set = new LinkedHashMap<>();
        final List<Resolution.ObjectTarget> add = new ArrayList<>();
        final List<String> deferred = new ArrayList<>();
        final Map<String, String> instances = new LinkedHashMap<>();

        Builder(ParameterDocument doc, Map<String, String> appliedSecrets, Set<String> fetched) {
            this.doc = doc;
            this.appliedSecrets = appliedSecrets;
            this.fetched = fetched;
        }

        void value(String path, String desired, String type, boolean secret, boolean may) {
            ParameterDocument.Entry e = doc.get(path);
            boolean ok = e != null && (secret ? desired.equals(appliedSecrets.get(path)) : sameValue(e, desired));
            if (ok) {
                return;
            }
            if (!may) {
                deferred.add(path);
            } else if (e == null) {
                (fetched.contains(path) ? missing : fetch).add(path);
            } else {
                set.put(path, new ParamValue(path, desired, e.type() != null ? e.type() : type));
            }
        }

        /**
         * An instance found by its key (or just created, so not carrying its key yet) is compared
         * parameter by parameter; one the ACS has no values of is fetched whole first.
         */
        void object(Resolution.ObjectTarget o, String created, Predicate<Profile> mayApply) {
            boolean may = mayApply.test(o.owner());
            String identity = o.rule().identity();
            String at = created != null ? created : findInstance(o.rule());
            if (at == null || at.isEmpty() || !doc.hasPrefix(at)) {
                if (!may) {
                    deferred.add(identity);
                } else if (at == null) {
                    (fetched.contains(o.rule().path()) ? missing : fetch).add(o.rule().path());
                } else if (at.isEmpty()) {
                    add.add(o);
                } else {
                    instances.put(identity, at);
                    (fetched.contains(at) ? missing : fetch).add(at);
                }
                return;
            }
            instances.put(identity, at);
            o.rule().key().forEach((k, v) -> value(at + k, v, null, false, may));
            o.rule().parameters().forEach((k, v) -> value(at + k, v, null, ProfileCodec.secretName(k),
                mayApply.test(o.paramOwners().get(k))));
        }

        /**
         * The instance whose key parameters hold the key values; "" when none does; null when the
         * ACS does not know the table well enough to say.
         */
        String findInstance(DesiredState.ObjectRule rule) {
            String table = rule.path();
            Set<String> numbers = new TreeSet<>();
            for (String name : doc.subtree(table).keySet()) {
                int dot = name.indexOf('.', table.length());
                if (dot > table.length()) {
                    numbers.add(name.substring(table.length(), dot));
                }
            }
            if (numbers.isEmpty()) {
                // TR-069 tables announce their size in <Table>NumberOfEntries: "0" means known empty.
                ParameterDocument.Entry count = doc.get(table.substring(0, table.length() - 1) + "NumberOfEntries");
                boolean empty = fetched.contains(table) || count != null && count.value().equals("0");
                return empty ? "" : null;
            }
            for (String n : numbers.stream().sorted((a, c) -> Long.compare(number(a), number(c))).toList()) {
                String at = table + n + ".";
                boolean all = true;
                for (Map.Entry<String, String> k : rule.key().entrySet()) {
                    ParameterDocument.Entry e = doc.get(at + k.getKey());
                    if (e == null) {
                        return null;
                    }
                    all &= sameValue(e, k.getValue());
                }
                if (all) {
                    return at;
                }
            }
            return "";
        }

        private static long number(String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }
    }
}

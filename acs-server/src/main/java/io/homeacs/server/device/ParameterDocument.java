package io.homeacs.server.device;

import io.homeacs.server.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A device's learned parameter tree, stored as one JSON document {@code {path: [value, type, epochMillis]}}.
 * One document per device instead of one row per parameter keeps a million devices with thousands
 * of parameters each to a million rows.
 */
public final class ParameterDocument {
    private final TreeMap<String, Entry> entries;

    public record Entry(String value, String type, Instant updated) {
    }

    private ParameterDocument(TreeMap<String, Entry> entries) {
        this.entries = entries;
    }

    public static ParameterDocument empty() {
        return new ParameterDocument(new TreeMap<>());
    }

    public static ParameterDocument parse(String json) {
        TreeMap<String, Entry> map = new TreeMap<>();
        if (json != null && !json.isBlank()) {
            for (Map.Entry<String, Object> e : Json.parseObject(json).entrySet()) {
                if (e.getValue() instanceof List<?> l && l.size() == 3) {
                    map.put(e.getKey(), new Entry(String.valueOf(l.get(0)), String.valueOf(l.get(1)),
                        Instant.ofEpochMilli(((Number) l.get(2)).longValue())));
                }
            }
        }
        return new ParameterDocument(map);
    }

    /** Applies values; returns true only if some value or type actually changed. */
    public boolean merge(List<ParamValue> values, Instant now) {
        boolean changed = false;
        for (ParamValue v : values) {
            Entry old = entries.get(v.name());
            if (old == null || !old.value().equals(v.value()) || !old.type().equals(v.type())) {
                entries.put(v.name(), new Entry(v.value(), v.type(), now));
                changed = true;
            }
        }
        return changed;
    }

    /** Removes an object instance and everything below it (after DeleteObject). */
    public boolean removeSubtree(String objectPath) {
        var sub = entries.subMap(objectPath, true, objectPath + Character.MAX_VALUE, true);
        boolean changed = !sub.isEmpty();
        sub.clear();
        return changed;
    }

    public Entry get(String name) {
        return entries.get(name);
    }

    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    public boolean hasPrefix(String prefix) {
        String next = entries.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }

    /** Entries whose path starts with prefix (all when prefix is empty). */
    public Map<String, Entry> subtree(String prefix) {
        if (prefix.isEmpty()) {
            return entries;
        }
        return entries.subMap(prefix, true, prefix + Character.MAX_VALUE, true);
    }

    public int size() {
        return entries.size();
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder(entries.size() * 64 + 2);
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Json.write(sb, e.getKey());
            sb.append(":[");
            Json.write(sb, e.getValue().value());
            sb.append(',');
            Json.write(sb, e.getValue().type());
            sb.append(',').append(e.getValue().updated().toEpochMilli()).append(']');
        }
        return sb.append('}').toString();
    }
}

package io.homeacs.server.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads from a parsed JSON object, with errors that name the field. */
public final class JsonFields {
    private final Map<String, Object> map;

    public JsonFields(Map<String, Object> map) {
        this.map = map;
    }

    public Map<String, Object> raw() {
        return map;
    }

    public boolean has(String name) {
        return map.get(name) != null;
    }

    public String string(String name) {
        Object v = map.get(name);
        if (v == null) {
            throw new JsonException("missing field '" + name + "'");
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw new JsonException("field '" + name + "' must be a string");
    }

    public String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    public long number(String name, long fallback) {
        Object v = map.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof BigDecimal d) {
            return d.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new JsonException("field '" + name + "' must be a number");
            }
        }
        throw new JsonException("field '" + name + "' must be a number");
    }

    public boolean bool(String name, boolean fallback) {
        Object v = map.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new JsonException("field '" + name + "' must be true or false");
    }

    public List<String> strings(String name) {
        Object v = map.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new JsonException("field '" + name + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new JsonException("field '" + name + "' must be an array of strings");
            }
            out.add(s);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public List<JsonFields> objects(String name) {
        Object v = map.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new JsonException("field '" + name + "' must be an array of objects");
        }
        List<JsonFields> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Map)) {
                throw new JsonException("field '" + name + "' must be an array of objects");
            }
            out.add(new JsonFields((Map<String, Object>) o));
        }
        return out;
    }
}

package io.homeacs.server.profile;

import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.json.JsonException;
import io.homeacs.server.task.Secrets;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The JSON form of profiles, for the API and the store. Reading is strict — unknown fields, wrong
 * types and malformed paths are refused with a message naming the field — because a typo in a
 * desired state would otherwise be pushed to a fleet.
 */
public final class ProfileCodec {
    static final int MAX_PARAMETERS = 1000;
    static final int MAX_OBJECTS = 100;
    private static final Set<String> TOP = Set.of("name", "description", "priority", "enabled", "match", "desired");
    /** Fields the API returns; accepted and ignored so a fetched profile can be sent back with PUT. */
    private static final Set<String> OUTPUT_ONLY = Set.of("id", "version", "createdAt", "updatedAt", "updatedBy", "lostOn");
    private static final Set<String> MATCH = Set.of("kind", "oui", "productClass", "modelName", "softwareVersion", "tags",
        "events");
    private static final Set<String> DESIRED = Set.of("parameters", "objects", "tags");
    private static final Set<String> OBJECT = Set.of("path", "key", "parameters");

    private final ConceptMap concepts;

    public ProfileCodec(ConceptMap concepts) {
        this.concepts = concepts;
    }

    /** A secret: its value is sealed in the store and masked in every response. */
    public boolean isSecretKey(String key) {
        return secretName(key) || concepts.isSecret(key);
    }

    /** A parameter (path or relative name) whose name says it holds a credential. */
    public static boolean secretName(String name) {
        String k = name.toLowerCase(Locale.ROOT);
        return Secrets.isSecretName(name) || k.contains("password") || k.contains("passphrase")
            || k.contains("presharedkey") || k.contains("secret");
    }

    public static boolean isPath(String key) {
        return key.startsWith("Device.") || key.startsWith("InternetGatewayDevice.");
    }

    // ---- reading ----

    public Profile.Draft draft(Map<String, Object> body) {
        for (String k : body.keySet()) {
            if (!TOP.contains(k) && !OUTPUT_ONLY.contains(k)) {
                throw new JsonException("unknown field '" + k + "' (a profile has " + String.join(", ", sorted(TOP)) + ")");
            }
        }
        String name = string(body, "name", null);
        if (name == null || name.isBlank() || name.length() > 128) {
            throw new JsonException("field 'name' must be 1-128 characters");
        }
        String description = string(body, "description", "");
        if (description.length() > 1024) {
            throw new JsonException("field 'description' must be at most 1024 characters");
        }
        int priority = integer(body, "priority", 0);
        boolean enabled = bool(body, "enabled", true);
        ProfileMatch match = body.get("match") == null ? ProfileMatch.ANY : match(object(body, "match"));
        if (body.get("desired") == null) {
            throw new JsonException("missing field 'desired' (parameters, objects and/or tags)");
        }
        return new Profile.Draft(name, description, priority, enabled, match, desired(object(body, "desired"), true));
    }

    ProfileMatch match(Map<String, Object> m) {
        unknown(m, MATCH, "match");
        String kind = string(m, "kind", null);
        String sw = nonEmpty(m, "match.softwareVersion");
        if (sw != null && sw.indexOf('*') >= 0 && sw.indexOf('*') != sw.length() - 1) {
            throw new JsonException("match.softwareVersion may hold '*' only at its end (a prefix)");
        }
        List<String> tags = strings(m, "tags", "match.tags");
        tags.forEach(DeviceRegistry::checkTag);
        List<String> events = strings(m, "events", "match.events");
        for (String e : events) {
            if (e.isBlank() || e.length() > 64) {
                throw new JsonException("match.events holds Inform event codes such as \"1 BOOT\" (1-64 characters)");
            }
        }
        return new ProfileMatch(kind == null ? null : DeviceKind.parse(kind), nonEmpty(m, "match.oui"),
            nonEmpty(m, "match.productClass"), nonEmpty(m, "match.modelName"), sw, tags, events);
    }

    /** strict: keys must be paths or concepts known now; the store reads leniently what was valid when written. */
    DesiredState desired(Map<String, Object> d, boolean strict) {
        unknown(d, DESIRED, "desired");
        Map<String, String> params = values(d.get("parameters") == null ? Map.of() : object(d, "parameters"),
            "desired.parameters");
        for (String key : strict ? params.keySet() : Set.<String>of()) {
            checkKey(key);
        }
        List<DesiredState.ObjectRule> objects = new ArrayList<>();
        Object raw = d.get("objects");
        if (raw != null && !(raw instanceof List<?>)) {
            throw new JsonException("field 'desired.objects' must be an array of {path, key, parameters}");
        }
        for (Object o : raw == null ? List.of() : (List<?>) raw) {
            objects.add(objectRule(o));
        }
        List<String> tags = strings(d, "tags", "desired.tags");
        tags.forEach(DeviceRegistry::checkTag);
        if (params.isEmpty() && objects.isEmpty() && tags.isEmpty()) {
            throw new JsonException("desired sets nothing: give parameters, objects and/or tags");
        }
        if (params.size() > MAX_PARAMETERS || objects.size() > MAX_OBJECTS) {
            throw new JsonException("desired holds at most " + MAX_PARAMETERS + " parameters and " + MAX_OBJECTS + " objects");
        }
        return new DesiredState(params, objects, tags);
    }

    private void checkKey(String key) {
        if (isPath(key)) {
            if (key.endsWith(".") || key.contains("..") || key.length() > 256 || key.contains("{") || key.isBlank()
                || key.chars().anyMatch(Character::isWhitespace)) {
                throw new JsonException("'" + key + "' is not a parameter path (objects go in desired.objects)");
            }
        } else if (!concepts.knows(key)) {
            throw new JsonException("unknown key '" + key + "': neither a parameter path (Device. or "
                + "InternetGatewayDevice.) nor a normalised name (GET /api/v1/normalization)");
        }
    }

    @SuppressWarnings("unchecked")
    private DesiredState.ObjectRule objectRule(Object o) {
        if (!(o instanceof Map<?, ?>)) {
            throw new JsonException("each of desired.objects must be an object {path, key, parameters}");
        }
        Map<String, Object> m = (Map<String, Object>) o;
        unknown(m, OBJECT, "desired.objects[]");
        String path = string(m, "path", null);
        if (path == null || !isPath(path) || !path.endsWith(".") || path.contains("..") || path.contains("{")
            || path.substring(0, path.length() - 1).matches(".*\\.\\d+$") || path.length() > 256) {
            throw new JsonException("desired.objects[].path must be a table path such as \"Device.NAT.PortMapping.\"");
        }
        if (m.get("key") == null) {
            throw new JsonException("desired.objects[].key must name the parameters that identify the instance, "
                + "e.g. {\"Alias\": \"voip\"}");
        }
        Map<String, String> key = values(object(m, "key"), "desired.objects[].key");
        Map<String, String> params = values(m.get("parameters") == null ? Map.of() : object(m, "parameters"),
            "desired.objects[].parameters");
        if (key.isEmpty()) {
            throw new JsonException("desired.objects[].key must hold at least one parameter");
        }
        for (String name : key.keySet()) {
            relativeName(name);
            if (isSecretKey(name)) {
                throw new JsonException("desired.objects[].key cannot use the secret parameter '" + name + "'");
            }
            if (params.containsKey(name)) {
                throw new JsonException("'" + name + "' is both in key and in parameters of " + path);
            }
        }
        params.keySet().forEach(ProfileCodec::relativeName);
        return new DesiredState.ObjectRule(path, key, params);
    }

    private static void relativeName(String name) {
        if (!name.matches("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*")) {
            throw new JsonException("'" + name + "' is not a parameter name relative to its object (e.g. \"Enable\")");
        }
    }

    // ---- writing ----

    /** The API form; secret values read "********". */
    public Map<String, Object> toJson(Profile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("description", p.description());
        m.put("priority", p.priority());
        m.put("enabled", p.enabled());
        m.put("version", p.version());
        m.put("match", matchJson(p.match()));
        m.put("desired", desiredJson(p.desired(), this::mask));
        m.put("createdAt", p.createdAt().toString());
        m.put("updatedAt", p.updatedAt().toString());
        m.put("updatedBy", p.updatedBy());
        return m;
    }

    public static Map<String, Object> matchJson(ProfileMatch match) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (match.kind() != null) {
            m.put("kind", match.kind().apiName());
        }
        putIf(m, "oui", match.oui());
        putIf(m, "productClass", match.productClass());
        putIf(m, "modelName", match.modelName());
        putIf(m, "softwareVersion", match.softwareVersion());
        m.put("tags", match.tags());
        m.put("events", match.events());
        return m;
    }

    /** The desired state with f applied to each secret value: seal for the store, open from it, mask for the API. */
    Map<String, Object> desiredJson(DesiredState d, UnaryOperator<String> onSecret) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parameters", secrets(d.parameters(), onSecret));
        out.put("objects", d.objects().stream().map(o -> {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("path", o.path());
            om.put("key", o.key());
            om.put("parameters", secrets(o.parameters(), onSecret));
            return om;
        }).toList());
        out.put("tags", d.tags());
        return out;
    }

    /** The desired state with f applied to each secret value. */
    DesiredState mapSecrets(DesiredState d, UnaryOperator<String> f) {
        List<DesiredState.ObjectRule> objects = d.objects().stream().map(o ->
            new DesiredState.ObjectRule(o.path(), o.key(), secrets(o.parameters(), f))).toList();
        return new DesiredState(secrets(d.parameters(), f), objects, d.tags());
    }

    private Map<String, String> secrets(Map<String, String> values, UnaryOperator<String> f) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, isSecretKey(k) && !v.isEmpty() ? f.apply(v) : v));
        return out;
    }

    private String mask(String v) {
        return Secrets.MASK;
    }

    private static void putIf(Map<String, Object> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    // ---- strict field readers ----

    static void unknown(Map<String, Object> m, Set<String> known, String where) {
        for (String k : m.keySet()) {
            if (!known.contains(k)) {
                throw new JsonException("unknown field '" + k + "' in " + where + " (allowed: "
                    + String.join(", ", sorted(known)) + ")");
            }
        }
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private static String string(Map<String, Object> m, String k, String fallback) {
        Object v = m.get(k);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new JsonException("field '" + k + "' must be a string");
        }
        return s;
    }

    private static String nonEmpty(Map<String, Object> m, String qualified) {
        String k = qualified.substring(qualified.indexOf('.') + 1);
        String v = string(m, k, null);
        if (v != null && (v.isEmpty() || v.length() > 128)) {
            throw new JsonException("field '" + qualified + "' must be 1-128 characters (omit it to match any)");
        }
        return v;
    }

    private static int integer(Map<String, Object> m, String k, int fallback) {
        Object v = m.get(k);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Long l && l >= -1_000_000 && l <= 1_000_000) {
            return l.intValue();
        }
        throw new JsonException("field '" + k + "' must be a whole number between -1000000 and 1000000");
    }

    private static boolean bool(Map<String, Object> m, String k, boolean fallback) {
        Object v = m.get(k);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new JsonException("field '" + k + "' must be true or false");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> m, String k) {
        if (!(m.get(k) instanceof Map<?, ?> o)) {
            throw new JsonException("field '" + k + "' must be an object");
        }
        return (Map<String, Object>) o;
    }

    private static List<String> strings(Map<String, Object> m, String k, String qualified) {
        Object v = m.get(k);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l) || l.stream().anyMatch(x -> !(x instanceof String))) {
            throw new JsonException("field '" + qualified + "' must be an array of strings");
        }
        return l.stream().map(String.class::cast).distinct().toList();
    }

    /** Values are strings; numbers and booleans are taken as their text, anything else is refused. */
    private static Map<String, String> values(Map<String, Object> m, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v instanceof String s) {
                out.put(k, s);
            } else if (v instanceof Long || v instanceof Boolean) {
                out.put(k, v.toString());
            } else if (v instanceof BigDecimal d) {
                out.put(k, d.toPlainString());
            } else {
                throw new JsonException("value of '" + k + "' in " + where + " must be a string, number or boolean");
            }
            if (out.get(k).length() > 4096) {
                throw new JsonException("value of '" + k + "' in " + where + " is longer than 4096 characters");
            }
        });
        return out;
    }
}

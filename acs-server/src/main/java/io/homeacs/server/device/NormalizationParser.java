package io.homeacs.server.device;

import io.homeacs.server.json.Json;
import io.homeacs.server.json.JsonFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a normalisation mapping file (the shipped one or an operator's) into concepts. Kept apart
 * from {@link Normalization} so that class stays about looking values up.
 */
final class NormalizationParser {
    private NormalizationParser() {
    }

    /** Adds every concept of the file to {@code into}, replacing a concept of the same name whole. */
    @SuppressWarnings("unchecked")
    static void parse(String json, Map<String, Normalization.Concept> into) {
        for (Map.Entry<String, Object> e : Json.parseObject(json).entrySet()) {
            if (!(e.getValue() instanceof Map)) {
                throw new IllegalArgumentException("concept " + e.getKey() + " must be an object");
            }
            JsonFields c = new JsonFields((Map<String, Object>) e.getValue());
            List<Normalization.Source> sources = new ArrayList<>();
            for (JsonFields s : c.objects("sources")) {
                String path = s.string("path");
                Object scale = s.raw().get("scale");
                sources.add(new Normalization.Source(path, scale instanceof Number n ? n.doubleValue() : 1.0,
                    s.string("oui", null), s.string("productClass", null), compile(path), values(e.getKey(), s)));
            }
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("concept " + e.getKey() + " has no sources");
            }
            into.put(e.getKey(), new Normalization.Concept(e.getKey(), c.string("unit", ""), c.string("description", ""),
                List.copyOf(sources), c.bool("secret", false)));
        }
    }

    /**
     * The optional logical → raw translation of a source. Raw values must be distinct, or reading
     * could not tell which logical value a device holds.
     */
    private static Map<String, String> values(String concept, JsonFields source) {
        Object v = source.raw().get("values");
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("concept " + concept + ": 'values' must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> raws = new HashSet<>();
        for (Map.Entry<?, ?> t : m.entrySet()) {
            if (!(t.getValue() instanceof String raw)) {
                throw new IllegalArgumentException("concept " + concept + ": 'values' must map strings to strings");
            }
            if (!raws.add(raw)) {
                throw new IllegalArgumentException("concept " + concept + ": raw value '" + raw + "' used twice in 'values'");
            }
            out.put(String.valueOf(t.getKey()), raw);
        }
        return out;
    }

    /** "{i}" stands for any instance number. */
    private static Pattern compile(String path) {
        StringBuilder re = new StringBuilder();
        for (String part : path.split("\\{i}", -1)) {
            if (re.length() > 0) {
                re.append("(\\d+)");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }
}

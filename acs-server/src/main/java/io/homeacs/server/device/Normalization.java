package io.homeacs.server.device;

import io.homeacs.server.json.Json;
import io.homeacs.server.json.JsonFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One logical name per concept ("opticalRxPower") mapped to the paths each data model and vendor
 * uses for it, with the scale that turns the raw value into the concept's unit. The shipped
 * mapping can be extended or overridden by an operator's file, concept by concept.
 */
public final class Normalization {
    private final Map<String, Concept> concepts;

    /** Where a concept lives on some devices; oui/productClass restrict a vendor-specific path. */
    public record Source(String path, double scale, String oui, String productClass, Pattern pattern) {
        boolean appliesTo(Device d) {
            return (oui == null || oui.equalsIgnoreCase(d.identity().oui()))
                && (productClass == null || productClass.equals(d.identity().productClass()));
        }
    }

    public record Concept(String name, String unit, String description, List<Source> sources) {
    }

    /** A resolved value: raw text, the number in the concept's unit when it is numeric, and where it came from. */
    public record Value(String concept, String raw, Double number, String unit, String path) {
    }

    private Normalization(Map<String, Concept> concepts) {
        this.concepts = concepts;
    }

    /** The shipped mapping, then the operator's file (if it exists) on top. */
    public static Normalization load(Path operatorFile) {
        Map<String, Concept> map = new LinkedHashMap<>();
        try (InputStream in = Normalization.class.getResourceAsStream("/normalization/default.json")) {
            parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), map);
            if (operatorFile != null && Files.isRegularFile(operatorFile)) {
                parse(Files.readString(operatorFile), map);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the normalisation mapping", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("normalisation mapping " + operatorFile + " is invalid: " + e.getMessage(), e);
        }
        return new Normalization(map);
    }

    @SuppressWarnings("unchecked")
    private static void parse(String json, Map<String, Concept> into) {
        for (Map.Entry<String, Object> e : Json.parseObject(json).entrySet()) {
            JsonFields c = new JsonFields((Map<String, Object>) e.getValue());
            List<Source> sources = new ArrayList<>();
            for (JsonFields s : c.objects("sources")) {
                String path = s.string("path");
                Object scale = s.raw().get("scale");
                sources.add(new Source(path, scale instanceof Number n ? n.doubleValue() : 1.0, s.string("oui", null),
                    s.string("productClass", null), compile(path)));
            }
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("concept " + e.getKey() + " has no sources");
            }
            into.put(e.getKey(), new Concept(e.getKey(), c.string("unit", ""), c.string("description", ""), sources));
        }
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

    public Collection<Concept> concepts() {
        return concepts.values();
    }

    public boolean knows(String concept) {
        return concepts.containsKey(concept);
    }

    /** The first source that applies and has a value; among instances, the lowest numbered. */
    public Optional<Value> resolve(String concept, Device device, ParameterDocument doc) {
        Concept c = concepts.get(concept);
        if (c == null) {
            return Optional.empty();
        }
        for (Source s : c.sources()) {
            if (!s.appliesTo(device)) {
                continue;
            }
            String literalPrefix = s.path().contains("{i}") ? s.path().substring(0, s.path().indexOf("{i}")) : s.path();
            String best = null;
            long[] bestKey = null;
            for (String name : doc.subtree(literalPrefix).keySet()) {
                Matcher m = s.pattern().matcher(name);
                if (m.matches()) {
                    long[] key = new long[m.groupCount()];
                    for (int i = 0; i < key.length; i++) {
                        key[i] = Long.parseLong(m.group(i + 1));
                    }
                    if (bestKey == null || java.util.Arrays.compare(key, bestKey) < 0) {
                        best = name;
                        bestKey = key;
                    }
                }
            }
            if (best != null) {
                String raw = doc.get(best).value();
                return Optional.of(new Value(concept, raw, number(raw, s.scale()), c.unit(), best));
            }
        }
        return Optional.empty();
    }

    public Map<String, Value> resolveAll(Device device, ParameterDocument doc) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (String name : concepts.keySet()) {
            resolve(name, device, doc).ifPresent(v -> out.put(name, v));
        }
        return out;
    }

    private static Double number(String raw, double scale) {
        try {
            double v = Double.parseDouble(raw.trim()) * scale;
            return Math.round(v * 1000.0) / 1000.0;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

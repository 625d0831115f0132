package io.homeacs.server.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One logical name per concept ("opticalRxPower") mapped to the paths each data model and vendor
 * uses for it, with the scale that turns the raw value into the concept's unit. The shipped
 * mapping can be extended or overridden by an operator's file, concept by concept.
 *
 * <p>Concepts can be read ({@link #resolve}) and written ({@link #writeTarget}). Where a data model
 * encodes a value differently from the logical one (TR-104 v1 Line.Enable is the string
 * "Enabled"/"Disabled", not a boolean), a source carries a {@code values} map, logical → raw, that
 * writing applies and reading reverses.
 */
public final class Normalization {
    private static final String BOOLEAN = "xsd:boolean";

    private final Map<String, Concept> concepts;

    /**
     * Where a concept lives on some devices; oui/productClass restrict a vendor-specific path.
     *
     * @param values logical value → the raw value this source uses for it; empty when they are the same
     */
    public record Source(String path, double scale, String oui, String productClass, Pattern pattern,
                         Map<String, String> values) {
        public Source {
            values = values == null ? Map.of() : Map.copyOf(values);
        }

        boolean appliesTo(Device d) {
            return (oui == null || oui.equalsIgnoreCase(d.identity().oui()))
                && (productClass == null || productClass.equals(d.identity().productClass()));
        }

        /** The raw value to write for a logical one; values without a mapping pass through unchanged. */
        public String toRaw(String logical) {
            return values.getOrDefault(logical, logical);
        }

        /** The logical value of a raw one (the reverse of {@link #toRaw}); unmapped values pass through. */
        public String toLogical(String raw) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (e.getValue().equals(raw)) {
                    return e.getKey();
                }
            }
            return raw;
        }
    }

    /** @param secret the value is a credential: callers mask it in responses, logs and audit records */
    public record Concept(String name, String unit, String description, List<Source> sources, boolean secret) {
    }

    /**
     * A resolved value.
     *
     * @param raw    the text the device reported
     * @param number the value in the concept's unit when it is numeric
     * @param path   the device's own path it came from
     * @param value  the logical value: raw translated through the source's {@code values} map, and
     *               xsd:boolean "1"/"0" spelled "true"/"false", so every data model reads alike
     */
    public record Value(String concept, String raw, Double number, String unit, String path, String value) {
        /** A value whose logical form is its raw text. */
        public Value(String concept, String raw, Double number, String unit, String path) {
            this(concept, raw, number, unit, path, raw);
        }
    }

    private Normalization(Map<String, Concept> concepts) {
        this.concepts = concepts;
    }

    /** The shipped mapping, then the operator's file (if it exists) on top. */
    public static Normalization load(Path operatorFile) {
        Map<String, Concept> map = new LinkedHashMap<>();
        try (InputStream in = Normalization.class.getResourceAsStream("/normalization/default.json")) {
            NormalizationParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), map);
            if (operatorFile != null && Files.isRegularFile(operatorFile)) {
                NormalizationParser.parse(Files.readString(operatorFile), map);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the normalisation mapping", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("normalisation mapping " + operatorFile + " is invalid: " + e.getMessage(), e);
        }
        return new Normalization(map);
    }

    public Collection<Concept> concepts() {
        return concepts.values();
    }

    public boolean knows(String concept) {
        return concepts.containsKey(concept);
    }

    /** Whether the concept holds a credential (its {@code "secret": true} flag); false for unknown concepts. */
    public boolean isSecret(String concept) {
        Concept c = concepts.get(concept);
        return c != null && c.secret();
    }

    /** The first source that applies and has a value; among instances, the lowest numbered. */
    public Optional<Value> resolve(String concept, Device device, ParameterDocument doc) {
        Concept c = concepts.get(concept);
        if (c == null) {
            return Optional.empty();
        }
        for (Source s : c.sources()) {
            String path = s.appliesTo(device) ? lowestMatch(s, doc) : null;
            if (path != null) {
                ParameterDocument.Entry e = doc.get(path);
                String logical = s.values().isEmpty() ? booleanSpelling(e.value(), e.type()) : s.toLogical(e.value());
                return Optional.of(new Value(concept, e.value(), number(logical, s.scale()), c.unit(), path, logical));
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

    /**
     * The concrete parameter to set so that the device holds {@code logicalValue} for the concept:
     * the first source that applies to the device and exists in its stored document (the lowest
     * instance for {i} paths, as {@link #resolve} picks), the value translated to what that source
     * expects, typed as the device reported the parameter (xsd:string when it did not say).
     * Empty when the concept is unknown or the device has no such parameter — its document was never
     * refreshed, or its data model lacks it; the caller refreshes or reports, never guesses a path.
     */
    public Optional<ParamValue> writeTarget(String concept, Device device, ParameterDocument doc, String logicalValue) {
        Objects.requireNonNull(logicalValue, "logicalValue");
        Concept c = concepts.get(concept);
        if (c == null) {
            return Optional.empty();
        }
        for (Source s : c.sources()) {
            String path = s.appliesTo(device) ? lowestMatch(s, doc) : null;
            if (path != null) {
                return Optional.of(new ParamValue(path, s.toRaw(logicalValue), doc.get(path).type()));
            }
        }
        return Optional.empty();
    }

    /** The stored parameter the source names, the lowest instance numbers winning; null when none exists. */
    private static String lowestMatch(Source s, ParameterDocument doc) {
        int wildcard = s.path().indexOf("{i}");
        if (wildcard < 0) {
            return doc.get(s.path()) != null ? s.path() : null;
        }
        String best = null;
        long[] bestKey = null;
        for (String name : doc.subtree(s.path().substring(0, wildcard)).keySet()) {
            Matcher m = s.pattern().matcher(name);
            if (m.matches()) {
                long[] key = new long[m.groupCount()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = Long.parseLong(m.group(i + 1));
                }
                if (bestKey == null || Arrays.compare(key, bestKey) < 0) {
                    best = name;
                    bestKey = key;
                }
            }
        }
        return best;
    }

    /** TR-098 firmware commonly reports booleans as 1/0; the logical value is always true/false. */
    private static String booleanSpelling(String raw, String type) {
        if (BOOLEAN.equals(type)) {
            if (raw.equals("1")) {
                return "true";
            }
            if (raw.equals("0")) {
                return "false";
            }
        }
        return raw;
    }

    private static Double number(String value, double scale) {
        try {
            double v = Double.parseDouble(value.trim()) * scale;
            return Math.round(v * 1000.0) / 1000.0;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

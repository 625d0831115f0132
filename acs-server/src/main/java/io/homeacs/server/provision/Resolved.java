package io.homeacs.server.provision;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Items of a step turned into this device's parameters: what must be set (values the device already
 * has are left alone, so re-running commissioning costs no RPC), what the device lacks, and what
 * can be verified afterwards (secrets read back empty, so they cannot be).
 */
record Resolved(List<ParamValue> toSet, List<String> missingRequired, List<String> missingOptional,
                List<ParamValue> verifiable) {

    static Resolved of(List<ServiceConfig.Item> items, Normalization norm, Device device, ParameterDocument doc) {
        List<ParamValue> toSet = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        List<ParamValue> verifiable = new ArrayList<>();
        for (ServiceConfig.Item item : items) {
            Optional<ParamValue> target = norm.writeTarget(item.concept(), device, doc, item.value());
            if (target.isEmpty()) {
                (item.required() ? missing : optional).add(item.concept());
                continue;
            }
            ParamValue p = target.get();
            boolean secret = norm.isSecret(item.concept());
            ParameterDocument.Entry current = doc.get(p.name());
            if (secret || current == null || !same(current.type(), current.value(), p.value())) {
                toSet.add(p);
            }
            if (!secret) {
                verifiable.add(p);
            }
        }
        return new Resolved(toSet, missing, optional, verifiable);
    }

    /** Devices write booleans as 1/0 or true/false; both mean the same. */
    static boolean same(String type, String a, String b) {
        if (type != null && type.endsWith("boolean")) {
            return canonical(a).equals(canonical(b));
        }
        return (a == null ? "" : a.trim()).equals(b == null ? "" : b.trim());
    }

    private static String canonical(String v) {
        String t = v == null ? "" : v.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("1") || lower.equals("true")) {
            return "true";
        }
        if (lower.equals("0") || lower.equals("false")) {
            return "false";
        }
        return t;
    }
}

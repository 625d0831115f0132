package io.homeacs.server.nbi;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.device.StoredEvent;
import io.homeacs.server.task.Secrets;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskSpecCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of API resources; secrets are masked here, at the edge, whatever the caller. */
final class Views {
    private Views() {
    }

    static Map<String, Object> device(Device d, List<String> tags, boolean online) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("key", d.key());
        m.put("oui", d.identity().oui());
        m.put("productClass", d.identity().productClass());
        m.put("serialNumber", d.identity().serialNumber());
        m.put("manufacturer", d.manufacturer());
        m.put("modelName", d.modelName());
        m.put("hardwareVersion", d.hardwareVersion());
        m.put("softwareVersion", d.softwareVersion());
        m.put("kind", d.kind().apiName());
        m.put("kindOverridden", d.kindOverridden());
        m.put("dataModel", d.dataModel().name().toLowerCase(Locale.ROOT));
        m.put("protocol", d.protocol().toLowerCase(Locale.ROOT));
        m.put("protocolVersion", d.protocolVersion());
        m.put("uspEndpointId", d.uspEndpointId());
        m.put("firstContact", time(d.firstContact()));
        m.put("lastContact", time(d.lastContact()));
        m.put("lastBoot", time(d.lastBoot()));
        m.put("lastEvents", d.lastEvents());
        m.put("ipAddress", d.ipAddress());
        m.put("connectionRequestUrl", d.connectionRequestUrl());
        m.put("udpConnectionRequestAddress", d.udpConnectionRequestAddress());
        m.put("online", online);
        m.put("tags", tags);
        return m;
    }

    static Map<String, Object> parameters(ParameterDocument doc, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterDocument.Entry> e : doc.subtree(prefix).entrySet()) {
            ParameterDocument.Entry v = e.getValue();
            boolean secret = Secrets.isSecretName(e.getKey()) && !v.value().isEmpty();
            out.put(e.getKey(), Map.of("value", secret ? Secrets.MASK : v.value(), "type", v.type(),
                "updated", time(v.updated())));
        }
        return out;
    }

    static List<Map<String, Object>> events(List<StoredEvent> events) {
        return events.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", time(e.at()));
            m.put("code", e.code());
            m.put("commandKey", e.commandKey());
            return m;
        }).toList();
    }

    static Map<String, Object> task(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("deviceId", t.deviceId());
        m.put("type", t.type().apiName());
        m.put("spec", TaskSpecCodec.toJson(t.spec(), true));
        m.put("origin", t.origin().name().toLowerCase(Locale.ROOT));
        m.put("state", t.state().name().toLowerCase(Locale.ROOT));
        m.put("commandKey", t.key());
        m.put("createdAt", time(t.createdAt()));
        m.put("updatedAt", time(t.updatedAt()));
        m.put("nextAttemptAt", time(t.nextAttemptAt()));
        m.put("expiresAt", time(t.expiresAt()));
        m.put("attempts", t.attempts());
        m.put("maxAttempts", t.maxAttempts());
        if (t.faultCode() != null || (t.faultString() != null && t.state().terminal())) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("code", t.faultCode());
            f.put("message", t.faultString());
            m.put("fault", f);
        }
        m.put("result", t.result());
        return m;
    }

    static String time(Instant i) {
        return i == null ? null : i.toString();
    }
}

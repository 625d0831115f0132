package io.homeacs.server.events;

import io.homeacs.server.device.Device;
import io.homeacs.server.task.Task;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The data part of each event: enough for an OSS to act without calling back, and no secrets. */
public final class EventPayloads {
    private EventPayloads() {
    }

    public static Map<String, Object> device(Device d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deviceId", d.id());
        m.put("key", d.key());
        m.put("serialNumber", d.identity().serialNumber());
        m.put("kind", d.kind().apiName());
        m.put("modelName", d.modelName());
        m.put("softwareVersion", d.softwareVersion());
        m.put("ipAddress", d.ipAddress());
        m.put("lastContact", d.lastContact() == null ? null : d.lastContact().toString());
        return m;
    }

    public static Map<String, Object> failedTask(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taskId", t.id());
        m.put("deviceId", t.deviceId());
        m.put("type", t.type().apiName());
        m.put("state", t.state().name().toLowerCase(Locale.ROOT));
        m.put("faultCode", t.faultCode());
        m.put("faultString", t.faultString());
        m.put("attempts", t.attempts());
        return m;
    }
}

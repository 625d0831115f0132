package io.homeacs.server.events;

/** What the ACS tells the operator's OSS about. */
public enum EventType {
    DEVICE_REGISTERED("device.registered"),
    DEVICE_OFFLINE("device.offline"),
    DEVICE_ONLINE("device.online"),
    TASK_FAILED("task.failed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static EventType parse(String name) {
        for (EventType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event '" + name + "' (device.registered, device.offline, "
            + "device.online, task.failed)");
    }
}

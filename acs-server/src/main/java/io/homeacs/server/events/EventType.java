package io.homeacs.server.events;

/** What the ACS tells the operator's OSS about. */
public enum EventType {
    DEVICE_REGISTERED("device.registered"),
    DEVICE_OFFLINE("device.offline"),
    DEVICE_ONLINE("device.online"),
    TASK_FAILED("task.failed"),
    DEVICE_BOUND("device.bound"),
    DEVICE_RELEASED("device.released"),
    COMMISSIONING_FINISHED("commissioning.finished"),
    SERVICE_STATE_APPLIED("service.state-applied"),
    FAULT_REPORT_CHANGED("fault-report.changed"),
    CAMPAIGN_HALTED("campaign.halted"),
    CAMPAIGN_FINISHED("campaign.finished");

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
        StringBuilder known = new StringBuilder();
        for (EventType t : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(t.wireName);
        }
        throw new IllegalArgumentException("unknown event '" + name + "' (" + known + ")");
    }
}

package io.homeacs.server.device;

/** An Inform or USP event ("1 BOOT", "M Reboot"); commandKey ties it to the task that caused it. */
public record DeviceEvent(String code, String commandKey) {
    public static final String BOOTSTRAP = "0 BOOTSTRAP";
    public static final String BOOT = "1 BOOT";
    public static final String PERIODIC = "2 PERIODIC";
    public static final String VALUE_CHANGE = "4 VALUE CHANGE";
    public static final String CONNECTION_REQUEST = "6 CONNECTION REQUEST";

    public DeviceEvent {
        commandKey = commandKey == null ? "" : commandKey;
    }
}

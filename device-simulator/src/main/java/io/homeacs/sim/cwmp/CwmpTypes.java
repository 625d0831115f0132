package io.homeacs.sim.cwmp;

import java.util.List;

/** Value structures shared by the codec, the data model and the device. */
public final class CwmpTypes {
    private CwmpTypes() {
    }

    /** type is the xsd local name, e.g. "unsignedInt". */
    public record ParameterValue(String name, String value, String type) {
    }

    public record ParameterInfo(String name, boolean writable) {
    }

    public record ParameterAttribute(String name, int notification, List<String> accessList) {
    }

    public record EventStruct(String code, String commandKey) {
        public EventStruct {
            commandKey = commandKey == null ? "" : commandKey;
        }

        public static EventStruct of(String code) {
            return new EventStruct(code, "");
        }

        /** Single events (numbered codes) occur at most once per Inform; "M ..." events once per CommandKey. */
        public boolean sameSlot(EventStruct other) {
            return code.equals(other.code) && (!code.startsWith("M ") || commandKey.equals(other.commandKey));
        }
    }

    public record DeviceIdStruct(String manufacturer, String oui, String productClass, String serialNumber) {
    }

    public record QueuedTransfer(String commandKey, int state, boolean download, String fileType, long fileSize,
                                 String targetFileName) {
    }

    public record OpResult(String uuid, String deploymentUnitRef, String version, String currentState,
                           boolean resolved, String executionUnitRefList, String startTime, String completeTime,
                           int faultCode, String faultString) {
    }
}

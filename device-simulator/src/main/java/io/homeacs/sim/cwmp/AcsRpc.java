package io.homeacs.sim.cwmp;

import java.util.List;

/** ACS-to-CPE requests, decoded from the SOAP body. */
public sealed interface AcsRpc {
    String method();

    record GetRPCMethods() implements AcsRpc {
        public String method() { return "GetRPCMethods"; }
    }

    record GetParameterNames(String path, boolean nextLevel) implements AcsRpc {
        public String method() { return "GetParameterNames"; }
    }

    record GetParameterValues(List<String> names) implements AcsRpc {
        public String method() { return "GetParameterValues"; }
    }

    /** xsiType is the xsd local type name given by the ACS, or null when it sent none. */
    record SetValue(String name, String value, String xsiType) {
    }

    record SetParameterValues(List<SetValue> values, String parameterKey) implements AcsRpc {
        public String method() { return "SetParameterValues"; }
    }

    record GetParameterAttributes(List<String> names) implements AcsRpc {
        public String method() { return "GetParameterAttributes"; }
    }

    record AttributeChange(String name, boolean notificationChange, int notification, boolean accessListChange,
                           List<String> accessList) {
    }

    record SetParameterAttributes(List<AttributeChange> changes) implements AcsRpc {
        public String method() { return "SetParameterAttributes"; }
    }

    record AddObject(String objectName, String parameterKey) implements AcsRpc {
        public String method() { return "AddObject"; }
    }

    record DeleteObject(String objectName, String parameterKey) implements AcsRpc {
        public String method() { return "DeleteObject"; }
    }

    record Reboot(String commandKey) implements AcsRpc {
        public String method() { return "Reboot"; }
    }

    record FactoryReset() implements AcsRpc {
        public String method() { return "FactoryReset"; }
    }

    record Download(String commandKey, String fileType, String url, String username, String password,
                    long fileSize, String targetFileName, long delaySeconds) implements AcsRpc {
        public String method() { return "Download"; }
    }

    record Upload(String commandKey, String fileType, String url, String username, String password,
                  long delaySeconds) implements AcsRpc {
        public String method() { return "Upload"; }
    }

    record TimeWindow(long start, long end, String mode, String userMessage, int maxRetries) {
    }

    record ScheduleDownload(String commandKey, String fileType, String url, String username, String password,
                            long fileSize, String targetFileName, List<TimeWindow> windows) implements AcsRpc {
        public String method() { return "ScheduleDownload"; }
    }

    record ScheduleInform(long delaySeconds, String commandKey) implements AcsRpc {
        public String method() { return "ScheduleInform"; }
    }

    record CancelTransfer(String commandKey) implements AcsRpc {
        public String method() { return "CancelTransfer"; }
    }

    record GetQueuedTransfers() implements AcsRpc {
        public String method() { return "GetQueuedTransfers"; }
    }

    record GetAllQueuedTransfers() implements AcsRpc {
        public String method() { return "GetAllQueuedTransfers"; }
    }

    /** One ChangeDUState operation; kind is Install, Update or Uninstall. */
    record DuOperation(String kind, String url, String uuid, String username, String password, String version,
                       String executionEnvRef) {
    }

    record ChangeDUState(List<DuOperation> operations, String commandKey) implements AcsRpc {
        public String method() { return "ChangeDUState"; }
    }

    /** A well-formed request for a method this CPE does not implement (answered with 9000). */
    record Unsupported(String method) implements AcsRpc {
    }
}

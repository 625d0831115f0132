package io.homeacs.server.task;

import io.homeacs.server.device.ParamValue;
import java.util.List;

/**
 * What a task asks of a device, independent of protocol; the CWMP and USP adapters translate
 * each variant into their own messages.
 */
public sealed interface TaskSpec {

    TaskType type();

    record GetRpcMethods() implements TaskSpec {
        public TaskType type() {
            return TaskType.GET_RPC_METHODS;
        }
    }

    record GetParameterNames(String path, boolean nextLevel) implements TaskSpec {
        public TaskType type() {
            return TaskType.GET_PARAMETER_NAMES;
        }
    }

    record GetParameterValues(List<String> names) implements TaskSpec {
        public GetParameterValues {
            names = List.copyOf(names);
        }

        public TaskType type() {
            return TaskType.GET_PARAMETER_VALUES;
        }
    }

    record SetParameterValues(List<ParamValue> values) implements TaskSpec {
        public SetParameterValues {
            values = List.copyOf(values);
        }

        public TaskType type() {
            return TaskType.SET_PARAMETER_VALUES;
        }
    }

    record GetParameterAttributes(List<String> names) implements TaskSpec {
        public GetParameterAttributes {
            names = List.copyOf(names);
        }

        public TaskType type() {
            return TaskType.GET_PARAMETER_ATTRIBUTES;
        }
    }

    /** notification / accessList null = leave unchanged. */
    record AttributeChange(String name, Integer notification, List<String> accessList) {
    }

    record SetParameterAttributes(List<AttributeChange> changes) implements TaskSpec {
        public SetParameterAttributes {
            changes = List.copyOf(changes);
        }

        public TaskType type() {
            return TaskType.SET_PARAMETER_ATTRIBUTES;
        }
    }

    record AddObject(String objectName) implements TaskSpec {
        public TaskType type() {
            return TaskType.ADD_OBJECT;
        }
    }

    record DeleteObject(String objectName) implements TaskSpec {
        public TaskType type() {
            return TaskType.DELETE_OBJECT;
        }
    }

    record Reboot() implements TaskSpec {
        public TaskType type() {
            return TaskType.REBOOT;
        }
    }

    record FactoryReset() implements TaskSpec {
        public TaskType type() {
            return TaskType.FACTORY_RESET;
        }
    }

    record Download(String fileType, String url, String username, String password, long fileSize,
                    String targetFileName, int delaySeconds, String successUrl, String failureUrl) implements TaskSpec {
        public TaskType type() {
            return TaskType.DOWNLOAD;
        }
    }

    record Upload(String fileType, String url, String username, String password, int delaySeconds) implements TaskSpec {
        public TaskType type() {
            return TaskType.UPLOAD;
        }
    }

    record ScheduleInform(int delaySeconds) implements TaskSpec {
        public TaskType type() {
            return TaskType.SCHEDULE_INFORM;
        }
    }

    record Window(int start, int end, String mode, String userMessage, int maxRetries) {
    }

    record ScheduleDownload(String fileType, String url, String username, String password, long fileSize,
                            String targetFileName, List<Window> windows) implements TaskSpec {
        public ScheduleDownload {
            windows = List.copyOf(windows);
        }

        public TaskType type() {
            return TaskType.SCHEDULE_DOWNLOAD;
        }
    }

    record CancelTransfer(String commandKey) implements TaskSpec {
        public TaskType type() {
            return TaskType.CANCEL_TRANSFER;
        }
    }

    record GetAllQueuedTransfers() implements TaskSpec {
        public TaskType type() {
            return TaskType.GET_ALL_QUEUED_TRANSFERS;
        }
    }

    /** operation is install, update or uninstall; unused fields are empty. */
    record DuOperation(String operation, String url, String uuid, String version, String username, String password,
                       String executionEnvRef) {
    }

    record ChangeDuState(List<DuOperation> operations) implements TaskSpec {
        public ChangeDuState {
            operations = List.copyOf(operations);
        }

        public TaskType type() {
            return TaskType.CHANGE_DU_STATE;
        }
    }

    /** Re-read a subtree (empty path = the whole data model) into the registry. */
    record Refresh(String path) implements TaskSpec {
        public TaskType type() {
            return TaskType.REFRESH;
        }
    }

    /** Give the device its own ACS and connection-request credentials (secrets live in the credential store). */
    record ProvisionCredentials() implements TaskSpec {
        public TaskType type() {
            return TaskType.PROVISION_CREDENTIALS;
        }
    }
}

package io.homeacs.server.task;

import java.util.Locale;

/** Task kinds with the names the API uses. */
public enum TaskType {
    GET_RPC_METHODS("getRpcMethods"),
    GET_PARAMETER_NAMES("getParameterNames"),
    GET_PARAMETER_VALUES("getParameterValues"),
    SET_PARAMETER_VALUES("setParameterValues"),
    GET_PARAMETER_ATTRIBUTES("getParameterAttributes"),
    SET_PARAMETER_ATTRIBUTES("setParameterAttributes"),
    ADD_OBJECT("addObject"),
    DELETE_OBJECT("deleteObject"),
    REBOOT("reboot"),
    FACTORY_RESET("factoryReset"),
    DOWNLOAD("download"),
    UPLOAD("upload"),
    SCHEDULE_INFORM("scheduleInform"),
    SCHEDULE_DOWNLOAD("scheduleDownload"),
    CANCEL_TRANSFER("cancelTransfer"),
    GET_ALL_QUEUED_TRANSFERS("getAllQueuedTransfers"),
    CHANGE_DU_STATE("changeDuState"),
    REFRESH("refresh"),
    PROVISION_CREDENTIALS("provisionCredentials");

    private final String apiName;

    TaskType(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static TaskType fromApiName(String name) {
        for (TaskType t : values()) {
            if (t.apiName.equals(name) || t.name().equals(name.toUpperCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task type '" + name + "'");
    }
}

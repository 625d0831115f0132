package io.homeacs.sim.usp;

import io.homeacs.sim.cwmp.CwmpFault;

/** TR-369 error codes the agent answers with, and the mapping from the data model's CWMP faults. */
final class UspFault {
    static final int MESSAGE_FAILED = 7000;
    static final int NOT_SUPPORTED = 7001;
    static final int INTERNAL = 7003;
    static final int INVALID_ARGUMENTS = 7004;
    static final int RESOURCES_EXCEEDED = 7005;
    static final int INVALID_TYPE = 7011;
    static final int INVALID_VALUE = 7012;
    static final int NOT_WRITABLE = 7013;
    static final int OBJECT_NOT_CREATED = 7017;
    static final int NOT_CREATABLE = 7019;
    static final int COMMAND_FAILURE = 7022;
    static final int DELETE_FAILURE = 7024;
    static final int INVALID_PATH = 7026;
    static final int INVALID_COMMAND_ARGUMENTS = 7027;

    private UspFault() {
    }

    static int of(CwmpFault f) {
        return of(f.code());
    }

    static int of(int cwmp) {
        return switch (cwmp) {
            case CwmpFault.INVALID_PARAMETER_NAME -> INVALID_PATH;
            case CwmpFault.INVALID_PARAMETER_TYPE -> INVALID_TYPE;
            case CwmpFault.INVALID_PARAMETER_VALUE -> INVALID_VALUE;
            case CwmpFault.NOT_WRITABLE -> NOT_WRITABLE;
            case CwmpFault.INVALID_ARGUMENTS -> INVALID_ARGUMENTS;
            case CwmpFault.INTERNAL_ERROR -> INTERNAL;
            case CwmpFault.RESOURCES_EXCEEDED -> RESOURCES_EXCEEDED;
            default -> MESSAGE_FAILED;
        };
    }
}

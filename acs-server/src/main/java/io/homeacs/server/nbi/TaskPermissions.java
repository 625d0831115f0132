package io.homeacs.server.nbi;

import io.homeacs.server.security.ApiTokens;
import io.homeacs.server.security.Role;
import io.homeacs.server.task.TaskType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which task types each role may queue. Support staff read, diagnose, reboot and re-read a
 * device; changing configuration, firmware or software modules, and wiping a device, is admin work.
 * Installers act only on the devices of their orders (checked by the resource) and only read or restart them.
 */
final class TaskPermissions {
    private static final Set<TaskType> SUPPORT = EnumSet.of(TaskType.GET_RPC_METHODS, TaskType.GET_PARAMETER_NAMES,
        TaskType.GET_PARAMETER_VALUES, TaskType.GET_PARAMETER_ATTRIBUTES, TaskType.GET_ALL_QUEUED_TRANSFERS,
        TaskType.REFRESH, TaskType.REBOOT, TaskType.SCHEDULE_INFORM);
    /** An installer on site reads the device and may restart it; configuration comes from the order. */
    private static final Set<TaskType> INSTALLER = EnumSet.of(TaskType.GET_PARAMETER_NAMES,
        TaskType.GET_PARAMETER_VALUES, TaskType.REFRESH, TaskType.REBOOT, TaskType.SCHEDULE_INFORM);

    private TaskPermissions() {
    }

    static void require(ApiTokens.Principal p, TaskType type) {
        boolean ok = p.role() == Role.ADMIN || p.role() == Role.SUPPORT && SUPPORT.contains(type)
            || p.role() == Role.INSTALLER && INSTALLER.contains(type);
        if (!ok) {
            throw new ApiException(403, "role " + p.role().apiName() + " may not queue " + type.apiName() + " tasks");
        }
    }
}

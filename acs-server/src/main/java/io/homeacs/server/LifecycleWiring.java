package io.homeacs.server;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.lifecycle.LifecycleSettings;
import io.homeacs.server.lifecycle.Ownership;
import io.homeacs.server.lifecycle.ResetAuthority;
import io.homeacs.server.security.DeviceCredentials;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What the equipment lifecycle needs from the configuration and from the CWMP side, wired without coupling. */
final class LifecycleWiring {
    private LifecycleWiring() {
    }

    static LifecycleSettings settings(AcsConfig config) {
        AcsConfig.Lifecycle l = config.lifecycle();
        return new LifecycleSettings(l.warrantyMonths(), Ownership.parse(l.defaultOwnership()),
            Map.of(DeviceKind.GATEWAY, l.compensationGateway(), DeviceKind.SET_TOP_BOX, l.compensationStb(),
                DeviceKind.MESH_ROUTER, l.compensationMesh()), l.opticalWarnDbm(), l.opticalCriticalDbm(), config.offlineAfter());
    }

    /** The rule InformProcessor applies to a re-bootstrap, plus "has the device finished onboarding at all". */
    static ResetAuthority resetAuthority(DeviceCredentials credentials, TaskQueue tasks) {
        return new ResetAuthority() {
            @Override
            public boolean onboarded(long deviceId) {
                return credentials.hasActiveCredentials(deviceId) || tasks.forDevice(deviceId, 50).stream()
                    .anyMatch(t -> t.type() == TaskType.REFRESH && t.state() == TaskState.DONE);
            }

            @Override
            public boolean authorised(long deviceId, Instant now) {
                return tasks.sentSince(deviceId, TaskType.FACTORY_RESET, now.minus(Duration.ofHours(24)))
                    || credentials.rebootstrapAllowed(deviceId, now);
            }
        };
    }
}

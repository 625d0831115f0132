package io.homeacs.server;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.diagnose.DiagnosticRequest;
import io.homeacs.server.diagnose.DiagnosticRun;
import io.homeacs.server.diagnose.Diagnostics;
import io.homeacs.server.diagnose.RunState;
import io.homeacs.server.lifecycle.SelfTester;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the equipment lifecycle needs from the configuration and from the CWMP side, wired without coupling. */
final class LifecycleWiring {
    private LifecycleWiring() {
    }

    static LifecycleSettings settings(AcsConfig config) {
        AcsConfig.Lifecycle l = config.lifecycle();
        return new LifecycleSettings(l.warrantyMonths(), Ownership.parse(l.defaultOwnership()),
            Map.of(DeviceKind.GATEWAY, l.compensationGateway(), DeviceKind.SET_TOP_BOX, l.compensationStb(),
                DeviceKind.MESH_ROUTER, l.compensationMesh()), l.opticalWarnDbm(), l.opticalCriticalDbm(), config.offlineAfter(),
            l.selfTestWait());
    }

    /** The self-test as a diagnostics run: requested, the device woken, its completion awaited. */
    static SelfTester selfTester(Diagnostics diagnostics) {
        return (deviceId, wait) -> {
            DiagnosticRun run;
            try {
                run = diagnostics.start(deviceId, DiagnosticRequest.selfTest(), "pre-return check", true);
            } catch (RuntimeException e) {
                return new SelfTester.Result("unknown", "no self-test could be started: " + e.getMessage(), null);
            }
            try {
                DiagnosticRun done = diagnostics.completion(run.id()).get(wait.toMillis(), TimeUnit.MILLISECONDS);
                String status = done.state() == RunState.COMPLETED ? "pass" : done.state() == RunState.FAILED ? "fail"
                    : "unknown";
                return new SelfTester.Result(status, done.detail(), run.id());
            } catch (TimeoutException e) {
                diagnostics.forget(run.id());
                return new SelfTester.Result("unknown", "the self-test did not finish within " + wait.toSeconds()
                    + " s; see diagnostics run " + run.id(), run.id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SelfTester.Result("unknown", "interrupted while waiting for the self-test", run.id());
            } catch (ExecutionException e) {
                return new SelfTester.Result("unknown", "self-test run " + run.id() + " failed: " + e.getCause(), run.id());
            }
        };
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

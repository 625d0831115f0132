package io.homeacs.server;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.diagnose.Diagnostics;
import io.homeacs.server.provision.Provisioning;
import io.homeacs.server.speedtest.SpeedTestServer;
import io.homeacs.server.store.Database;
import io.homeacs.server.task.TaskQueue;
import java.time.Clock;

/** Remote diagnostics as the server runs them: the ACS's own speed-test server (unless off) and the runs. */
record DiagnosticsSetup(Diagnostics diagnostics, SpeedTestServer server) implements AutoCloseable {

    /** Before the CWMP listeners open, so no "8 DIAGNOSTICS COMPLETE" check-in goes unheard. */
    static DiagnosticsSetup start(AcsConfig.Diagnostics c, Database db, DeviceRegistry registry, TaskQueue tasks,
                                  Provisioning provisioning, DeviceWakeup wakeup, Clock clock) {
        SpeedTestServer server = c.serverPort() < 0 ? null : SpeedTestServer.start(
            new SpeedTestServer.Options(c.serverBind(), c.serverPort(), c.serverMaxBytes(), c.serverMaxConcurrent()));
        Diagnostics d = new Diagnostics(db, registry, tasks, provisioning.assignments(), provisioning.subscribers(), wakeup,
            new Diagnostics.Settings(c.compliancePercent(), c.timeout(), c.testBytes(), c.serverUrl(),
                server == null ? -1 : server.port(), c.serverMaxBytes()), clock);
        return new DiagnosticsSetup(d, server);
    }

    int port() {
        return server == null ? -1 : server.port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}

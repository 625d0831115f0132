package io.homeacs.server.cwmp.session;

import io.homeacs.server.cwmp.auth.CpePrincipal;
import io.homeacs.server.cwmp.soap.CwmpVersion;
import io.homeacs.server.cwmp.soap.RpcRequest;
import io.homeacs.server.device.Device;
import io.homeacs.server.task.Task;
import java.time.Instant;

/**
 * One device's CWMP session. Fields are only touched while holding the session's monitor;
 * the CPE sends one request at a time, so contention is limited to the reaper and a
 * superseding Inform.
 */
final class CwmpSession {
    final String id;
    final CwmpVersion version;
    final CpePrincipal principal;
    final Instant startedAt;
    final String connectionId;
    Device device;
    SessionState state = SessionState.CPE_TALKING;
    Task outstandingTask;
    RpcRequest outstandingRpc;
    Instant lastActivity;
    int rpcsSent;

    CwmpSession(String id, CwmpVersion version, CpePrincipal principal, Device device, String connectionId, Instant now) {
        this.id = id;
        this.version = version;
        this.principal = principal;
        this.device = device;
        this.connectionId = connectionId;
        this.startedAt = now;
        this.lastActivity = now;
    }

    long deviceId() {
        return device.id();
    }

    void clearOutstanding() {
        outstandingTask = null;
        outstandingRpc = null;
    }
}

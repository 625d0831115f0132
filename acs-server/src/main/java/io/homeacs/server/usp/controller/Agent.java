package io.homeacs.server.usp.controller;

import io.homeacs.server.device.DeviceEvent;
import io.homeacs.server.task.Task;
import io.homeacs.server.usp.mtp.AgentLink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the controller keeps per agent, guarded by the agent's monitor. Small by design (the
 * collections exist only while something is outstanding): 100,000 idle agents are mostly their
 * sockets.
 */
final class Agent {
    final String endpointId;
    volatile AgentLink link;
    /** The registered device, or -1 until the agent's DeviceInfo has been read. */
    volatile long deviceId = -1;
    String version = "";
    /** msg_id of the DeviceInfo read in flight, or null. */
    String identityRead;
    /** Events heard before the read that checks the device in (Boot!, OnBoardRequest). */
    private List<DeviceEvent> pendingEvents;
    private Map<String, InFlight> inFlight;

    /** A task's request waiting for its answer. */
    record InFlight(Task task, UspRequest request, long deadlineNanos) {
    }

    Agent(String endpointId) {
        this.endpointId = endpointId;
    }

    boolean connected() {
        AgentLink l = link;
        return l != null && l.isOpen();
    }

    void addEvent(DeviceEvent e) {
        if (pendingEvents == null) {
            pendingEvents = new ArrayList<>(2);
        }
        pendingEvents.add(e);
    }

    List<DeviceEvent> takeEvents() {
        List<DeviceEvent> out = pendingEvents == null ? List.of() : pendingEvents;
        pendingEvents = null;
        return out;
    }

    int inFlightCount() {
        return inFlight == null ? 0 : inFlight.size();
    }

    void sent(String msgId, InFlight f) {
        if (inFlight == null) {
            inFlight = new HashMap<>(4);
        }
        inFlight.put(msgId, f);
    }

    boolean outstanding(String msgId) {
        return inFlight != null && inFlight.containsKey(msgId);
    }

    InFlight answered(String msgId) {
        if (inFlight == null) {
            return null;
        }
        InFlight f = inFlight.remove(msgId);
        if (inFlight.isEmpty()) {
            inFlight = null;
        }
        return f;
    }

    /** Removes and returns what waited past its deadline (all of it when nowNanos is Long.MAX_VALUE). */
    List<InFlight> expired(long nowNanos) {
        if (inFlight == null) {
            return List.of();
        }
        List<InFlight> out = new ArrayList<>();
        inFlight.values().removeIf(f -> {
            if (nowNanos == Long.MAX_VALUE || nowNanos - f.deadlineNanos() > 0) {
                out.add(f);
                return true;
            }
            return false;
        });
        if (inFlight.isEmpty()) {
            inFlight = null;
        }
        return out;
    }
}

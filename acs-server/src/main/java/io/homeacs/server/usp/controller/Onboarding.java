package io.homeacs.server.usp.controller;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceEvent;
import io.homeacs.server.device.DeviceIdentity;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.InformFacts;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.task.TaskType;
import io.homeacs.server.usp.codec.Messages;
import io.homeacs.server.usp.proto.UspMsg;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's check-in: at its MTP connect (or first record), after Boot! and on OnBoardRequest the
 * controller reads Device.DeviceInfo. and the subscription table, checks the device in with the
 * registry under its OUI-ProductClass-Serial key (the same device whatever protocol it speaks),
 * settles tasks an earlier connection left unanswered, queues a full read on first contact,
 * creates the subscriptions the agent lacks, and tells the check-in listeners.
 */
final class Onboarding {
    private static final Logger LOG = LoggerFactory.getLogger(Onboarding.class);
    static final String IDENTITY_PREFIX = "identity-";
    static final String SUBSCRIBE_PREFIX = "subscribe-";
    private static final String INFO = "Device.DeviceInfo.";

    private final UspController controller;
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final AtomicLong ids = new AtomicLong();

    Onboarding(UspController controller, DeviceRegistry registry, TaskQueue tasks) {
        this.controller = controller;
        this.registry = registry;
        this.tasks = tasks;
    }

    /** Starts the read that checks the agent in, unless one is already out. */
    void connected(Agent agent) {
        if (agent.identityRead != null) {
            return;
        }
        String id = IDENTITY_PREFIX + ids.incrementAndGet();
        agent.identityRead = id;
        controller.send(agent, Messages.get(id, List.of(INFO, Subscriptions.TABLE)));
    }

    void identityRead(Agent agent, UspMsg.Msg msg) {
        agent.identityRead = null;
        if (msg.getBody().hasError() || !msg.getBody().getResponse().hasGetResp()) {
            LOG.warn("USP agent {} refused the DeviceInfo read: {}", agent.endpointId,
                msg.getBody().hasError() ? msg.getBody().getError().getErrMsg() : "no GetResp");
            return;
        }
        List<ParamValue> all = ResponseMapper.values(msg.getBody().getResponse().getGetResp());
        Map<String, String> v = new HashMap<>();
        List<ParamValue> info = new ArrayList<>();
        for (ParamValue p : all) {
            v.put(p.name(), p.value());
            if (p.name().startsWith(INFO)) {
                info.add(p);
            }
        }
        DeviceIdentity identity = new DeviceIdentity(v.get(INFO + "ManufacturerOUI"), v.get(INFO + "ProductClass"),
            v.get(INFO + "SerialNumber"));
        if (!identity.valid()) {
            LOG.warn("USP agent {} has no ManufacturerOUI or SerialNumber in Device.DeviceInfo.; not registered",
                agent.endpointId);
            return;
        }
        InformFacts facts = new InformFacts(identity, v.getOrDefault(INFO + "Manufacturer", ""), agent.takeEvents(), info,
            remoteIp(agent), UspController.PROTOCOL, agent.version, agent.endpointId);
        checkIn(agent, facts, true);
        List<Map<String, String>> missing = Subscriptions.missing(v);
        if (!missing.isEmpty()) {
            controller.send(agent, Messages.addAll(SUBSCRIBE_PREFIX + ids.incrementAndGet(), Subscriptions.TABLE, missing));
        }
    }

    /** Facts from a notification of a device already known (Periodic!, ValueChange...). */
    void checkInKnown(Agent agent, List<DeviceEvent> events, List<ParamValue> params) {
        Device d = registry.find(agent.deviceId).orElse(null);
        if (d == null) {
            return;
        }
        checkIn(agent, new InformFacts(d.identity(), d.manufacturer(), events, params, remoteIp(agent),
            UspController.PROTOCOL, agent.version, agent.endpointId), false);
    }

    private void checkIn(Agent agent, InformFacts facts, boolean connecting) {
        Instant now = controller.now();
        DeviceRegistry.CheckIn c = registry.checkIn(facts, now);
        Device device = c.device();
        controller.registered(agent, device.id());
        if (connecting) {
            settle(agent, device, facts, now);
        }
        if (c.firstContact() || facts.has(DeviceEvent.BOOTSTRAP)) {
            boolean refreshQueued = tasks.inState(device.id(), TaskState.QUEUED).stream()
                .anyMatch(t -> t.type() == TaskType.REFRESH);
            if (!refreshQueued) {
                tasks.enqueue(device.id(), new TaskSpec.Refresh(""), TaskOrigin.SYSTEM, null, now);
            }
            LOG.info("USP agent {} onboarded as device {} ({}): full read queued", agent.endpointId, device.key(),
                facts.manufacturer());
        }
        registry.checkedIn(c, facts, now);
    }

    /**
     * Requests a previous connection left unanswered: Boot! with the task's CommandKey proves a
     * reboot, a factory reset shows as 0 BOOTSTRAP; the rest go out again (Get, Set and Delete are
     * idempotent; an Add may make a second instance, as after a CWMP session that ended unanswered).
     */
    private void settle(Agent agent, Device device, InformFacts facts, Instant now) {
        if (!tasks.mayHaveWork(device.id())) {
            return;
        }
        for (Task t : tasks.inState(device.id(), TaskState.SENT)) {
            if (agent.outstanding(t.key())) {
                continue;
            }
            if (confirmed(t, facts)) {
                tasks.finish(t, TaskOutcome.Done.of(Map.of("confirmedBy", "Boot! event")), now);
            } else {
                tasks.returnToQueue(t, "the agent's connection ended before it answered", now);
            }
        }
    }

    private static boolean confirmed(Task t, InformFacts facts) {
        for (DeviceEvent e : facts.events()) {
            if (t.type() == TaskType.REBOOT && e.code().equals("M Reboot") && t.key().equals(e.commandKey())) {
                return true;
            }
            if (t.type() == TaskType.FACTORY_RESET && e.code().equals(DeviceEvent.BOOTSTRAP)) {
                return true;
            }
        }
        return false;
    }

    void subscribed(Agent agent, UspMsg.Msg msg) {
        if (msg.getBody().hasError()) {
            LOG.warn("USP agent {} refused the controller's subscriptions: {} {}", agent.endpointId,
                msg.getBody().getError().getErrCode(), msg.getBody().getError().getErrMsg());
            return;
        }
        for (var r : msg.getBody().getResponse().getAddResp().getCreatedObjResultsList()) {
            if (r.getOperStatus().hasOperFailure()) {
                LOG.warn("USP agent {} refused a subscription: {} {}", agent.endpointId,
                    r.getOperStatus().getOperFailure().getErrCode(), r.getOperStatus().getOperFailure().getErrMsg());
            }
        }
    }

    /** The agent's IP address when its MTP has one (WebSocket, CoAP); brokered MTPs have none. */
    static String remoteIp(Agent agent) {
        var link = agent.link;
        if (link == null) {
            return null;
        }
        String a = link.address();
        int scheme = a.indexOf("://");
        if (!a.startsWith("ws") && !a.startsWith("coap")) {
            return null;
        }
        String hostPort = a.substring(scheme + 3);
        int colon = hostPort.lastIndexOf(':');
        String host = colon > 0 ? hostPort.substring(0, colon) : hostPort;
        int slash = host.indexOf('/');
        return slash >= 0 ? host.substring(0, slash) : host;
    }
}

package io.homeacs.server.usp.controller;

import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.usp.codec.Messages;
import io.homeacs.server.usp.codec.Records;
import io.homeacs.server.usp.codec.UspCodecException;
import io.homeacs.server.usp.codec.UspErrors;
import io.homeacs.server.usp.mtp.AgentLink;
import io.homeacs.server.usp.mtp.EndpointBound;
import io.homeacs.server.usp.mtp.RecordSink;
import io.homeacs.server.usp.proto.UspMsg;
import io.homeacs.server.usp.proto.UspRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The USP controller: takes records from every MTP binding, keeps the newest link per agent, checks
 * agents in with the registry (see {@link Onboarding}), handles their notifications and sends them
 * their tasks as soon as they are connected, a bounded number at a time.
 */
public final class UspController implements RecordSink {
    private static final Logger LOG = LoggerFactory.getLogger(UspController.class);
    public static final String PROTOCOL = "USP";

    /** endpointId: the controller's own; maxInFlight: requests outstanding per agent. */
    public record Settings(String endpointId, int maxRecordBytes, int maxInFlight, Duration responseTimeout) {
    }

    private final Settings settings;
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final Clock clock;
    private final Executor executor;
    private final ConcurrentHashMap<String, Agent> agents = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Agent> byDevice = new ConcurrentHashMap<>();
    private final Onboarding onboarding;
    private final Notifications notifications;
    private final AtomicLong dropped = new AtomicLong();

    public UspController(Settings settings, DeviceRegistry registry, TaskQueue tasks, Clock clock, Executor executor) {
        this.settings = settings;
        this.registry = registry;
        this.tasks = tasks;
        this.clock = clock;
        this.executor = executor;
        this.onboarding = new Onboarding(this, registry, tasks);
        this.notifications = new Notifications(this, registry, tasks, onboarding);
        tasks.onEnqueued(this::taskQueued);
        registry.presence(this::connected);
    }

    public String endpointId() {
        return settings.endpointId();
    }

    @Override
    public void received(byte[] bytes, AgentLink link) {
        if (bytes.length > settings.maxRecordBytes()) {
            drop("record of " + bytes.length + " bytes from " + link.address() + " exceeds usp.max-record-bytes");
            return;
        }
        UspRecord.Record record;
        try {
            record = Records.parse(bytes);
        } catch (UspCodecException e) {
            // Without a readable from_id there is nobody to answer (TR-369: the record is discarded).
            drop(e.getMessage() + " from " + link.address());
            return;
        }
        if (!record.getToId().equals(settings.endpointId())) {
            drop("record for " + record.getToId() + " (not this controller) from " + record.getFromId());
            return;
        }
        if (link instanceof EndpointBound b && !b.endpointId().equals(record.getFromId())) {
            drop("record from_id " + record.getFromId() + " on the connection of " + b.endpointId());
            return;
        }
        Agent agent = agents.computeIfAbsent(record.getFromId(), Agent::new);
        synchronized (agent) {
            boolean newLink = agent.link != link;
            agent.link = link;
            if (!record.getVersion().isEmpty()) {
                agent.version = record.getVersion();
            }
            int refusal = Records.refusal(record);
            if (refusal != 0) {
                send(agent, Messages.error("", refusal, "record refused: " + refusalText(refusal)));
                return;
            }
            switch (record.getRecordTypeCase()) {
                case WEBSOCKET_CONNECT, MQTT_CONNECT, STOMP_CONNECT, UDS_CONNECT -> onboarding.connected(agent);
                case DISCONNECT -> disconnected(agent, link, "DisconnectRecord " + record.getDisconnect().getReasonCode()
                    + " " + record.getDisconnect().getReason());
                default -> message(agent, record, newLink);
            }
        }
    }

    private static String refusalText(int code) {
        return switch (code) {
            case UspErrors.SESSION_CONTEXT_NOT_ALLOWED -> "this controller uses NoSessionContext records only";
            case UspErrors.SECURE_SESSION_NOT_SUPPORTED -> "secure message exchange (TLS12 payload) not supported; use MTP TLS";
            default -> "unsupported version or record type";
        };
    }

    private void message(Agent agent, UspRecord.Record record, boolean newLink) {
        UspMsg.Msg msg;
        try {
            msg = Records.payload(record);
        } catch (UspCodecException e) {
            LOG.info("USP agent {}: {}", agent.endpointId, e.getMessage());
            send(agent, Messages.error("", e.code(), e.getMessage()));
            return;
        }
        if (newLink && agent.deviceId < 0 && agent.identityRead == null) {
            // An agent that speaks before any connect record (MTPs without one) is onboarded all the same.
            onboarding.connected(agent);
        }
        UspMsg.Body body = msg.getBody();
        String msgId = msg.getHeader().getMsgId();
        if (body.hasRequest()) {
            request(agent, msgId, body.getRequest());
        } else if (body.hasResponse() || body.hasError()) {
            answered(agent, msgId, msg);
        } else {
            send(agent, Messages.error(msgId, UspErrors.MESSAGE_NOT_SUPPORTED, "unknown message body"));
        }
        dispatch(agent);
    }

    private void request(Agent agent, String msgId, UspMsg.Request request) {
        switch (request.getReqTypeCase()) {
            case NOTIFY -> notifications.handle(agent, msgId, request.getNotify());
            case GET_SUPPORTED_PROTOCOL -> send(agent, UspMsg.Msg.newBuilder().setHeader(UspMsg.Header.newBuilder()
                .setMsgId(msgId).setMsgType(UspMsg.Header.MsgType.GET_SUPPORTED_PROTO_RESP))
                .setBody(UspMsg.Body.newBuilder().setResponse(UspMsg.Response.newBuilder().setGetSupportedProtocolResp(
                    UspMsg.GetSupportedProtocolResp.newBuilder().setAgentSupportedProtocolVersions("1.3,1.4")))).build());
            default -> send(agent, Messages.error(msgId, UspErrors.MESSAGE_NOT_SUPPORTED,
                "the controller does not serve " + request.getReqTypeCase() + " requests"));
        }
    }

    private void answered(Agent agent, String msgId, UspMsg.Msg msg) {
        if (msgId.equals(agent.identityRead)) {
            onboarding.identityRead(agent, msg);
            return;
        }
        if (msgId.startsWith(Onboarding.SUBSCRIBE_PREFIX)) {
            onboarding.subscribed(agent, msg);
            return;
        }
        Agent.InFlight f = agent.answered(msgId);
        Instant now = clock.instant();
        if (f != null) {
            tasks.finish(f.task(), ResponseMapper.outcome(f.request(), msg), now);
            return;
        }
        // An answer to a request sent before a restart of the ACS (or after its timeout): the task is
        // still "sent" and this answer settles it.
        Optional<Task> late = taskOf(agent, msgId).filter(t -> t.state() == TaskState.SENT);
        if (late.isPresent()) {
            Device d = registry.find(agent.deviceId).orElseThrow();
            TaskTranslator.Translation t = TaskTranslator.translate(late.get(), () -> registry.parameters(d.id()));
            if (t.request() != null) {
                tasks.finish(late.get(), ResponseMapper.outcome(t.request(), msg), now);
                return;
            }
        }
        LOG.info("USP agent {} answered {} which matches nothing outstanding", agent.endpointId, msgId);
    }

    /** The task a msg_id or command_key ("task-42") names, if it is this agent's device's. */
    Optional<Task> taskOf(Agent agent, String key) {
        if (!key.startsWith("task-") || agent.deviceId < 0) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(key.substring(5));
            return tasks.find(id).filter(t -> t.deviceId() == agent.deviceId);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Sends the agent's queued tasks while fewer than maxInFlight are outstanding. Under the agent's monitor. */
    void dispatch(Agent agent) {
        long deviceId = agent.deviceId;
        if (deviceId < 0 || !agent.connected()) {
            return;
        }
        Instant now = clock.instant();
        while (agent.inFlightCount() < settings.maxInFlight()) {
            Optional<Task> next = tasks.nextToSend(deviceId, now);
            if (next.isEmpty()) {
                return;
            }
            Task task = next.get();
            if (!tasks.markSent(task, now)) {
                continue;
            }
            Task sent = sentState(task);
            TaskTranslator.Translation t = TaskTranslator.translate(sent, () -> registry.parameters(deviceId));
            if (t.request() == null) {
                tasks.finish(sent, TaskOutcome.Failed.permanent(0, t.refusal()), now);
                continue;
            }
            agent.sent(t.request().msgId(), new Agent.InFlight(sent, t.request(),
                System.nanoTime() + settings.responseTimeout().toNanos()));
            send(agent, t.request().msg());
        }
    }

    private static Task sentState(Task t) {
        return new Task(t.id(), t.deviceId(), t.spec(), t.origin(), TaskState.SENT, t.createdAt(), t.updatedAt(),
            t.nextAttemptAt(), t.expiresAt(), t.attempts() + 1, t.maxAttempts(), t.faultCode(), t.faultString(), t.result());
    }

    /** Wraps and sends one message on the agent's current link; a failed send is the link's closing. */
    void send(Agent agent, UspMsg.Msg msg) {
        AgentLink link = agent.link;
        if (link == null) {
            return;
        }
        link.send(Records.wrap(settings.endpointId(), agent.endpointId, msg)).exceptionally(e -> {
            LOG.debug("USP send to {} failed: {}", agent.endpointId, e.toString());
            return null;
        });
    }

    @Override
    public void closed(AgentLink link) {
        String eid = link instanceof EndpointBound b ? b.endpointId() : null;
        if (eid != null) {
            Agent agent = agents.get(eid);
            if (agent != null) {
                synchronized (agent) {
                    disconnected(agent, link, "MTP connection closed");
                }
            }
            return;
        }
        for (Agent agent : agents.values()) {
            if (agent.link == link) {
                synchronized (agent) {
                    disconnected(agent, link, "MTP connection closed");
                }
            }
        }
    }

    /** A replaced link closing says nothing about the agent, which is on its newer one. */
    private void disconnected(Agent agent, AgentLink link, String why) {
        if (agent.link != link) {
            return;
        }
        agent.link = null;
        agent.identityRead = null;
        // Unanswered requests stay "sent": the agent may have applied them; its next check-in settles them.
        int open = agent.expired(Long.MAX_VALUE).size();
        LOG.info("USP agent {} disconnected ({}){}", agent.endpointId, why, open == 0 ? "" : ", " + open + " requests unanswered");
        if (agent.deviceId >= 0) {
            registry.touch(agent.deviceId, clock.instant());
        }
    }

    /** Returns requests unanswered past usp.response-timeout-seconds to the queue and sends what is due. */
    public void sweep() {
        long nowNanos = System.nanoTime();
        Instant now = clock.instant();
        for (Agent agent : agents.values()) {
            if (agent.inFlightCount() == 0) {
                continue;
            }
            synchronized (agent) {
                for (Agent.InFlight f : agent.expired(nowNanos)) {
                    LOG.info("USP agent {} did not answer {} within {} s; task back in the queue", agent.endpointId,
                        f.request().msgId(), settings.responseTimeout().toSeconds());
                    tasks.returnToQueue(f.task(), "no USP response within " + settings.responseTimeout().toSeconds() + " s",
                        now);
                }
                dispatch(agent);
            }
        }
    }

    /** Keeps connected agents' last contact fresh, so searches by last contact see them as online. */
    public void touchConnected() {
        Instant now = clock.instant();
        for (Agent agent : agents.values()) {
            if (agent.deviceId >= 0 && agent.connected()) {
                registry.touch(agent.deviceId, now);
            }
        }
    }

    private void taskQueued(long deviceId) {
        Agent agent = byDevice.get(deviceId);
        if (agent != null && agent.connected()) {
            schedule(agent);
        }
    }

    private void schedule(Agent agent) {
        try {
            executor.execute(() -> {
                synchronized (agent) {
                    dispatch(agent);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("USP workers busy; agent {} is served at the next sweep", agent.endpointId);
        }
    }

    /** The wake-up of a USP device: connected agents are sent their tasks now, others when they connect. */
    public CompletableFuture<DeviceWakeup.WakeupResult> wake(Device device) {
        Agent agent = device.uspEndpointId() == null ? null : agents.get(device.uspEndpointId());
        if (agent == null || !agent.connected()) {
            return CompletableFuture.completedFuture(new DeviceWakeup.WakeupResult(false, "usp",
                "agent not connected; its tasks go out when it connects"));
        }
        schedule(agent);
        return CompletableFuture.completedFuture(new DeviceWakeup.WakeupResult(true, "usp-" + agent.link.mtp(),
            "agent connected via " + agent.link.address()));
    }

    /** USP devices are online exactly while their agent is connected; null for other protocols. */
    private Boolean connected(Device d) {
        if (!PROTOCOL.equals(d.protocol()) || d.uspEndpointId() == null) {
            return null;
        }
        Agent agent = agents.get(d.uspEndpointId());
        return agent != null && agent.connected();
    }

    void registered(Agent agent, long deviceId) {
        agent.deviceId = deviceId;
        byDevice.put(deviceId, agent);
    }

    Instant now() {
        return clock.instant();
    }

    public int connectedAgents() {
        int n = 0;
        for (Agent a : agents.values()) {
            if (a.connected()) {
                n++;
            }
        }
        return n;
    }

    public long droppedRecords() {
        return dropped.get();
    }

    private void drop(String why) {
        long n = dropped.incrementAndGet();
        if (n <= 100 || n % 1000 == 0) {
            LOG.warn("USP record dropped ({} so far): {}", n, why);
        }
    }

    List<Agent> agentsForTest() {
        return List.copyOf(agents.values());
    }
}

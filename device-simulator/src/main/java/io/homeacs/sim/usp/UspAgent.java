package io.homeacs.sim.usp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.homeacs.sim.model.DataModel;
import io.homeacs.sim.model.UspAgentModel;
import io.homeacs.sim.usp.mtp.AgentTransport;
import io.homeacs.sim.usp.proto.UspMsg;
import io.homeacs.sim.usp.proto.UspMsg.Header.MsgType;
import io.homeacs.sim.usp.proto.UspRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated USP agent: one device's TR-181 data model behind an MTP transport. It answers the
 * controller's requests, keeps the subscriptions controllers create in its own data model
 * (Device.LocalAgent.Subscription.{i}.), and notifies what they ask for: Boot!, Periodic!,
 * ValueChange, ObjectCreation/Deletion, OperationComplete. Records are handled one at a time
 * (under the agent's monitor) on the transport's thread.
 */
public final class UspAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UspAgent.class);
    static final String VERSION = "1.3";

    private final String endpointId;
    private final String controllerId;
    private final Supplier<DataModel> factory;
    private final AgentTransport transport;
    private final ScheduledExecutorService scheduler;
    private final Operations operations;
    private final AtomicLong msgIds = new AtomicLong();
    private final AtomicInteger boots = new AtomicInteger();
    private final Map<String, UspMsg.Msg> unanswered = new LinkedHashMap<>();
    private volatile DataModel model;
    private volatile boolean closed;
    private volatile boolean down;
    private ScheduledFuture<?> periodic;
    private int reconnectDelaySeconds = 1;

    public UspAgent(String endpointId, String controllerId, Supplier<DataModel> factory, AgentTransport transport,
                    ScheduledExecutorService scheduler, java.net.http.HttpClient http) {
        this.endpointId = endpointId;
        this.controllerId = controllerId;
        this.factory = factory;
        this.transport = transport;
        this.scheduler = scheduler;
        this.model = factory.get();
        this.operations = new Operations(this, http);
    }

    public String endpointId() {
        return endpointId;
    }

    public DataModel model() {
        return model;
    }

    /** How many times the agent has (re)booted since it was created; the first start counts. */
    public int boots() {
        return boots.get();
    }

    public boolean connected() {
        return transport.isConnected() && !down;
    }

    /** Connects and announces itself: the MTP's connect record, then Boot! to whoever subscribed. */
    public void start() throws IOException {
        boot("LocalReboot", "", false);
    }

    private void boot(String cause, String commandKey, boolean firmwareUpdated) throws IOException {
        boots.incrementAndGet();
        down = false;
        connect();
        Map<String, String> args = new LinkedHashMap<>();
        args.put("CommandKey", commandKey);
        args.put("Cause", cause);
        args.put("FirmwareUpdated", Boolean.toString(firmwareUpdated));
        args.put("ParameterMap", "{}");
        event("Device.", "Boot!", args);
        schedulePeriodic();
    }

    private void connect() throws IOException {
        transport.connect(this::received, this::lost);
        UspRecord.Record.Builder r = record();
        switch (transport.mtp()) {
            case "websocket" -> r.setWebsocketConnect(UspRecord.WebSocketConnectRecord.getDefaultInstance());
            case "mqtt" -> r.setMqttConnect(UspRecord.MQTTConnectRecord.newBuilder()
                    .setVersion(UspRecord.MQTTConnectRecord.MQTTVersion.V5)
                    .setSubscribedTopic(transport.subscribedAddress().orElse("")));
            case "stomp" -> r.setStompConnect(UspRecord.STOMPConnectRecord.newBuilder()
                    .setSubscribedDestination(transport.subscribedAddress().orElse("")));
            default -> {
                // CoAP has no connect record: an agent the controller has not onboarded yet (no subscriptions)
                // introduces itself with an OnBoardRequest notification (TR-369).
                if (model.instances(UspAgentModel.SUBSCRIPTIONS).isEmpty()) {
                    onBoardRequest();
                }
                return;
            }
        }
        transport.send(r.build().toByteArray());
        List<UspMsg.Msg> again;
        synchronized (this) {
            again = new ArrayList<>(unanswered.values());
        }
        for (UspMsg.Msg m : again) {
            send(m);
        }
    }

    private void onBoardRequest() {
        UspMsg.Notify.Builder n = UspMsg.Notify.newBuilder().setSubscriptionId("").setSendResp(true)
                .setOnBoardReq(UspMsg.Notify.OnBoardRequest.newBuilder()
                        .setOui(model.value("Device.DeviceInfo.ManufacturerOUI").orElse(""))
                        .setProductClass(model.value("Device.DeviceInfo.ProductClass").orElse(""))
                        .setSerialNumber(model.value("Device.DeviceInfo.SerialNumber").orElse(""))
                        .setAgentSupportedProtocolVersions(VERSION));
        send(UspMsg.Msg.newBuilder().setHeader(UspMsg.Header.newBuilder()
                .setMsgId("onboard-" + msgIds.incrementAndGet()).setMsgType(MsgType.NOTIFY))
                .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder().setNotify(n))).build());
    }

    private void schedulePeriodic() {
        int seconds = Integer.parseInt(model.value(UspAgentModel.CONTROLLER + "PeriodicNotifInterval").orElse("86400"));
        synchronized (this) {
            if (periodic != null) {
                periodic.cancel(false);
            }
            periodic = scheduler.scheduleAtFixedRate(() -> event("Device.LocalAgent.", "Periodic!", Map.of()),
                    seconds, seconds, TimeUnit.SECONDS);
        }
    }

    private void lost() {
        if (closed || down) {
            return;
        }
        LOG.info("USP agent {} lost its connection; reconnecting in {} s", endpointId, reconnectDelaySeconds);
        scheduler.schedule(this::reconnect, reconnectDelaySeconds, TimeUnit.SECONDS);
        reconnectDelaySeconds = Math.min(30, reconnectDelaySeconds * 2);
    }

    private void reconnect() {
        if (closed || down || transport.isConnected()) {
            return;
        }
        try {
            connect();
            reconnectDelaySeconds = 1;
        } catch (IOException e) {
            lost();
        }
    }

    /**
     * Goes down (the connection closes), applies the change a reboot makes, and comes back with
     * Boot!; factory reset replaces the data model by the factory one, subscriptions and all.
     */
    void reboot(String cause, String commandKey, boolean firmwareUpdated, Runnable whileDown, long downMillis) {
        down = true;
        transport.close();
        scheduler.schedule(() -> {
            try {
                if (cause.contains("FactoryReset")) {
                    model = factory.get();
                }
                whileDown.run();
                boot(cause, commandKey, firmwareUpdated);
            } catch (IOException e) {
                down = false;
                lost();
            }
        }, downMillis, TimeUnit.MILLISECONDS);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    // ---- records in ------------------------------------------------------------------------------------

    private void received(byte[] bytes) {
        UspRecord.Record r;
        UspMsg.Msg msg;
        try {
            r = UspRecord.Record.parseFrom(bytes);
            if (!r.getToId().equals(endpointId)) {
                LOG.warn("USP agent {} dropped a record for {}", endpointId, r.getToId());
                return;
            }
            if (r.hasDisconnect()) {
                LOG.info("USP agent {}: controller disconnects ({})", endpointId, r.getDisconnect().getReason());
                return;
            }
            if (!r.hasNoSessionContext()) {
                return;
            }
            msg = UspMsg.Msg.parseFrom(r.getNoSessionContext().getPayload());
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("USP agent {} got an unreadable record: {}", endpointId, e.getMessage());
            return;
        }
        synchronized (this) {
            handle(msg);
        }
    }

    private void handle(UspMsg.Msg msg) {
        String id = msg.getHeader().getMsgId();
        UspMsg.Body body = msg.getBody();
        if (body.hasResponse() || body.hasError()) {
            unanswered.remove(id);
            if (body.hasError()) {
                LOG.info("USP agent {}: controller answered {} with error {} {}", endpointId, id,
                        body.getError().getErrCode(), body.getError().getErrMsg());
            }
            return;
        }
        UspMsg.Request req = body.getRequest();
        DataModel m = model;
        try {
            switch (req.getReqTypeCase()) {
                case GET -> respond(id, MsgType.GET_RESP, UspMsg.Response.newBuilder()
                        .setGetResp(DataModelRequests.get(m, req.getGet())).build());
                case SET -> respond(id, MsgType.SET_RESP, UspMsg.Response.newBuilder()
                        .setSetResp(DataModelRequests.set(m, req.getSet())).build());
                case ADD -> add(id, m, req.getAdd());
                case DELETE -> respond(id, MsgType.DELETE_RESP, UspMsg.Response.newBuilder()
                        .setDeleteResp(DataModelRequests.delete(m, req.getDelete())).build());
                case OPERATE -> operations.operate(id, req.getOperate());
                case GET_SUPPORTED_DM -> respond(id, MsgType.GET_SUPPORTED_DM_RESP, UspMsg.Response.newBuilder()
                        .setGetSupportedDmResp(DataModelRequests.supported(m, req.getGetSupportedDm())).build());
                case GET_INSTANCES -> respond(id, MsgType.GET_INSTANCES_RESP, UspMsg.Response.newBuilder()
                        .setGetInstancesResp(DataModelRequests.instances(m, req.getGetInstances())).build());
                case GET_SUPPORTED_PROTOCOL -> respond(id, MsgType.GET_SUPPORTED_PROTO_RESP, UspMsg.Response.newBuilder()
                        .setGetSupportedProtocolResp(UspMsg.GetSupportedProtocolResp.newBuilder()
                                .setAgentSupportedProtocolVersions("1.3,1.4")).build());
                default -> error(id, UspFault.NOT_SUPPORTED, req.getReqTypeCase() + " is not supported by this agent",
                        List.of());
            }
        } catch (DataModelRequests.Refused e) {
            error(id, e.code, e.getMessage(), e.paramErrors);
        }
    }

    private void add(String id, DataModel m, UspMsg.Add add) throws DataModelRequests.Refused {
        List<String> created = new ArrayList<>();
        UspMsg.AddResp resp = DataModelRequests.add(m, add, created);
        respond(id, MsgType.ADD_RESP, UspMsg.Response.newBuilder().setAddResp(resp).build());
        if (created.stream().anyMatch(p -> p.startsWith(UspAgentModel.SUBSCRIPTIONS))) {
            LOG.debug("USP agent {} now has {} subscriptions", endpointId,
                    m.instances(UspAgentModel.SUBSCRIPTIONS).size());
        }
    }

    // ---- records out -----------------------------------------------------------------------------------

    private UspRecord.Record.Builder record() {
        return UspRecord.Record.newBuilder().setVersion(VERSION).setFromId(endpointId).setToId(controllerId);
    }

    void send(UspMsg.Msg msg) {
        try {
            transport.send(record().setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder()
                    .setPayload(msg.toByteString())).build().toByteArray());
        } catch (IOException e) {
            LOG.debug("USP agent {} could not send: {}", endpointId, e.getMessage());
        }
    }

    void respond(String id, MsgType type, UspMsg.Response response) {
        send(UspMsg.Msg.newBuilder().setHeader(UspMsg.Header.newBuilder().setMsgId(id).setMsgType(type))
                .setBody(UspMsg.Body.newBuilder().setResponse(response)).build());
    }

    void error(String id, int code, String message, List<UspMsg.Error.ParamError> params) {
        send(UspMsg.Msg.newBuilder().setHeader(UspMsg.Header.newBuilder().setMsgId(id).setMsgType(MsgType.ERROR))
                .setBody(UspMsg.Body.newBuilder().setError(UspMsg.Error.newBuilder().setErrCode(code).setErrMsg(message)
                        .addAllParamErrs(params))).build());
    }

    // ---- notifications ---------------------------------------------------------------------------------

    void event(String objPath, String name, Map<String, String> args) {
        notifyAll("Event", objPath + name, n -> n.setEvent(UspMsg.Notify.Event.newBuilder().setObjPath(objPath)
                .setEventName(name).putAllParams(args)));
    }

    /** A change made on the device itself (not by a controller): stored, then notified to subscribers. */
    public void changeLocally(String path, String value) {
        model.setInternal(path, value);
        notifyAll("ValueChange", path, n -> n.setValueChange(UspMsg.Notify.ValueChange.newBuilder().setParamPath(path)
                .setParamValue(value)));
    }

    /** A device-side new table row (a host joins), notified as ObjectCreation. */
    public String createLocally(String table) {
        long n = model.nextInstance(table);
        String inst = model.addInstance(table, n);
        notifyAll("ObjectCreation", inst, b -> b.setObjCreation(UspMsg.Notify.ObjectCreation.newBuilder().setObjPath(inst)));
        return inst;
    }

    void operationComplete(String objPath, String command, String key, UspMsg.Notify.OperationComplete.Builder result) {
        notifyAll("OperationComplete", objPath + command, n -> n.setOperComplete(result.setObjPath(objPath)
                .setCommandName(command).setCommandKey(key)));
    }

    /** Sends one Notify per enabled subscription of the type whose ReferenceList covers the target. */
    private void notifyAll(String type, String target, java.util.function.Consumer<UspMsg.Notify.Builder> content) {
        DataModel m = model;
        for (String sub : m.instances(UspAgentModel.SUBSCRIPTIONS)) {
            if (!m.value(sub + "Enable").orElse("false").equals("true") || !m.value(sub + "NotifType").orElse("").equals(type)
                    || !covers(m.value(sub + "ReferenceList").orElse(""), target)) {
                continue;
            }
            boolean retry = m.value(sub + "NotifRetry").orElse("false").equals("true");
            UspMsg.Notify.Builder n = UspMsg.Notify.newBuilder().setSubscriptionId(m.value(sub + "ID").orElse(""))
                    .setSendResp(retry);
            content.accept(n);
            UspMsg.Msg msg = UspMsg.Msg.newBuilder().setHeader(UspMsg.Header.newBuilder()
                    .setMsgId("notify-" + msgIds.incrementAndGet()).setMsgType(MsgType.NOTIFY))
                    .setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request.newBuilder().setNotify(n))).build();
            if (retry) {
                synchronized (this) {
                    unanswered.put(msg.getHeader().getMsgId(), msg);
                }
            }
            send(msg);
        }
    }

    static boolean covers(String references, String target) {
        for (String ref : references.split(",")) {
            String r = ref.trim();
            if (r.isEmpty()) {
                continue;
            }
            if (r.equals(target) || (r.endsWith(".") && target.startsWith(r))) {
                return true;
            }
        }
        return false;
    }

    /** Notifications the controller has not yet acknowledged (NotifRetry): re-sent at each connect. */
    public synchronized int unansweredNotifications() {
        return unanswered.size();
    }

    public String controllerId() {
        return controllerId;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (periodic != null) {
                periodic.cancel(false);
            }
        }
        transport.close();
    }

    /** Drops the connection as a network outage would; the agent reconnects by itself. */
    public void dropConnection() {
        transport.close();
    }
}

package io.homeacs.server.usp.controller;

import io.homeacs.server.device.DeviceEvent;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.json.Json;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.usp.codec.Messages;
import io.homeacs.server.usp.proto.UspMsg;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notify requests from agents. Each is handled (written) before its NotifyResp goes out, so an
 * agent that retries until answered loses nothing. Events map to the check-in events the domain
 * knows from CWMP: Boot! is 1 BOOT (0 BOOTSTRAP after a factory reset, M Reboot with the task's
 * CommandKey after a reboot the ACS asked for), Periodic! 2 PERIODIC, ValueChange 4 VALUE CHANGE,
 * a finished diagnostics command 8 DIAGNOSTICS COMPLETE.
 */
final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    static final String DIAGNOSTICS_COMPLETE = "8 DIAGNOSTICS COMPLETE";

    private final UspController controller;
    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final Onboarding onboarding;

    Notifications(UspController controller, DeviceRegistry registry, TaskQueue tasks, Onboarding onboarding) {
        this.controller = controller;
        this.registry = registry;
        this.tasks = tasks;
        this.onboarding = onboarding;
    }

    void handle(Agent agent, String msgId, UspMsg.Notify n) {
        switch (n.getNotificationCase()) {
            case EVENT -> event(agent, n.getEvent());
            case VALUE_CHANGE -> {
                if (agent.deviceId >= 0) {
                    onboarding.checkInKnown(agent, List.of(new DeviceEvent(DeviceEvent.VALUE_CHANGE, "")), List.of(
                        new ParamValue(n.getValueChange().getParamPath(), n.getValueChange().getParamValue(),
                            ResponseMapper.STRING)));
                }
            }
            case OBJ_CREATION -> objectCreated(agent, n.getObjCreation());
            case OBJ_DELETION -> {
                if (agent.deviceId >= 0) {
                    Instant now = controller.now();
                    registry.forgetObject(agent.deviceId, n.getObjDeletion().getObjPath(), now);
                    registry.recordEvents(agent.deviceId, List.of(new DeviceEvent("ObjectDeletion",
                        n.getObjDeletion().getObjPath())), now);
                }
            }
            case OPER_COMPLETE -> operationComplete(agent, n.getOperComplete());
            case ON_BOARD_REQ -> {
                LOG.info("USP agent {} asks to be onboarded ({}-{}-{})", agent.endpointId, n.getOnBoardReq().getOui(),
                    n.getOnBoardReq().getProductClass(), n.getOnBoardReq().getSerialNumber());
                agent.addEvent(new DeviceEvent(DeviceEvent.BOOTSTRAP, ""));
                onboarding.connected(agent);
            }
            default -> {
                controller.send(agent, Messages.error(msgId, io.homeacs.server.usp.codec.UspErrors.INVALID_ARGUMENTS,
                    "Notify without a notification"));
                return;
            }
        }
        if (n.getSendResp()) {
            controller.send(agent, Messages.notifyResp(msgId, n.getSubscriptionId()));
        }
    }

    private void event(Agent agent, UspMsg.Notify.Event e) {
        String name = e.getEventName();
        Map<String, String> args = e.getParamsMap();
        if (name.equals("Boot!")) {
            String cause = args.getOrDefault("Cause", "");
            if (cause.contains("FactoryReset")) {
                agent.addEvent(new DeviceEvent(DeviceEvent.BOOTSTRAP, ""));
            }
            agent.addEvent(new DeviceEvent(DeviceEvent.BOOT, ""));
            String key = args.getOrDefault("CommandKey", "");
            if (!key.isEmpty() && cause.equals("RemoteReboot")) {
                agent.addEvent(new DeviceEvent("M Reboot", key));
            }
            // After a boot the DeviceInfo (software version above all) is read afresh.
            onboarding.connected(agent);
            return;
        }
        if (agent.deviceId < 0) {
            return;
        }
        if (name.equals("Periodic!")) {
            onboarding.checkInKnown(agent, List.of(new DeviceEvent(DeviceEvent.PERIODIC, "")), List.of());
        } else {
            registry.recordEvents(agent.deviceId, List.of(new DeviceEvent(e.getObjPath() + name,
                args.isEmpty() ? "" : Json.write(new LinkedHashMap<String, Object>(args)))), controller.now());
        }
    }

    private void objectCreated(Agent agent, UspMsg.Notify.ObjectCreation c) {
        if (agent.deviceId < 0) {
            return;
        }
        Instant now = controller.now();
        String path = c.getObjPath().endsWith(".") ? c.getObjPath() : c.getObjPath() + ".";
        List<ParamValue> keys = new ArrayList<>();
        c.getUniqueKeysMap().forEach((k, v) -> keys.add(new ParamValue(path + k, v, ResponseMapper.STRING)));
        registry.learn(agent.deviceId, keys, now);
        registry.recordEvents(agent.deviceId, List.of(new DeviceEvent("ObjectCreation", path)), now);
    }

    /**
     * Completes the task the command_key names. A diagnostics command's output becomes the object's
     * values and a 8 DIAGNOSTICS COMPLETE check-in, which is what the diagnose package waits for.
     */
    private void operationComplete(Agent agent, UspMsg.Notify.OperationComplete oc) {
        if (agent.deviceId < 0) {
            return;
        }
        Instant now = controller.now();
        String command = oc.getObjPath() + oc.getCommandName();
        Optional<Task> task = controller.taskOf(agent, oc.getCommandKey())
            .filter(t -> t.state() == TaskState.ACCEPTED || t.state() == TaskState.SENT);
        if (task.isPresent()) {
            Agent.InFlight f = agent.answered(oc.getCommandKey());
            Task t = f != null ? f.task() : task.get();
            TaskOutcome outcome = oc.hasCmdFailure()
                ? new TaskOutcome.Failed(oc.getCmdFailure().getErrCode(), oc.getCmdFailure().getErrMsg(), false, Map.of())
                : TaskOutcome.Done.of(Map.of("command", command, "outputArgs",
                    Map.copyOf(oc.getReqOutputArgs().getOutputArgsMap())));
            tasks.finish(t, outcome, now);
        }
        registry.recordEvents(agent.deviceId, List.of(new DeviceEvent("OperationComplete " + command,
            oc.getCommandKey())), now);
        if (oc.getObjPath().startsWith("Device.IP.Diagnostics.") && oc.getCommandName().endsWith("()")) {
            String object = oc.getObjPath() + oc.getCommandName().substring(0, oc.getCommandName().length() - 2) + ".";
            List<ParamValue> results = new ArrayList<>();
            oc.getReqOutputArgs().getOutputArgsMap().forEach((k, v) ->
                results.add(new ParamValue(object + k, v, ResponseMapper.STRING)));
            onboarding.checkInKnown(agent, List.of(new DeviceEvent(DIAGNOSTICS_COMPLETE, "")), results);
        }
    }
}

package io.homeacs.sim.usp;

import io.homeacs.sim.FileTransferClient;
import io.homeacs.sim.model.DataModel;
import io.homeacs.sim.model.UspAgentModel;
import io.homeacs.sim.usp.proto.UspMsg;
import io.homeacs.sim.usp.proto.UspMsg.Header.MsgType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's commands: Device.Reboot() and Device.FactoryReset() (synchronous: answered, then the
 * agent goes down and comes back with Boot!), and Device.DeviceInfo.FirmwareImage.{i}.Download()
 * (asynchronous: answered with its Request object, the image fetched over HTTP, OperationComplete
 * sent, then with AutoActivate the agent boots the new image and says Boot! with FirmwareUpdated).
 */
final class Operations {
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    private static final long REBOOT_MILLIS = 500;

    private final UspAgent agent;
    private final FileTransferClient files;
    private final AtomicLong requests = new AtomicLong();

    Operations(UspAgent agent, java.net.http.HttpClient http) {
        this.agent = agent;
        this.files = new FileTransferClient(http);
    }

    void operate(String id, UspMsg.Operate op) {
        String command = op.getCommand();
        String key = op.getCommandKey();
        if (command.equals("Device.Reboot()") || command.equals("Device.FactoryReset()")) {
            boolean reset = command.equals("Device.FactoryReset()");
            answer(id, op, UspMsg.OperateResp.OperationResult.newBuilder().setExecutedCommand(command)
                    .setReqOutputArgs(UspMsg.OperateResp.OperationResult.OutputArgs.getDefaultInstance()));
            agent.reboot(reset ? "RemoteFactoryReset" : "RemoteReboot", key, false, () -> { }, REBOOT_MILLIS);
            return;
        }
        if (command.startsWith(UspAgentModel.IMAGES) && command.endsWith(".Download()")) {
            download(id, op);
            return;
        }
        answer(id, op, UspMsg.OperateResp.OperationResult.newBuilder().setExecutedCommand(command)
                .setCmdFailure(UspMsg.OperateResp.OperationResult.CommandFailure.newBuilder()
                        .setErrCode(UspFault.INVALID_PATH).setErrMsg("this agent has no command " + command)));
    }

    private void answer(String id, UspMsg.Operate op, UspMsg.OperateResp.OperationResult.Builder result) {
        if (op.getSendResp()) {
            agent.respond(id, MsgType.OPERATE_RESP, UspMsg.Response.newBuilder().setOperateResp(
                    UspMsg.OperateResp.newBuilder().addOperationResults(result)).build());
        }
    }

    private void download(String id, UspMsg.Operate op) {
        String command = op.getCommand();
        String slot = command.substring(0, command.length() - "Download()".length());
        DataModel m = agent.model();
        String url = op.getInputArgsMap().getOrDefault("URL", "");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (!m.exists(slot) || uri == null || uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            answer(id, op, UspMsg.OperateResp.OperationResult.newBuilder().setExecutedCommand(command)
                    .setCmdFailure(UspMsg.OperateResp.OperationResult.CommandFailure.newBuilder()
                            .setErrCode(UspFault.INVALID_COMMAND_ARGUMENTS)
                            .setErrMsg(m.exists(slot) ? "URL must be http(s): " + url : "no image slot " + slot)));
            return;
        }
        String request = "Device.LocalAgent.Request." + requests.incrementAndGet() + ".";
        answer(id, op, UspMsg.OperateResp.OperationResult.newBuilder().setExecutedCommand(command).setReqObjPath(request));
        String key = op.getCommandKey();
        boolean activate = Boolean.parseBoolean(op.getInputArgsMap().getOrDefault("AutoActivate", "false"));
        long size = parseLong(op.getInputArgsMap().getOrDefault("FileSize", "0"));
        String objPath = slot;
        files.send("GET", uri, null, op.getInputArgsMap().get("Username"), op.getInputArgsMap().get("Password"))
                .whenComplete((r, e) -> downloaded(objPath, key, activate, size, r, e));
    }

    private void downloaded(String slot, String key, boolean activate, long size, HttpResponse<byte[]> r, Throwable e) {
        String failure = null;
        if (e != null) {
            failure = "download failed: " + e.getMessage();
        } else if (r.statusCode() != 200) {
            failure = "download failed: HTTP " + r.statusCode();
        } else if (size > 0 && r.body().length != size) {
            failure = "image corrupted: " + r.body().length + " bytes, expected " + size;
        }
        String version = failure == null ? FileTransferClient.firmwareVersion(r.body()) : null;
        if (failure == null && version == null) {
            failure = "not a firmware image for this device";
        }
        var result = UspMsg.Notify.OperationComplete.newBuilder();
        if (failure != null) {
            LOG.info("USP agent {}: {} {}", agent.endpointId(), slot, failure);
            result.setCmdFailure(UspMsg.Notify.OperationComplete.CommandFailure.newBuilder()
                    .setErrCode(UspFault.COMMAND_FAILURE).setErrMsg(failure));
            synchronized (agent) {
                agent.operationComplete(slot, "Download()", key, result);
            }
            return;
        }
        DataModel m = agent.model();
        m.setInternal(slot + "Version", version);
        m.setInternal(slot + "Available", "true");
        m.setInternal(slot + "Status", "Available");
        m.setInternal(slot + "Name", "image-" + version);
        result.setReqOutputArgs(UspMsg.Notify.OperationComplete.OutputArgs.getDefaultInstance());
        synchronized (agent) {
            agent.operationComplete(slot, "Download()", key, result);
        }
        if (activate) {
            String active = slot.substring(0, slot.length() - 1);
            agent.reboot("LocalReboot", key, true, () -> activate(agent.model(), active, version), REBOOT_MILLIS);
        }
    }

    private static void activate(DataModel m, String image, String version) {
        for (String inst : m.instances(UspAgentModel.IMAGES)) {
            if (m.value(inst + "Status").orElse("").equals("Active")) {
                m.setInternal(inst + "Status", "Available");
            }
        }
        m.setInternal(image + ".Status", "Active");
        m.setInternal("Device.DeviceInfo.ActiveFirmwareImage", image);
        m.setInternal("Device.DeviceInfo.SoftwareVersion", version);
        m.setInternal("Device.LocalAgent.SoftwareVersion", version);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static List<String> commands() {
        return List.of("Device.Reboot()", "Device.FactoryReset()", UspAgentModel.IMAGES + "{i}.Download()");
    }
}

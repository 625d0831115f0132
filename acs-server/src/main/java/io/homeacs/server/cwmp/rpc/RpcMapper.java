package io.homeacs.server.cwmp.rpc;

import io.homeacs.server.cwmp.soap.AddObject;
import io.homeacs.server.cwmp.soap.CancelTransfer;
import io.homeacs.server.cwmp.soap.ChangeDuState;
import io.homeacs.server.cwmp.soap.DeleteObject;
import io.homeacs.server.cwmp.soap.Download;
import io.homeacs.server.cwmp.soap.DuOperation;
import io.homeacs.server.cwmp.soap.FactoryReset;
import io.homeacs.server.cwmp.soap.GetAllQueuedTransfers;
import io.homeacs.server.cwmp.soap.GetParameterAttributes;
import io.homeacs.server.cwmp.soap.GetParameterNames;
import io.homeacs.server.cwmp.soap.GetParameterValues;
import io.homeacs.server.cwmp.soap.GetRpcMethods;
import io.homeacs.server.cwmp.soap.InstallOp;
import io.homeacs.server.cwmp.soap.ParameterValue;
import io.homeacs.server.cwmp.soap.Reboot;
import io.homeacs.server.cwmp.soap.RpcRequest;
import io.homeacs.server.cwmp.soap.ScheduleDownload;
import io.homeacs.server.cwmp.soap.ScheduleInform;
import io.homeacs.server.cwmp.soap.SetParameterAttribute;
import io.homeacs.server.cwmp.soap.SetParameterAttributes;
import io.homeacs.server.cwmp.soap.SetParameterValues;
import io.homeacs.server.cwmp.soap.TimeWindow;
import io.homeacs.server.cwmp.soap.UninstallOp;
import io.homeacs.server.cwmp.soap.UpdateOp;
import io.homeacs.server.cwmp.soap.Upload;
import io.homeacs.server.device.Device;
import io.homeacs.server.security.DeviceCredentials;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Translates protocol-neutral task specs into the CWMP RPC that carries them. */
public final class RpcMapper {
    private final DeviceCredentials credentials;
    private final int periodicInformInterval;

    public RpcMapper(DeviceCredentials credentials, int periodicInformInterval) {
        this.credentials = credentials;
        this.periodicInformInterval = periodicInformInterval;
    }

    /** The RPC for a task, or empty when it cannot be built (e.g. its secrets are gone). */
    public Optional<RpcRequest> toRpc(Task task, Device device) {
        TaskSpec spec = task.spec();
        String key = task.key();
        String root = device.dataModel().root();
        RpcRequest rpc;
        if (spec instanceof TaskSpec.GetRpcMethods) {
            rpc = new GetRpcMethods();
        } else if (spec instanceof TaskSpec.GetParameterNames s) {
            rpc = new GetParameterNames(s.path(), s.nextLevel());
        } else if (spec instanceof TaskSpec.GetParameterValues s) {
            rpc = new GetParameterValues(s.names());
        } else if (spec instanceof TaskSpec.SetParameterValues s) {
            rpc = new SetParameterValues(s.values().stream()
                .map(v -> new ParameterValue(v.name(), v.value(), v.type())).toList(), key);
        } else if (spec instanceof TaskSpec.GetParameterAttributes s) {
            rpc = new GetParameterAttributes(s.names());
        } else if (spec instanceof TaskSpec.SetParameterAttributes s) {
            rpc = new SetParameterAttributes(s.changes().stream().map(c -> new SetParameterAttribute(c.name(),
                c.notification() != null, c.notification() == null ? 0 : c.notification(),
                c.accessList() != null, c.accessList() == null ? List.of() : c.accessList())).toList());
        } else if (spec instanceof TaskSpec.AddObject s) {
            rpc = new AddObject(s.objectName(), key);
        } else if (spec instanceof TaskSpec.DeleteObject s) {
            rpc = new DeleteObject(s.objectName(), key);
        } else if (spec instanceof TaskSpec.Reboot) {
            rpc = new Reboot(key);
        } else if (spec instanceof TaskSpec.FactoryReset) {
            rpc = new FactoryReset();
        } else if (spec instanceof TaskSpec.Download s) {
            rpc = new Download(key, s.fileType(), s.url(), s.username(), s.password(), s.fileSize(),
                s.targetFileName(), s.delaySeconds(), s.successUrl(), s.failureUrl());
        } else if (spec instanceof TaskSpec.Upload s) {
            rpc = new Upload(key, s.fileType(), s.url(), s.username(), s.password(), s.delaySeconds());
        } else if (spec instanceof TaskSpec.ScheduleInform s) {
            rpc = new ScheduleInform(s.delaySeconds(), key);
        } else if (spec instanceof TaskSpec.ScheduleDownload s) {
            rpc = new ScheduleDownload(key, s.fileType(), s.url(), s.username(), s.password(), s.fileSize(),
                s.targetFileName(), s.windows().stream().map(w -> new TimeWindow(w.start(), w.end(), w.mode(),
                    w.userMessage(), w.maxRetries())).toList());
        } else if (spec instanceof TaskSpec.CancelTransfer s) {
            rpc = new CancelTransfer(s.commandKey());
        } else if (spec instanceof TaskSpec.GetAllQueuedTransfers) {
            rpc = new GetAllQueuedTransfers();
        } else if (spec instanceof TaskSpec.ChangeDuState s) {
            rpc = new ChangeDuState(key, s.operations().stream().map(RpcMapper::duOperation).toList());
        } else if (spec instanceof TaskSpec.Refresh s) {
            rpc = new GetParameterValues(List.of(s.path().isEmpty() ? root : s.path()));
        } else if (spec instanceof TaskSpec.ProvisionCredentials) {
            return credentials.pending(device.id()).map(p -> provision(p, root, key));
        } else {
            throw new IllegalArgumentException("no CWMP mapping for " + spec.type());
        }
        return Optional.of(rpc);
    }

    private RpcRequest provision(DeviceCredentials.Provisioning p, String root, String key) {
        String ms = root + "ManagementServer.";
        List<ParameterValue> values = new ArrayList<>(List.of(
            new ParameterValue(ms + "Username", p.acsUsername(), "xsd:string"),
            new ParameterValue(ms + "Password", p.acsPassword(), "xsd:string"),
            new ParameterValue(ms + "ConnectionRequestUsername", p.crUsername(), "xsd:string"),
            new ParameterValue(ms + "ConnectionRequestPassword", p.crPassword(), "xsd:string")));
        if (periodicInformInterval > 0) {
            values.add(new ParameterValue(ms + "PeriodicInformEnable", "true", "xsd:boolean"));
            values.add(new ParameterValue(ms + "PeriodicInformInterval", Integer.toString(periodicInformInterval),
                "xsd:unsignedInt"));
        }
        return new SetParameterValues(values, key);
    }

    private static DuOperation duOperation(TaskSpec.DuOperation o) {
        return switch (o.operation()) {
            case "install" -> new InstallOp(o.url(), o.uuid(), o.username(), o.password(), o.executionEnvRef());
            case "update" -> new UpdateOp(o.uuid(), o.version(), o.url(), o.username(), o.password());
            default -> new UninstallOp(o.uuid(), o.version(), o.executionEnvRef());
        };
    }
}

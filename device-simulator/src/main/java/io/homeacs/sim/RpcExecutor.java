package io.homeacs.sim;

import io.homeacs.sim.cwmp.AcsRpc;
import io.homeacs.sim.cwmp.CpeMessages;
import io.homeacs.sim.cwmp.CwmpFault;
import io.homeacs.sim.cwmp.CwmpTypes.EventStruct;
import io.homeacs.sim.cwmp.CwmpTypes.QueuedTransfer;
import io.homeacs.sim.model.DataModel;
import io.homeacs.sim.model.ModelEditor;
import io.homeacs.sim.model.ServiceState;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Executes ACS requests against one device; side effects that need the session to be over are deferred. */
final class RpcExecutor {
    private static final Set<String> DOWNLOAD_TYPES = Set.of("1 Firmware Upgrade Image", "3 Vendor Configuration File");
    private static final Set<String> WINDOW_MODES = Set.of("1 At Any Time", "2 Immediately", "3 When Idle",
            "4 Confirmation Needed");

    private final VirtualDevice device;
    private final SimRuntime rt;
    private final Transfers transfers;
    private final DeploymentUnits units;
    private final DiagnosticsRunner diagnostics;

    RpcExecutor(VirtualDevice device, SimRuntime rt, LineRate lineRate) {
        this.device = device;
        this.rt = rt;
        this.transfers = new Transfers(device, rt);
        this.units = new DeploymentUnits(device, rt);
        this.diagnostics = new DiagnosticsRunner(device, rt, lineRate);
    }

    void reset() {
        transfers.reset();
    }

    String execute(AcsRpc rpc) throws CwmpFault {
        if (rpc instanceof AcsRpc.Unsupported || !device.version().supports(rpc.method())) {
            throw new CwmpFault(CwmpFault.METHOD_NOT_SUPPORTED, "Method not supported: " + rpc.method());
        }
        DataModel m = device.model();
        if (rpc instanceof AcsRpc.GetRPCMethods) {
            return CpeMessages.getRpcMethodsResponse(device.version().rpcMethods());
        } else if (rpc instanceof AcsRpc.GetParameterNames r) {
            return CpeMessages.getParameterNamesResponse(m.getParameterNames(r.path(), r.nextLevel()));
        } else if (rpc instanceof AcsRpc.GetParameterValues r) {
            return CpeMessages.getParameterValuesResponse(m.getParameterValues(r.names()));
        } else if (rpc instanceof AcsRpc.SetParameterValues r) {
            return setParameterValues(m, r);
        } else if (rpc instanceof AcsRpc.GetParameterAttributes r) {
            return CpeMessages.getParameterAttributesResponse(m.getParameterAttributes(r.names()));
        } else if (rpc instanceof AcsRpc.SetParameterAttributes r) {
            ModelEditor.setParameterAttributes(m, r.changes());
            return CpeMessages.empty("SetParameterAttributesResponse");
        } else if (rpc instanceof AcsRpc.AddObject r) {
            return CpeMessages.addObjectResponse(ModelEditor.addObject(m, r.objectName(), r.parameterKey()), 0);
        } else if (rpc instanceof AcsRpc.DeleteObject r) {
            ModelEditor.deleteObject(m, r.objectName(), r.parameterKey());
            return CpeMessages.status("DeleteObjectResponse", 0);
        }
        return executeLifecycle(rpc);
    }

    private String setParameterValues(DataModel m, AcsRpc.SetParameterValues r) throws CwmpFault {
        checkDiagnosticsStates(r);
        MeshHome home = device.meshHome();
        Map<String, String> before = home == null ? Map.of() : home.before(device);
        List<String> changed = ModelEditor.setParameterValues(m, r.values(), r.parameterKey());
        if (home != null) {
            home.applied(device, before, changed);
        }
        Map<String, String> set = new LinkedHashMap<>();
        r.values().forEach(v -> set.put(v.name(), v.value()));
        diagnostics.applied(set);
        // The device reacts to its new configuration (a PPP session comes up...); those changes are its own, so notified.
        device.notifyChanged(ServiceState.settle(m, device.factory(), changed, System.nanoTime()));
        if (changed.stream().anyMatch(p -> p.contains("ManagementServer.PeriodicInform"))) {
            device.runAfterSession(() -> device.schedulePeriodic(false));
        }
        return CpeMessages.status("SetParameterValuesResponse", 0);
    }

    /** TR-143: the ACS may set DiagnosticsState only to Requested; the other states are the device's to report. */
    private static void checkDiagnosticsStates(AcsRpc.SetParameterValues r) throws CwmpFault {
        List<CwmpFault.ParameterFault> faults = new ArrayList<>();
        for (var v : r.values()) {
            if (v.name().endsWith(".DiagnosticsState") && DiagnosticsRunner.objectOf(v.name()) != null
                    && !v.value().equals("Requested")) {
                faults.add(new CwmpFault.ParameterFault(v.name(), CwmpFault.INVALID_PARAMETER_VALUE,
                        "DiagnosticsState can only be set to Requested"));
            }
        }
        if (!faults.isEmpty()) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, CwmpFault.defaultMessage(CwmpFault.INVALID_ARGUMENTS), faults);
        }
    }

    private String executeLifecycle(AcsRpc rpc) throws CwmpFault {
        if (rpc instanceof AcsRpc.Reboot r) {
            device.runAfterSession(() -> device.reboot(List.of(new EventStruct("M Reboot", r.commandKey())), null));
            return CpeMessages.empty("RebootResponse");
        } else if (rpc instanceof AcsRpc.FactoryReset) {
            device.runAfterSession(device::factoryReset);
            return CpeMessages.empty("FactoryResetResponse");
        } else if (rpc instanceof AcsRpc.ScheduleInform r) {
            return scheduleInform(r);
        } else if (rpc instanceof AcsRpc.Download r) {
            checkDownloadType(r.fileType());
            queue("Download", r.commandKey(), r.fileType(), r.url(), r.username(), r.password(), r.fileSize(),
                    r.targetFileName(), r.delaySeconds() * 1000);
            return CpeMessages.transferResponse("DownloadResponse", 1, CpeMessages.UNKNOWN_TIME, CpeMessages.UNKNOWN_TIME);
        } else if (rpc instanceof AcsRpc.Upload r) {
            checkUploadType(r.fileType());
            queue("Upload", r.commandKey(), r.fileType(), r.url(), r.username(), r.password(), 0, "",
                    r.delaySeconds() * 1000);
            return CpeMessages.transferResponse("UploadResponse", 1, CpeMessages.UNKNOWN_TIME, CpeMessages.UNKNOWN_TIME);
        } else if (rpc instanceof AcsRpc.ScheduleDownload r) {
            return scheduleDownload(r);
        } else if (rpc instanceof AcsRpc.CancelTransfer r) {
            transfers.cancel(r.commandKey());
            return CpeMessages.empty("CancelTransferResponse");
        } else if (rpc instanceof AcsRpc.GetQueuedTransfers) {
            List<QueuedTransfer> l = transfers.list().stream().filter(t -> t.state() != 3).toList();
            return CpeMessages.queuedTransfersResponse(false, l);
        } else if (rpc instanceof AcsRpc.GetAllQueuedTransfers) {
            return CpeMessages.queuedTransfersResponse(true, transfers.list());
        } else if (rpc instanceof AcsRpc.ChangeDUState r) {
            if (!device.model().exists(DeploymentUnits.DU_TABLE)) {
                throw new CwmpFault(CwmpFault.REQUEST_DENIED, "This device has no software modules support");
            }
            device.runAfterSession(() -> units.apply(r.operations(), r.commandKey()));
            return CpeMessages.empty("ChangeDUStateResponse");
        }
        throw new CwmpFault(CwmpFault.METHOD_NOT_SUPPORTED, "Method not supported: " + rpc.method());
    }

    private String scheduleInform(AcsRpc.ScheduleInform r) throws CwmpFault {
        if (r.delaySeconds() <= 0) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "DelaySeconds must be greater than zero");
        }
        rt.schedule(() -> {
            device.addEvent(EventStruct.of(EventBook.SCHEDULED));
            device.addEvent(new EventStruct("M ScheduleInform", r.commandKey()));
            device.requestSession(true);
        }, r.delaySeconds(), TimeUnit.SECONDS);
        return CpeMessages.empty("ScheduleInformResponse");
    }

    private String scheduleDownload(AcsRpc.ScheduleDownload r) throws CwmpFault {
        checkDownloadType(r.fileType());
        List<AcsRpc.TimeWindow> w = r.windows();
        if (w.isEmpty() || w.size() > 2) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "TimeWindowList must hold one or two windows");
        }
        for (int i = 0; i < w.size(); i++) {
            AcsRpc.TimeWindow t = w.get(i);
            if (t.end() <= t.start() || !WINDOW_MODES.contains(t.mode()) && !t.mode().startsWith("X ")) {
                throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Invalid time window " + (i + 1));
            }
            if (i == 1 && t.start() < w.get(0).end()) {
                throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Time windows overlap or are out of order");
            }
        }
        queue("ScheduleDownload", r.commandKey(), r.fileType(), r.url(), r.username(), r.password(), r.fileSize(),
                r.targetFileName(), w.get(0).start() * 1000);
        return CpeMessages.empty("ScheduleDownloadResponse");
    }

    private void queue(String method, String key, String type, String url, String user, String pass, long size,
                       String target, long delayMillis) throws CwmpFault {
        URI u = Transfers.checkUrl(url);
        Transfers.Transfer t = new Transfers.Transfer(method, key, type, u, user, pass, size, target);
        transfers.enqueue(t);
        device.runAfterSession(() -> transfers.arm(t, delayMillis));
    }

    private static void checkDownloadType(String type) throws CwmpFault {
        if (!DOWNLOAD_TYPES.contains(type)) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Unsupported FileType '" + type + "'");
        }
    }

    private static void checkUploadType(String type) throws CwmpFault {
        if (!type.matches("(1 Vendor Configuration File|2 Vendor Log File|3 Vendor Configuration File \\d+|4 Vendor Log File \\d+)")) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "Unsupported FileType '" + type + "'");
        }
    }
}

package io.homeacs.server.cwmp.rpc;

import io.homeacs.server.cwmp.soap.AddObjectResponse;
import io.homeacs.server.cwmp.soap.CpeMessage;
import io.homeacs.server.cwmp.soap.CwmpFault;
import io.homeacs.server.cwmp.soap.DeleteObject;
import io.homeacs.server.cwmp.soap.DeleteObjectResponse;
import io.homeacs.server.cwmp.soap.DownloadResponse;
import io.homeacs.server.cwmp.soap.FaultStruct;
import io.homeacs.server.cwmp.soap.GetAllQueuedTransfersResponse;
import io.homeacs.server.cwmp.soap.GetParameterAttributesResponse;
import io.homeacs.server.cwmp.soap.GetParameterNamesResponse;
import io.homeacs.server.cwmp.soap.GetParameterValuesResponse;
import io.homeacs.server.cwmp.soap.GetRpcMethodsResponse;
import io.homeacs.server.cwmp.soap.OpResult;
import io.homeacs.server.cwmp.soap.ParameterValue;
import io.homeacs.server.cwmp.soap.RpcRequest;
import io.homeacs.server.cwmp.soap.SetParameterValues;
import io.homeacs.server.cwmp.soap.SetParameterValuesResponse;
import io.homeacs.server.cwmp.soap.SpvFault;
import io.homeacs.server.cwmp.soap.UploadResponse;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.task.Secrets;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what a CPE answered into a task outcome. */
public final class OutcomeMapper {
    private OutcomeMapper() {
    }

    /** CPE faults worth retrying later: the device was busy or hit an internal error. */
    static boolean retryable(int code) {
        return code == 9002 || code == 9004 || code == 8005;
    }

    public static TaskOutcome fromFault(CwmpFault f) {
        Map<String, Object> detail = new LinkedHashMap<>();
        if (!f.parameterFaults().isEmpty()) {
            detail.put("parameterFaults", f.parameterFaults().stream().map(OutcomeMapper::spvFault).toList());
        }
        return new TaskOutcome.Failed(f.faultCode(), f.faultString(), retryable(f.faultCode()), detail);
    }

    private static Map<String, Object> spvFault(SpvFault p) {
        return Map.of("parameterName", p.parameterName(), "faultCode", p.faultCode(), "faultString", p.faultString());
    }

    /** Maps a response to the RPC that was sent for a task of the given type. */
    public static TaskOutcome fromResponse(TaskType type, RpcRequest sent, CpeMessage response) {
        if (response instanceof CwmpFault f) {
            return fromFault(f);
        }
        if (!response.methodName().equals(sent.responseName())) {
            return TaskOutcome.Failed.transientFault(8003, "expected " + sent.responseName() + " but got " + response.methodName());
        }
        if (response instanceof GetParameterValuesResponse r) {
            List<ParamValue> learned = r.parameters().stream().map(p -> new ParamValue(p.name(), p.value(), p.type())).toList();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("count", learned.size());
            if (type != TaskType.REFRESH) {
                result.put("parameterValues", r.parameters().stream().map(OutcomeMapper::valueJson).toList());
            }
            return new TaskOutcome.Done(result, learned, null);
        }
        if (response instanceof SetParameterValuesResponse r && sent instanceof SetParameterValues s) {
            List<ParamValue> learned = s.values().stream().filter(p -> !Secrets.isSecretName(p.name()))
                .map(p -> new ParamValue(p.name(), p.value(), p.type())).toList();
            return new TaskOutcome.Done(Map.of("status", r.status()), learned, null);
        }
        if (response instanceof GetParameterNamesResponse r) {
            return TaskOutcome.Done.of(Map.of("parameters", r.parameters().stream()
                .map(p -> Map.of("name", p.name(), "writable", p.writable())).toList()));
        }
        if (response instanceof GetParameterAttributesResponse r) {
            return TaskOutcome.Done.of(Map.of("parameters", r.parameters().stream()
                .map(p -> Map.of("name", p.name(), "notification", p.notification(), "accessList", p.accessList())).toList()));
        }
        if (response instanceof AddObjectResponse r) {
            return TaskOutcome.Done.of(Map.of("instanceNumber", r.instanceNumber(), "status", r.status()));
        }
        if (response instanceof DeleteObjectResponse r && sent instanceof DeleteObject d) {
            return new TaskOutcome.Done(Map.of("status", r.status()), List.of(), d.objectName());
        }
        if (response instanceof DownloadResponse r) {
            return transfer(r.status(), r.startTime(), r.completeTime());
        }
        if (response instanceof UploadResponse r) {
            return transfer(r.status(), r.startTime(), r.completeTime());
        }
        if (response instanceof GetRpcMethodsResponse r) {
            return TaskOutcome.Done.of(Map.of("methods", r.methods()));
        }
        if (response instanceof GetAllQueuedTransfersResponse r) {
            return TaskOutcome.Done.of(Map.of("transfers", r.transfers().stream().map(t -> Map.of(
                "commandKey", t.commandKey(), "state", t.state(), "isDownload", t.isDownload(), "fileType", t.fileType(),
                "fileSize", t.fileSize(), "targetFileName", t.targetFileName())).toList()));
        }
        if (type == TaskType.SCHEDULE_DOWNLOAD || type == TaskType.CHANGE_DU_STATE) {
            return new TaskOutcome.Accepted(Map.of("note", "accepted; completion is reported later"));
        }
        return TaskOutcome.Done.of(Map.of());
    }

    /** Status 0 = done within the session; 1 = will be reported by TransferComplete. */
    private static TaskOutcome transfer(int status, String start, String complete) {
        Map<String, Object> r = Map.of("status", status, "startTime", nz(start), "completeTime", nz(complete));
        return status == 0 ? TaskOutcome.Done.of(r) : new TaskOutcome.Accepted(r);
    }

    public static TaskOutcome fromTransferComplete(FaultStruct fault, String start, String complete) {
        if (fault != null && fault.faultCode() != 0) {
            return new TaskOutcome.Failed(fault.faultCode(), fault.faultString(), false, Map.of());
        }
        return TaskOutcome.Done.of(Map.of("startTime", nz(start), "completeTime", nz(complete)));
    }

    public static TaskOutcome fromDuResults(List<OpResult> results) {
        List<Map<String, Object>> ops = results.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("uuid", nz(r.uuid()));
            m.put("deploymentUnitRef", nz(r.deploymentUnitRef()));
            m.put("version", nz(r.version()));
            m.put("currentState", nz(r.currentState()));
            m.put("faultCode", r.fault() == null ? 0 : r.fault().faultCode());
            m.put("faultString", r.fault() == null ? "" : nz(r.fault().faultString()));
            return m;
        }).toList();
        for (OpResult r : results) {
            if (r.fault() != null && r.fault().faultCode() != 0) {
                return new TaskOutcome.Failed(r.fault().faultCode(), r.fault().faultString(), false, Map.of("operations", ops));
            }
        }
        return TaskOutcome.Done.of(Map.of("operations", ops));
    }

    private static Map<String, Object> valueJson(ParameterValue p) {
        return Map.of("name", p.name(), "value", Secrets.isSecretName(p.name()) ? Secrets.MASK : p.value(), "type", p.type());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

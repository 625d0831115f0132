package io.homeacs.server.usp.controller;

import io.homeacs.server.device.ParamValue;
import io.homeacs.server.task.Secrets;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.usp.codec.UspErrors;
import io.homeacs.server.usp.proto.UspMsg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an agent's answer to a task's request means for the task. */
final class ResponseMapper {
    static final String STRING = "xsd:string";

    private ResponseMapper() {
    }

    static TaskOutcome outcome(UspRequest sent, UspMsg.Msg answer) {
        UspMsg.Body body = answer.getBody();
        if (body.hasError()) {
            return failure(body.getError());
        }
        if (!body.hasResponse()) {
            return TaskOutcome.Failed.permanent(UspErrors.MESSAGE_FAILED, "the agent answered with a request");
        }
        UspMsg.Response r = body.getResponse();
        switch (sent.kind()) {
            case GET_VALUES:
            case REFRESH:
                return r.hasGetResp() ? get(r.getGetResp(), sent.kind() == UspRequest.Kind.REFRESH) : unexpected(r);
            case SET:
                return r.hasSetResp() ? set(r.getSetResp()) : unexpected(r);
            case ADD:
                return r.hasAddResp() ? add(r.getAddResp()) : unexpected(r);
            case DELETE:
                return r.hasDeleteResp() ? delete(r.getDeleteResp(), sent.path()) : unexpected(r);
            case OPERATE:
            case FIRMWARE:
            case DIAGNOSTICS:
                return r.hasOperateResp() ? operate(r.getOperateResp(), sent.kind()) : unexpected(r);
            case SUPPORTED_DM:
                return r.hasGetSupportedDmResp() ? supported(r.getGetSupportedDmResp()) : unexpected(r);
            case SUPPORTED_PROTOCOL:
                return r.hasGetSupportedProtocolResp() ? TaskOutcome.Done.of(Map.of("methods", List.of("Get", "Set", "Add",
                    "Delete", "Operate", "Notify", "GetSupportedDM", "GetInstances", "GetSupportedProtocol"),
                    "protocolVersions", r.getGetSupportedProtocolResp().getAgentSupportedProtocolVersions()))
                    : unexpected(r);
            default:
                return unexpected(r);
        }
    }

    static TaskOutcome failure(UspMsg.Error e) {
        Map<String, Object> detail = new LinkedHashMap<>();
        if (e.getParamErrsCount() > 0) {
            detail.put("parameterFaults", e.getParamErrsList().stream().map(p -> Map.<String, Object>of(
                "parameterName", p.getParamPath(), "faultCode", p.getErrCode(), "faultString", p.getErrMsg())).toList());
        }
        return new TaskOutcome.Failed(e.getErrCode(), e.getErrMsg(), UspErrors.retryable(e.getErrCode()), detail);
    }

    private static TaskOutcome unexpected(UspMsg.Response r) {
        return TaskOutcome.Failed.transientFault(UspErrors.MESSAGE_FAILED, "unexpected response " + r.getRespTypeCase());
    }

    static List<ParamValue> values(UspMsg.GetResp resp) {
        List<ParamValue> out = new ArrayList<>();
        for (UspMsg.GetResp.RequestedPathResult req : resp.getReqPathResultsList()) {
            for (UspMsg.GetResp.ResolvedPathResult res : req.getResolvedPathResultsList()) {
                res.getResultParamsMap().forEach((name, value) ->
                    out.add(new ParamValue(res.getResolvedPath() + name, value, STRING)));
            }
        }
        return out;
    }

    private static TaskOutcome get(UspMsg.GetResp resp, boolean refresh) {
        for (UspMsg.GetResp.RequestedPathResult req : resp.getReqPathResultsList()) {
            if (req.getErrCode() != 0) {
                Map<String, Object> fault = Map.of("parameterName", req.getRequestedPath(), "faultCode", req.getErrCode(),
                    "faultString", req.getErrMsg());
                return new TaskOutcome.Failed(req.getErrCode(), req.getErrMsg(), false,
                    Map.of("parameterFaults", List.of(fault)));
            }
        }
        List<ParamValue> learned = values(resp);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", learned.size());
        if (!refresh) {
            result.put("parameterValues", learned.stream().map(p -> Map.of("name", p.name(),
                "value", Secrets.isSecretName(p.name()) ? Secrets.MASK : p.value(), "type", p.type())).toList());
        }
        return new TaskOutcome.Done(result, learned, null);
    }

    private static TaskOutcome set(UspMsg.SetResp resp) {
        List<ParamValue> learned = new ArrayList<>();
        List<Map<String, Object>> faults = new ArrayList<>();
        int code = 0;
        String message = "";
        for (UspMsg.SetResp.UpdatedObjectResult o : resp.getUpdatedObjResultsList()) {
            UspMsg.SetResp.UpdatedObjectResult.OperationStatus st = o.getOperStatus();
            if (st.hasOperFailure()) {
                code = st.getOperFailure().getErrCode();
                message = st.getOperFailure().getErrMsg();
                for (UspMsg.SetResp.UpdatedInstanceFailure f : st.getOperFailure().getUpdatedInstFailuresList()) {
                    for (UspMsg.SetResp.ParameterError pe : f.getParamErrsList()) {
                        faults.add(Map.of("parameterName", f.getAffectedPath() + pe.getParam(), "faultCode",
                            pe.getErrCode(), "faultString", pe.getErrMsg()));
                    }
                }
                continue;
            }
            for (UspMsg.SetResp.UpdatedInstanceResult res : st.getOperSuccess().getUpdatedInstResultsList()) {
                res.getUpdatedParamsMap().forEach((name, value) -> {
                    if (!Secrets.isSecretName(res.getAffectedPath() + name)) {
                        learned.add(new ParamValue(res.getAffectedPath() + name, value, STRING));
                    }
                });
            }
        }
        if (code != 0) {
            return new TaskOutcome.Failed(code, message, UspErrors.retryable(code),
                faults.isEmpty() ? Map.of() : Map.of("parameterFaults", faults));
        }
        return new TaskOutcome.Done(Map.of("status", 0, "updated", learned.size()), learned, null);
    }

    private static TaskOutcome add(UspMsg.AddResp resp) {
        for (UspMsg.AddResp.CreatedObjectResult o : resp.getCreatedObjResultsList()) {
            var st = o.getOperStatus();
            if (st.hasOperFailure()) {
                return new TaskOutcome.Failed(st.getOperFailure().getErrCode(), st.getOperFailure().getErrMsg(),
                    UspErrors.retryable(st.getOperFailure().getErrCode()), Map.of());
            }
            String path = st.getOperSuccess().getInstantiatedPath();
            String trimmed = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
            String number = trimmed.substring(trimmed.lastIndexOf('.') + 1);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("instanceNumber", number.matches("\\d+") ? Long.parseLong(number) : 0L);
            result.put("status", 0);
            result.put("instantiatedPath", path);
            return TaskOutcome.Done.of(result);
        }
        return TaskOutcome.Failed.permanent(UspErrors.MESSAGE_FAILED, "AddResp without a result");
    }

    private static TaskOutcome delete(UspMsg.DeleteResp resp, String path) {
        for (UspMsg.DeleteResp.DeletedObjectResult o : resp.getDeletedObjResultsList()) {
            var st = o.getOperStatus();
            if (st.hasOperFailure()) {
                return new TaskOutcome.Failed(st.getOperFailure().getErrCode(), st.getOperFailure().getErrMsg(),
                    UspErrors.retryable(st.getOperFailure().getErrCode()), Map.of());
            }
        }
        return new TaskOutcome.Done(Map.of("status", 0), List.of(), path);
    }

    /**
     * A synchronous command answers with its output; an asynchronous one (firmware download,
     * diagnostics) with the Request object, and the task waits for OperationComplete. A diagnostics
     * request is done once the agent runs it, as SetParameterValues is in CWMP: the result comes as
     * "8 DIAGNOSTICS COMPLETE".
     */
    private static TaskOutcome operate(UspMsg.OperateResp resp, UspRequest.Kind kind) {
        for (UspMsg.OperateResp.OperationResult o : resp.getOperationResultsList()) {
            if (o.hasCmdFailure()) {
                int code = o.getCmdFailure().getErrCode();
                return new TaskOutcome.Failed(code, o.getCmdFailure().getErrMsg(), UspErrors.retryable(code), Map.of());
            }
            if (o.hasReqObjPath()) {
                Map<String, Object> r = Map.of("command", o.getExecutedCommand(), "request", o.getReqObjPath());
                return kind == UspRequest.Kind.DIAGNOSTICS ? TaskOutcome.Done.of(r) : new TaskOutcome.Accepted(r);
            }
            return TaskOutcome.Done.of(Map.of("command", o.getExecutedCommand(),
                "outputArgs", Map.copyOf(o.getReqOutputArgs().getOutputArgsMap())));
        }
        return TaskOutcome.Failed.permanent(UspErrors.MESSAGE_FAILED, "OperateResp without a result");
    }

    private static TaskOutcome supported(UspMsg.GetSupportedDMResp resp) {
        List<Map<String, Object>> names = new ArrayList<>();
        for (var req : resp.getReqObjResultsList()) {
            if (req.getErrCode() != 0) {
                return new TaskOutcome.Failed(req.getErrCode(), req.getErrMsg(), false, Map.of());
            }
            for (var obj : req.getSupportedObjsList()) {
                names.add(Map.of("name", obj.getSupportedObjPath(), "writable",
                    obj.getAccess() != UspMsg.GetSupportedDMResp.ObjAccessType.OBJ_READ_ONLY));
                for (var p : obj.getSupportedParamsList()) {
                    names.add(Map.of("name", obj.getSupportedObjPath() + p.getParamName(), "writable",
                        p.getAccess() != UspMsg.GetSupportedDMResp.ParamAccessType.PARAM_READ_ONLY));
                }
            }
        }
        return TaskOutcome.Done.of(Map.of("parameters", names));
    }
}

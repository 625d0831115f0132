package io.homeacs.sim.usp;

import io.homeacs.sim.cwmp.AcsRpc.SetValue;
import io.homeacs.sim.cwmp.CwmpFault;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterInfo;
import io.homeacs.sim.cwmp.CwmpTypes.ParameterValue;
import io.homeacs.sim.model.DataModel;
import io.homeacs.sim.model.ModelEditor;
import io.homeacs.sim.usp.proto.UspMsg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Get, Set, Add, Delete, GetSupportedDM and GetInstances against the simulator's data model (the
 * same classes the CWMP side uses), with TR-369's result shapes: values grouped by object,
 * allow_partial, per-object and per-parameter errors.
 */
final class DataModelRequests {
    private DataModelRequests() {
    }

    /** Thrown for a request that fails as a whole: answered with an Error message. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;
        final transient List<UspMsg.Error.ParamError> paramErrors;

        Refused(int code, String message, List<UspMsg.Error.ParamError> paramErrors) {
            super(message);
            this.code = code;
            this.paramErrors = paramErrors;
        }
    }

    static UspMsg.GetResp get(DataModel m, UspMsg.Get get) {
        UspMsg.GetResp.Builder resp = UspMsg.GetResp.newBuilder();
        for (String path : get.getParamPathsList()) {
            UspMsg.GetResp.RequestedPathResult.Builder r = UspMsg.GetResp.RequestedPathResult.newBuilder()
                    .setRequestedPath(path);
            try {
                Map<String, UspMsg.GetResp.ResolvedPathResult.Builder> byObject = new LinkedHashMap<>();
                for (ParameterValue v : m.getParameterValues(List.of(path))) {
                    int dot = v.name().lastIndexOf('.');
                    String obj = v.name().substring(0, dot + 1);
                    byObject.computeIfAbsent(obj, o -> UspMsg.GetResp.ResolvedPathResult.newBuilder().setResolvedPath(o))
                            .putResultParams(v.name().substring(dot + 1), v.value());
                }
                byObject.values().forEach(r::addResolvedPathResults);
            } catch (CwmpFault f) {
                r.setErrCode(UspFault.of(f)).setErrMsg(f.getMessage());
            }
            resp.addReqPathResults(r);
        }
        return resp.build();
    }

    static UspMsg.SetResp set(DataModel m, UspMsg.Set set) throws Refused {
        UspMsg.SetResp.Builder resp = UspMsg.SetResp.newBuilder();
        List<UspMsg.Error.ParamError> errors = new ArrayList<>();
        for (UspMsg.Set.UpdateObject u : set.getUpdateObjsList()) {
            List<SetValue> values = new ArrayList<>();
            for (UspMsg.Set.UpdateParamSetting p : u.getParamSettingsList()) {
                values.add(new SetValue(u.getObjPath() + p.getParam(), p.getValue(), null));
            }
            UspMsg.SetResp.UpdatedObjectResult.Builder r = UspMsg.SetResp.UpdatedObjectResult.newBuilder()
                    .setRequestedPath(u.getObjPath());
            try {
                ModelEditor.setParameterValues(m, values, "");
                UspMsg.SetResp.UpdatedInstanceResult.Builder ok = UspMsg.SetResp.UpdatedInstanceResult.newBuilder()
                        .setAffectedPath(u.getObjPath());
                for (SetValue v : values) {
                    ok.putUpdatedParams(v.name().substring(u.getObjPath().length()), v.value());
                }
                r.setOperStatus(UspMsg.SetResp.UpdatedObjectResult.OperationStatus.newBuilder().setOperSuccess(
                        UspMsg.SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess.newBuilder()
                                .addUpdatedInstResults(ok)));
            } catch (CwmpFault f) {
                UspMsg.SetResp.UpdatedInstanceFailure.Builder inst = UspMsg.SetResp.UpdatedInstanceFailure.newBuilder()
                        .setAffectedPath(u.getObjPath());
                for (CwmpFault.ParameterFault pf : f.parameterFaults()) {
                    String leaf = pf.name().startsWith(u.getObjPath()) ? pf.name().substring(u.getObjPath().length()) : pf.name();
                    inst.addParamErrs(UspMsg.SetResp.ParameterError.newBuilder().setParam(leaf)
                            .setErrCode(UspFault.of(pf.code())).setErrMsg(pf.message()));
                    errors.add(UspMsg.Error.ParamError.newBuilder().setParamPath(pf.name()).setErrCode(UspFault.of(pf.code()))
                            .setErrMsg(pf.message()).build());
                }
                if (f.parameterFaults().isEmpty()) {
                    errors.add(UspMsg.Error.ParamError.newBuilder().setParamPath(u.getObjPath()).setErrCode(UspFault.of(f))
                            .setErrMsg(f.getMessage()).build());
                }
                r.setOperStatus(UspMsg.SetResp.UpdatedObjectResult.OperationStatus.newBuilder().setOperFailure(
                        UspMsg.SetResp.UpdatedObjectResult.OperationStatus.OperationFailure.newBuilder()
                                .setErrCode(UspFault.of(f)).setErrMsg(f.getMessage()).addUpdatedInstFailures(inst)));
                if (!set.getAllowPartial()) {
                    throw new Refused(UspFault.INVALID_ARGUMENTS, "Set failed: " + f.getMessage(), errors);
                }
            }
            resp.addUpdatedObjResults(r);
        }
        return resp.build();
    }

    /** Creates each object with its settings; without allow_partial one failure undoes the whole Add. */
    static UspMsg.AddResp add(DataModel m, UspMsg.Add add, List<String> created) throws Refused {
        UspMsg.AddResp.Builder resp = UspMsg.AddResp.newBuilder();
        for (UspMsg.Add.CreateObject c : add.getCreateObjsList()) {
            var status = UspMsg.AddResp.CreatedObjectResult.OperationStatus.newBuilder();
            String inst = null;
            try {
                long n = ModelEditor.addObject(m, c.getObjPath(), "");
                inst = c.getObjPath() + n + ".";
                List<SetValue> values = new ArrayList<>();
                for (UspMsg.Add.CreateParamSetting p : c.getParamSettingsList()) {
                    values.add(new SetValue(inst + p.getParam(), p.getValue(), null));
                }
                if (!values.isEmpty()) {
                    ModelEditor.setParameterValues(m, values, "");
                }
                created.add(inst);
                status.setOperSuccess(UspMsg.AddResp.CreatedObjectResult.OperationStatus.OperationSuccess.newBuilder()
                        .setInstantiatedPath(inst));
            } catch (CwmpFault f) {
                if (inst != null) {
                    try {
                        ModelEditor.deleteObject(m, inst, "");
                    } catch (CwmpFault ignored) {
                        // The instance was just made; removing it cannot fail for a reason the ACS could act on.
                    }
                }
                int code = inst == null ? UspFault.NOT_CREATABLE : UspFault.OBJECT_NOT_CREATED;
                if (!add.getAllowPartial()) {
                    for (String done : created) {
                        try {
                            ModelEditor.deleteObject(m, done, "");
                        } catch (CwmpFault ignored) {
                            // as above
                        }
                    }
                    created.clear();
                    throw new Refused(code, "cannot create " + c.getObjPath() + ": " + f.getMessage(), List.of());
                }
                status.setOperFailure(UspMsg.AddResp.CreatedObjectResult.OperationStatus.OperationFailure.newBuilder()
                        .setErrCode(code).setErrMsg(f.getMessage()));
            }
            resp.addCreatedObjResults(UspMsg.AddResp.CreatedObjectResult.newBuilder().setRequestedPath(c.getObjPath())
                    .setOperStatus(status));
        }
        return resp.build();
    }

    static UspMsg.DeleteResp delete(DataModel m, UspMsg.Delete del) throws Refused {
        UspMsg.DeleteResp.Builder resp = UspMsg.DeleteResp.newBuilder();
        for (String path : del.getObjPathsList()) {
            var status = UspMsg.DeleteResp.DeletedObjectResult.OperationStatus.newBuilder();
            try {
                ModelEditor.deleteObject(m, path, "");
                status.setOperSuccess(UspMsg.DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess.newBuilder()
                        .addAffectedPaths(path));
            } catch (CwmpFault f) {
                if (!del.getAllowPartial()) {
                    throw new Refused(UspFault.DELETE_FAILURE, f.getMessage(), List.of());
                }
                status.setOperFailure(UspMsg.DeleteResp.DeletedObjectResult.OperationStatus.OperationFailure.newBuilder()
                        .setErrCode(UspFault.DELETE_FAILURE).setErrMsg(f.getMessage()));
            }
            resp.addDeletedObjResults(UspMsg.DeleteResp.DeletedObjectResult.newBuilder().setRequestedPath(path)
                    .setOperStatus(status));
        }
        return resp.build();
    }

    /** The supported data model: instance numbers become {i}, each object with its parameters. */
    static UspMsg.GetSupportedDMResp supported(DataModel m, UspMsg.GetSupportedDM req) {
        UspMsg.GetSupportedDMResp.Builder resp = UspMsg.GetSupportedDMResp.newBuilder();
        for (String path : req.getObjPathsList()) {
            var r = UspMsg.GetSupportedDMResp.RequestedObjectResult.newBuilder().setReqObjPath(path)
                    .setDataModelInstUri("urn:broadband-forum-org:tr-181-2-17-0-usp");
            try {
                Map<String, UspMsg.GetSupportedDMResp.SupportedObjectResult.Builder> objs = new LinkedHashMap<>();
                for (ParameterInfo i : m.getParameterNames(path.equals("Device.") ? "" : path, false)) {
                    String generic = i.name().replaceAll("\\.\\d+\\.", ".{i}.").replaceAll("\\.\\d+\\.", ".{i}.");
                    if (generic.endsWith(".")) {
                        objs.computeIfAbsent(generic, g -> UspMsg.GetSupportedDMResp.SupportedObjectResult.newBuilder()
                                .setSupportedObjPath(g).setIsMultiInstance(g.endsWith("{i}."))
                                .setAccess(i.writable() ? UspMsg.GetSupportedDMResp.ObjAccessType.OBJ_ADD_DELETE
                                        : UspMsg.GetSupportedDMResp.ObjAccessType.OBJ_READ_ONLY));
                        continue;
                    }
                    int dot = generic.lastIndexOf('.');
                    var obj = objs.computeIfAbsent(generic.substring(0, dot + 1), g ->
                            UspMsg.GetSupportedDMResp.SupportedObjectResult.newBuilder().setSupportedObjPath(g));
                    String name = generic.substring(dot + 1);
                    if (obj.getSupportedParamsList().stream().noneMatch(p -> p.getParamName().equals(name))
                            && (!req.getFirstLevelOnly() || obj.getSupportedObjPath().equals(path))) {
                        obj.addSupportedParams(UspMsg.GetSupportedDMResp.SupportedParamResult.newBuilder().setParamName(name)
                                .setAccess(i.writable() ? UspMsg.GetSupportedDMResp.ParamAccessType.PARAM_READ_WRITE
                                        : UspMsg.GetSupportedDMResp.ParamAccessType.PARAM_READ_ONLY));
                    }
                }
                objs.values().forEach(r::addSupportedObjs);
            } catch (CwmpFault f) {
                r.setErrCode(UspFault.INVALID_PATH).setErrMsg(f.getMessage());
            }
            resp.addReqObjResults(r);
        }
        return resp.build();
    }

    static UspMsg.GetInstancesResp instances(DataModel m, UspMsg.GetInstances req) {
        UspMsg.GetInstancesResp.Builder resp = UspMsg.GetInstancesResp.newBuilder();
        for (String path : req.getObjPathsList()) {
            var r = UspMsg.GetInstancesResp.RequestedPathResult.newBuilder().setRequestedPath(path);
            try {
                LinkedHashSet<String> found = new LinkedHashSet<>();
                for (ParameterInfo i : m.getParameterNames(path, false)) {
                    String n = i.name();
                    if (n.endsWith(".") && n.length() > path.length() && n.substring(0, n.length() - 1).matches(".*\\.\\d+")
                            && (!req.getFirstLevelOnly() || n.indexOf('.', path.length()) == n.length() - 1)) {
                        found.add(n);
                    }
                }
                for (String inst : found) {
                    var ci = UspMsg.GetInstancesResp.CurrInstance.newBuilder().setInstantiatedObjPath(inst);
                    m.value(inst + "Alias").ifPresent(a -> ci.putUniqueKeys("Alias", a));
                    r.addCurrInsts(ci);
                }
            } catch (CwmpFault f) {
                r.setErrCode(UspFault.INVALID_PATH).setErrMsg(f.getMessage());
            }
            resp.addReqPathResults(r);
        }
        return resp.build();
    }
}

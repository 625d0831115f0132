package io.homeacs.server.usp.controller;

import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.usp.codec.Messages;
import io.homeacs.server.usp.codec.Records;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A protocol-neutral task as a USP request. The msg_id is the task's key ("task-42"), and so is the
 * command_key of every Operate: answers, OperationComplete and the Boot! after a reboot name the
 * task even across a restart of the ACS.
 */
final class TaskTranslator {
    static final String FIRMWARE_FILE_TYPE = "1 Firmware Upgrade Image";
    private static final String DIAGNOSTICS_STATE = "DiagnosticsState";

    private TaskTranslator() {
    }

    /** The request, or empty with the reason when the task has no USP equivalent. */
    static Translation translate(Task task, java.util.function.Supplier<ParameterDocument> known) {
        String id = task.key();
        TaskSpec spec = task.spec();
        if (spec instanceof TaskSpec.GetParameterValues s) {
            return ok(new UspRequest(Messages.get(id, s.names().stream().map(TaskTranslator::root).toList()),
                UspRequest.Kind.GET_VALUES, null));
        }
        if (spec instanceof TaskSpec.Refresh s) {
            return ok(new UspRequest(Messages.get(id, List.of(root(s.path()))), UspRequest.Kind.REFRESH, null));
        }
        if (spec instanceof TaskSpec.SetParameterValues s) {
            return set(id, s.values());
        }
        if (spec instanceof TaskSpec.AddObject s) {
            return ok(new UspRequest(Messages.add(id, s.objectName(), Map.of(), false), UspRequest.Kind.ADD, s.objectName()));
        }
        if (spec instanceof TaskSpec.DeleteObject s) {
            return ok(new UspRequest(Messages.delete(id, List.of(s.objectName())), UspRequest.Kind.DELETE, s.objectName()));
        }
        if (spec instanceof TaskSpec.Reboot) {
            return ok(new UspRequest(Messages.operate(id, "Device.Reboot()", id, Map.of()), UspRequest.Kind.OPERATE, null));
        }
        if (spec instanceof TaskSpec.FactoryReset) {
            return ok(new UspRequest(Messages.operate(id, "Device.FactoryReset()", id, Map.of()), UspRequest.Kind.OPERATE,
                null));
        }
        if (spec instanceof TaskSpec.Download s) {
            return download(id, s, known.get());
        }
        if (spec instanceof TaskSpec.GetParameterNames s) {
            String path = s.path().isEmpty() ? "Device." : s.path();
            return ok(new UspRequest(Messages.getSupportedDm(id, path, s.nextLevel()), UspRequest.Kind.SUPPORTED_DM, path));
        }
        if (spec instanceof TaskSpec.GetRpcMethods) {
            return ok(new UspRequest(Messages.getSupportedProtocol(id, String.join(",", new TreeSet<>(Records.VERSIONS))),
                UspRequest.Kind.SUPPORTED_PROTOCOL, null));
        }
        return new Translation(null, spec.type().apiName() + " has no USP equivalent");
    }

    private static String root(String path) {
        return path == null || path.isEmpty() ? "Device." : path;
    }

    /**
     * One Set with every value in its object. A diagnostics request (TR-181's CWMP pattern: the
     * object's settings, then DiagnosticsState=Requested) is the object's USP command instead,
     * e.g. Device.IP.Diagnostics.IPPing() with the settings as input arguments.
     */
    private static Translation set(String id, List<ParamValue> values) {
        for (ParamValue v : values) {
            if (v.name().endsWith("." + DIAGNOSTICS_STATE) && v.value().equals("Requested")) {
                String object = v.name().substring(0, v.name().length() - DIAGNOSTICS_STATE.length());
                Map<String, String> input = new LinkedHashMap<>();
                for (ParamValue p : values) {
                    if (p != v && p.name().startsWith(object) && p.name().indexOf('.', object.length()) < 0) {
                        input.put(p.name().substring(object.length()), p.value());
                    }
                }
                String command = object.substring(0, object.length() - 1) + "()";
                return ok(new UspRequest(Messages.operate(id, command, id, input), UspRequest.Kind.DIAGNOSTICS, object));
            }
        }
        Map<String, Map<String, String>> byObject = new LinkedHashMap<>();
        for (ParamValue v : values) {
            int dot = v.name().lastIndexOf('.');
            if (dot <= 0 || dot == v.name().length() - 1) {
                return new Translation(null, "not a parameter path: " + v.name());
            }
            byObject.computeIfAbsent(v.name().substring(0, dot + 1), k -> new LinkedHashMap<>())
                .put(v.name().substring(dot + 1), v.value());
        }
        return ok(new UspRequest(Messages.set(id, byObject, false), UspRequest.Kind.SET, null));
    }

    /**
     * A firmware image goes to the image slot that is not running (TR-181 FirmwareImage.{i}.Download()),
     * activated by the agent when complete (AutoActivate): OperationComplete finishes the task.
     */
    private static Translation download(String id, TaskSpec.Download s, ParameterDocument known) {
        if (!FIRMWARE_FILE_TYPE.equals(s.fileType())) {
            return new Translation(null, "download of file type '" + s.fileType() + "' has no USP equivalent");
        }
        Optional<String> slot = inactiveImage(known);
        if (slot.isEmpty()) {
            return new Translation(null, "the device's Device.DeviceInfo.FirmwareImage table is not known yet (refresh it)");
        }
        Map<String, String> in = new LinkedHashMap<>();
        in.put("URL", s.url());
        in.put("AutoActivate", "true");
        if (s.username() != null && !s.username().isEmpty()) {
            in.put("Username", s.username());
            in.put("Password", s.password() == null ? "" : s.password());
        }
        if (s.fileSize() > 0) {
            in.put("FileSize", Long.toString(s.fileSize()));
        }
        String command = slot.get() + "Download()";
        return ok(new UspRequest(Messages.operate(id, command, id, in), UspRequest.Kind.FIRMWARE, slot.get()));
    }

    static Optional<String> inactiveImage(ParameterDocument known) {
        String prefix = "Device.DeviceInfo.FirmwareImage.";
        ParameterDocument.Entry active = known.get("Device.DeviceInfo.ActiveFirmwareImage");
        String activePath = active == null ? "" : active.value();
        if (!activePath.endsWith(".")) {
            activePath = activePath + ".";
        }
        TreeSet<String> slots = new TreeSet<>();
        for (String name : known.subtree(prefix).keySet()) {
            int dot = name.indexOf('.', prefix.length());
            if (dot > 0) {
                slots.add(name.substring(0, dot + 1));
            }
        }
        for (String slot : slots) {
            if (!slot.equals(activePath)) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }

    private static Translation ok(UspRequest r) {
        return new Translation(r, null);
    }

    /** Either a request or why there is none. */
    record Translation(UspRequest request, String refusal) {
    }
}

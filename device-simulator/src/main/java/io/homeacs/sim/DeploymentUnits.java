package io.homeacs.sim;

import io.homeacs.sim.cwmp.AcsRpc.DuOperation;
import io.homeacs.sim.cwmp.CpeMessages;
import io.homeacs.sim.cwmp.CwmpFault;
import io.homeacs.sim.cwmp.CwmpTypes.EventStruct;
import io.homeacs.sim.cwmp.CwmpTypes.OpResult;
import io.homeacs.sim.model.DataModel;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * ChangeDUState execution against Device.SoftwareModules.DeploymentUnit.{i}. Operations run after the
 * session in request order; their outcome is reported with DUStateChangeComplete.
 */
final class DeploymentUnits {
    static final String DU_TABLE = "Device.SoftwareModules.DeploymentUnit.";
    static final String EXEC_ENV = "Device.SoftwareModules.ExecEnv.1";
    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final VirtualDevice device;
    private final FileTransferClient client;

    DeploymentUnits(VirtualDevice device, SimRuntime rt) {
        this.device = device;
        this.client = new FileTransferClient(rt.transferClient);
    }

    /** Runs the operations one after another, then queues DUStateChangeComplete and asks for a session. */
    void apply(List<DuOperation> ops, String commandKey) {
        List<OpResult> results = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (DuOperation op : ops) {
            chain = chain.thenCompose(v -> perform(op)).thenAccept(results::add);
        }
        chain.whenComplete((v, e) -> {
            String body = CpeMessages.duStateChangeComplete(results, commandKey);
            device.addRequest(new EventBook.PendingRequest("DUStateChangeComplete", body,
                    List.of(EventStruct.of(EventBook.DU_STATE_CHANGE_COMPLETE), new EventStruct("M ChangeDUState", commandKey))));
            device.requestSession(true);
        });
    }

    private CompletableFuture<OpResult> perform(DuOperation op) {
        String start = Transfers.now();
        if (!op.uuid().isEmpty() && !UUID_FORMAT.matcher(op.uuid()).matches()) {
            return done(fail(op, start, CwmpFault.INVALID_UUID, "Invalid UUID format"));
        }
        return switch (op.kind()) {
            case "Install" -> install(op, start);
            case "Update" -> update(op, start);
            default -> done(uninstall(op, start));
        };
    }

    private CompletableFuture<OpResult> install(DuOperation op, String start) {
        if (!op.executionEnvRef().isEmpty() && !op.executionEnvRef().replaceAll("\\.$", "").equals(EXEC_ENV)) {
            return done(fail(op, start, CwmpFault.UNKNOWN_EXECUTION_ENV, "Unknown Execution Environment"));
        }
        if (!op.uuid().isEmpty() && find(op.uuid()) != null) {
            return done(fail(op, start, CwmpFault.DUPLICATE_DEPLOYMENT_UNIT, "Duplicate Deployment Unit"));
        }
        return fetch(op, start).thenApply(r -> {
            if (r.fault() != null) {
                return r.fault();
            }
            String uuid = op.uuid().isEmpty()
                    ? UUID.nameUUIDFromBytes(op.url().getBytes(StandardCharsets.UTF_8)).toString() : op.uuid();
            if (find(uuid) != null) {
                return fail(op, start, CwmpFault.DUPLICATE_DEPLOYMENT_UNIT, "Duplicate Deployment Unit");
            }
            DataModel m = device.model();
            String inst = m.addInstance(DU_TABLE, m.nextInstance(DU_TABLE));
            String version = r.version() != null ? r.version() : "1.0";
            String name = op.url().substring(op.url().lastIndexOf('/') + 1);
            m.setInternal(inst + "UUID", uuid);
            m.setInternal(inst + "Name", name.isEmpty() ? "du" : name);
            m.setInternal(inst + "URL", op.url());
            m.setInternal(inst + "Vendor", device.manufacturer());
            m.setInternal(inst + "Version", version);
            m.setInternal(inst + "Status", "Installed");
            return ok(uuid, ref(inst), version, "Installed", start);
        });
    }

    private CompletableFuture<OpResult> update(DuOperation op, String start) {
        String inst = op.uuid().isEmpty() ? null : find(op.uuid());
        if (inst == null) {
            return done(fail(op, start, CwmpFault.UNKNOWN_DEPLOYMENT_UNIT, "Unknown Deployment Unit"));
        }
        DataModel m = device.model();
        String url = op.url().isEmpty() ? m.value(inst + "URL").orElse("") : op.url();
        DuOperation withUrl = new DuOperation(op.kind(), url, op.uuid(), op.username(), op.password(), op.version(),
                op.executionEnvRef());
        return fetch(withUrl, start).thenApply(r -> {
            if (r.fault() != null) {
                return r.fault();
            }
            String version = !op.version().isEmpty() ? op.version() : r.version() != null ? r.version() : "1.1";
            m.setInternal(inst + "Version", version);
            m.setInternal(inst + "URL", url);
            return ok(op.uuid(), ref(inst), version, "Installed", start);
        });
    }

    private OpResult uninstall(DuOperation op, String start) {
        String inst = find(op.uuid());
        if (inst == null) {
            return fail(op, start, CwmpFault.UNKNOWN_DEPLOYMENT_UNIT, "Unknown Deployment Unit");
        }
        DataModel m = device.model();
        String version = m.value(inst + "Version").orElse("");
        if (!op.version().isEmpty() && !op.version().equals(version)) {
            return fail(op, start, CwmpFault.UNKNOWN_DEPLOYMENT_UNIT, "No such version installed");
        }
        m.removeInstance(inst);
        return ok(op.uuid(), "", version, "Uninstalled", start);
    }

    private record Fetched(String version, OpResult fault) {
    }

    private CompletableFuture<Fetched> fetch(DuOperation op, String start) {
        URI uri;
        try {
            uri = Transfers.checkUrl(op.url());
        } catch (CwmpFault f) {
            return CompletableFuture.completedFuture(new Fetched(null, fail(op, start, f.code(), f.getMessage())));
        }
        return client.send("GET", uri, new byte[0], op.username(), op.password()).handle((r, e) -> {
            if (e != null) {
                boolean refused = e instanceof ConnectException || e.getCause() instanceof ConnectException;
                return new Fetched(null, fail(op, start, refused ? 9015 : 9017, "Download failed: " + e.getMessage()));
            }
            if (r.statusCode() != 200) {
                int code = r.statusCode() == 401 ? 9012 : r.statusCode() == 404 ? 9016 : 9017;
                return new Fetched(null, fail(op, start, code, "Download failed: HTTP " + r.statusCode()));
            }
            return new Fetched(versionOf(r), null);
        });
    }

    private static String versionOf(HttpResponse<byte[]> r) {
        return Transfers.firmwareVersion(r.body());
    }

    private String find(String uuid) {
        DataModel m = device.model();
        for (String inst : m.instances(DU_TABLE)) {
            if (m.value(inst + "UUID").orElse("").equalsIgnoreCase(uuid)) {
                return inst;
            }
        }
        return null;
    }

    private static String ref(String instancePath) {
        return instancePath.substring(0, instancePath.length() - 1);
    }

    private static OpResult ok(String uuid, String ref, String version, String state, String start) {
        return new OpResult(uuid, ref, version, state, true, "", start, Transfers.now(), 0, "");
    }

    /** A failed operation leaves an existing unit installed; a unit that never existed is Failed/Uninstalled. */
    private OpResult fail(DuOperation op, String start, int code, String message) {
        String inst = op.uuid().isEmpty() ? null : find(op.uuid());
        String state = inst != null ? "Installed" : op.kind().equals("Install") ? "Failed" : "Uninstalled";
        return new OpResult(op.uuid(), inst == null ? "" : ref(inst), op.version(), state, false, "", start,
                Transfers.now(), code, message);
    }

    private static CompletableFuture<OpResult> done(OpResult r) {
        return CompletableFuture.completedFuture(r);
    }
}

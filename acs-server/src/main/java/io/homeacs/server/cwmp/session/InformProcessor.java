package io.homeacs.server.cwmp.session;

import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.cwmp.auth.CpePrincipal;
import io.homeacs.server.cwmp.soap.EventStruct;
import io.homeacs.server.cwmp.soap.Inform;
import io.homeacs.server.cwmp.soap.ParameterValue;
import io.homeacs.server.device.Device;
import io.homeacs.server.device.DeviceEvent;
import io.homeacs.server.device.DeviceIdentity;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.InformFacts;
import io.homeacs.server.device.ParamValue;
import io.homeacs.server.security.DeviceCredentials;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOrigin;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskState;
import io.homeacs.server.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an Inform means for the domain: is the caller allowed to speak for this device, what
 * changed in the registry, which earlier tasks the device's events and ParameterKey prove
 * complete, and what a device on its first contact needs.
 */
final class InformProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(InformProcessor.class);

    private final DeviceRegistry registry;
    private final TaskQueue tasks;
    private final DeviceCredentials credentials;
    private final AcsConfig.Cpe config;

    /** Either the device as registered now, or why the Inform is refused. */
    record Result(Device device, String refusal) {
    }

    InformProcessor(DeviceRegistry registry, TaskQueue tasks, DeviceCredentials credentials, AcsConfig.Cpe config) {
        this.registry = registry;
        this.tasks = tasks;
        this.credentials = credentials;
        this.config = config;
    }

    Object lockFor(String deviceKey) {
        return registry.lockFor(deviceKey);
    }

    Result process(CpePrincipal principal, Inform inform, String protocolVersion, String remoteIp, Instant now) {
        DeviceIdentity identity = new DeviceIdentity(inform.deviceId().oui(), inform.deviceId().productClass(),
            inform.deviceId().serialNumber());
        if (!identity.valid()) {
            return new Result(null, "DeviceId lacks OUI or SerialNumber");
        }
        List<DeviceEvent> events = new ArrayList<>(inform.events().size());
        for (EventStruct e : inform.events()) {
            events.add(new DeviceEvent(e.eventCode(), e.commandKey()));
        }
        List<ParamValue> params = new ArrayList<>(inform.parameters().size());
        for (ParameterValue p : inform.parameters()) {
            params.add(new ParamValue(p.name(), p.value(), p.type()));
        }
        InformFacts facts = new InformFacts(identity, inform.deviceId().manufacturer(), events, params, remoteIp,
            "CWMP", protocolVersion);
        String refusal = refusal(principal, facts, now);
        if (refusal != null) {
            return new Result(null, refusal);
        }
        DeviceRegistry.CheckIn checkIn = registry.checkIn(facts, now);
        Device device = checkIn.device();
        if (principal.pendingCredentials()) {
            credentials.activate(device.id(), now);
            LOG.info("device {} logged in with its newly provisioned credentials; they are now the only valid ones",
                device.key());
        }
        settleEarlierTasks(device, facts, now);
        if (checkIn.firstContact() || facts.has(DeviceEvent.BOOTSTRAP)) {
            onboard(device, principal, now);
        }
        registry.checkedIn(checkIn, facts, now);
        return new Result(device, null);
    }

    /**
     * A provisioned device presenting the shared bootstrap login again: legitimate after a factory
     * reset, but also exactly what an impersonator with the bootstrap password and a serial would do.
     */
    private String rebootstrapRefusal(Device device, InformFacts facts, Instant now) {
        String key = facts.identity().key();
        if (!facts.has(DeviceEvent.BOOTSTRAP)) {
            return "device " + key + " has its own credentials; bootstrap credentials are accepted only with a 0 BOOTSTRAP event";
        }
        if (config.rebootstrap() == AcsConfig.Rebootstrap.ANY
            || tasks.sentSince(device.id(), TaskType.FACTORY_RESET, now.minus(Duration.ofHours(24)))
            || credentials.rebootstrapAllowed(device.id(), now)) {
            LOG.warn("device {} re-bootstrapped with the shared credentials; it gets new ones", key);
            return null;
        }
        registry.rebootstrapRefused(device, facts, now);
        return "device " + key + " re-bootstrapped without authorisation (no factory reset sent by the ACS); "
            + "an operator can allow it: POST /api/v1/devices/" + device.id() + "/allow-rebootstrap";
    }

    private String refusal(CpePrincipal principal, InformFacts facts, Instant now) {
        Optional<Device> known = registry.findByKey(facts.identity().key());
        switch (principal.kind()) {
            case DEVICE:
                return known.isPresent() && known.get().id() == principal.deviceId() ? null
                    : "credentials of device " + principal.deviceId() + " used for " + facts.identity().key();
            case BOOTSTRAP:
            case ANONYMOUS:
                if (known.isEmpty()) {
                    return config.allowUnknown() ? null : "unknown device " + facts.identity().key() + " (cpe.allow-unknown=false)";
                }
                if (principal.kind() == CpePrincipal.Kind.BOOTSTRAP && credentials.hasActiveCredentials(known.get().id())) {
                    return rebootstrapRefusal(known.get(), facts, now);
                }
                return null;
            default:
                return "unknown principal";
        }
    }

    /**
     * Tasks sent in an earlier session that never got an answer: the device's events and its
     * ParameterKey tell whether it applied them; only the unconfirmed ones are sent again.
     */
    private void settleEarlierTasks(Device device, InformFacts facts, Instant now) {
        if (!tasks.mayHaveWork(device.id())) {
            return;
        }
        for (TaskState state : List.of(TaskState.SENT, TaskState.ACCEPTED)) {
            for (Task t : tasks.inState(device.id(), state)) {
                if (confirmedByEvent(t, facts)) {
                    tasks.finish(t, TaskOutcome.Done.of(Map.of("confirmedBy", "inform event")), now);
                } else if (state == TaskState.SENT && transferAnnounced(t, facts)) {
                    tasks.finish(t, new TaskOutcome.Accepted(Map.of("confirmedBy", "inform event")), now);
                } else if (state == TaskState.SENT && t.key().equals(device.parameterKey())) {
                    tasks.finish(t, TaskOutcome.Done.of(Map.of("confirmedBy", "ParameterKey")), now);
                } else if (state == TaskState.SENT) {
                    tasks.returnToQueue(t, "the session ended before the device answered", now);
                }
            }
        }
    }

    private static boolean confirmedByEvent(Task t, InformFacts facts) {
        for (DeviceEvent e : facts.events()) {
            boolean keyMatches = t.key().equals(e.commandKey());
            switch (e.code()) {
                case "M Reboot":
                    if (keyMatches && t.type() == TaskType.REBOOT) {
                        return true;
                    }
                    break;
                case "M ScheduleInform":
                    if (keyMatches && t.type() == TaskType.SCHEDULE_INFORM) {
                        return true;
                    }
                    break;
                case DeviceEvent.BOOTSTRAP:
                    if (t.type() == TaskType.FACTORY_RESET) {
                        return true;
                    }
                    break;
                default:
                    break;
            }
        }
        return false;
    }

    /** "M Download" and friends: the device ran the transfer, its TransferComplete follows in this session. */
    private static boolean transferAnnounced(Task t, InformFacts facts) {
        for (DeviceEvent e : facts.events()) {
            if (t.key().equals(e.commandKey()) && switch (e.code()) {
                case "M Download" -> t.type() == TaskType.DOWNLOAD;
                case "M Upload" -> t.type() == TaskType.UPLOAD;
                case "M ScheduleDownload" -> t.type() == TaskType.SCHEDULE_DOWNLOAD;
                case "M ChangeDUState" -> t.type() == TaskType.CHANGE_DU_STATE;
                default -> false;
            }) {
                return true;
            }
        }
        return false;
    }

    private void onboard(Device device, CpePrincipal principal, Instant now) {
        List<Task> queued = tasks.inState(device.id(), TaskState.QUEUED);
        boolean credentialsQueued = queued.stream().anyMatch(t -> t.type() == TaskType.PROVISION_CREDENTIALS);
        boolean refreshQueued = queued.stream().anyMatch(t -> t.type() == TaskType.REFRESH);
        if (config.provisionCredentials() && principal.kind() != CpePrincipal.Kind.DEVICE && !credentialsQueued) {
            credentials.prepare(device.id(), device.key(), now);
            tasks.enqueue(device.id(), new TaskSpec.ProvisionCredentials(), TaskOrigin.SYSTEM, null, now);
        }
        if (!refreshQueued) {
            tasks.enqueue(device.id(), new TaskSpec.Refresh(""), TaskOrigin.SYSTEM, null, now);
        }
        LOG.info("device {} onboarded ({}): credentials {}, full refresh queued", device.key(),
            device.dataModel().root(), config.provisionCredentials() ? "being provisioned" : "unchanged");
    }
}

package io.homeacs.server.cwmp.session;

import io.homeacs.server.cwmp.rpc.OutcomeMapper;
import io.homeacs.server.cwmp.rpc.RpcMapper;
import io.homeacs.server.cwmp.soap.AcsGetRpcMethodsResponse;
import io.homeacs.server.cwmp.soap.AcsMessage;
import io.homeacs.server.cwmp.soap.AutonomousDuStateChangeComplete;
import io.homeacs.server.cwmp.soap.AutonomousDuStateChangeCompleteResponse;
import io.homeacs.server.cwmp.soap.AutonomousTransferComplete;
import io.homeacs.server.cwmp.soap.AutonomousTransferCompleteResponse;
import io.homeacs.server.cwmp.soap.CpeGetRpcMethods;
import io.homeacs.server.cwmp.soap.CpeMessage;
import io.homeacs.server.cwmp.soap.CpeRequest;
import io.homeacs.server.cwmp.soap.CwmpFault;
import io.homeacs.server.cwmp.soap.DuStateChangeComplete;
import io.homeacs.server.cwmp.soap.DuStateChangeCompleteResponse;
import io.homeacs.server.cwmp.soap.RequestDownload;
import io.homeacs.server.cwmp.soap.RequestDownloadResponse;
import io.homeacs.server.cwmp.soap.RpcRequest;
import io.homeacs.server.cwmp.soap.TransferComplete;
import io.homeacs.server.cwmp.soap.TransferCompleteResponse;
import io.homeacs.server.device.DeviceEvent;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.task.Task;
import io.homeacs.server.task.TaskOutcome;
import io.homeacs.server.task.TaskQueue;
import io.homeacs.server.task.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves an open session forward: answers the CPE's own requests, records the outcome of each
 * RPC before answering, and picks the next task to send — or ends the session.
 */
final class SessionDriver {
    private static final Logger LOG = LoggerFactory.getLogger(SessionDriver.class);
    static final List<String> ACS_METHODS = List.of("Inform", "GetRPCMethods", "TransferComplete",
        "AutonomousTransferComplete", "RequestDownload", "DUStateChangeComplete", "AutonomousDUStateChangeComplete");

    private final TaskQueue tasks;
    private final DeviceRegistry registry;
    private final RpcMapper rpcs;
    private final AcsMetrics metrics;

    /** What to send next: an envelope body (with its cwmp:ID) or nothing, which ends the session. */
    record Step(AcsMessage message, String id) {
        static final Step END = new Step(null, null);
    }

    SessionDriver(TaskQueue tasks, DeviceRegistry registry, RpcMapper rpcs, AcsMetrics metrics) {
        this.tasks = tasks;
        this.registry = registry;
        this.rpcs = rpcs;
        this.metrics = metrics;
    }

    /** A request the CPE makes of the ACS inside its session; always answered with its response. */
    AcsMessage answer(CwmpSession s, CpeRequest request, Instant now) {
        if (request instanceof TransferComplete tc) {
            completeByKey(s, tc.commandKey(), t -> OutcomeMapper.fromTransferComplete(tc.fault(), tc.startTime(),
                tc.completeTime()), now);
            record(s, "TransferComplete", tc.commandKey(), now);
            return new TransferCompleteResponse();
        }
        if (request instanceof AutonomousTransferComplete atc) {
            record(s, "AutonomousTransferComplete", atc.fileType(), now);
            return new AutonomousTransferCompleteResponse();
        }
        if (request instanceof DuStateChangeComplete du) {
            completeByKey(s, du.commandKey(), t -> OutcomeMapper.fromDuResults(du.results()), now);
            record(s, "DUStateChangeComplete", du.commandKey(), now);
            return new DuStateChangeCompleteResponse();
        }
        if (request instanceof AutonomousDuStateChangeComplete) {
            record(s, "AutonomousDUStateChangeComplete", "", now);
            return new AutonomousDuStateChangeCompleteResponse();
        }
        if (request instanceof RequestDownload rd) {
            record(s, "RequestDownload", rd.fileType(), now);
            return new RequestDownloadResponse();
        }
        if (request instanceof CpeGetRpcMethods) {
            return new AcsGetRpcMethodsResponse(ACS_METHODS);
        }
        return CwmpFault.of(CwmpFault.INVALID_ARGUMENTS, request.methodName() + " is only valid as the first message");
    }

    /** The CPE answered the outstanding RPC (or faulted it); the outcome is durable before we go on. */
    Step onResponse(CwmpSession s, CpeMessage response, Instant now) {
        if (s.state != SessionState.AWAITING_RESPONSE || s.outstandingTask == null) {
            LOG.warn("device {} sent {} but no RPC was outstanding; ignored", s.device.key(), response.methodName());
            metrics.badRequest("unexpected-response");
            return next(s, now);
        }
        Task task = s.outstandingTask;
        RpcRequest sent = s.outstandingRpc;
        TaskOutcome outcome = OutcomeMapper.fromResponse(task.type(), sent, response);
        if (response instanceof CwmpFault f) {
            metrics.cpeFault(f.faultCode());
            LOG.info("device {} faulted {} for task {}: {} {}", s.device.key(), sent.methodName(), task.id(),
                f.faultCode(), f.faultString());
        }
        metrics.rpc(sent.methodName(), outcomeName(outcome));
        tasks.finish(sentState(task), outcome, now);
        s.clearOutstanding();
        s.state = SessionState.ACS_TALKING;
        return next(s, now);
    }

    /** The CPE has nothing more to say (empty POST). */
    Step onEmptyPost(CwmpSession s, Instant now) {
        if (s.state == SessionState.AWAITING_RESPONSE && s.outstandingTask != null) {
            LOG.warn("device {} sent an empty POST instead of answering {}", s.device.key(), s.outstandingRpc.methodName());
            tasks.returnToQueue(sentState(s.outstandingTask), "device did not answer the RPC", now);
            s.clearOutstanding();
        }
        s.state = SessionState.ACS_TALKING;
        return next(s, now);
    }

    private Step next(CwmpSession s, Instant now) {
        if (s.state == SessionState.CPE_TALKING || s.state == SessionState.ENDED) {
            return Step.END;
        }
        while (true) {
            Optional<Task> candidate = tasks.nextToSend(s.deviceId(), now);
            if (candidate.isEmpty()) {
                return Step.END;
            }
            Task task = candidate.get();
            if (!tasks.markSent(task, now)) {
                continue;
            }
            Optional<RpcRequest> rpc = rpcs.toRpc(task, s.device);
            if (rpc.isEmpty()) {
                tasks.finish(sentState(task), TaskOutcome.Failed.permanent(0, "cannot build the RPC (secrets missing)"), now);
                continue;
            }
            s.outstandingTask = sentState(task);
            s.outstandingRpc = rpc.get();
            s.state = SessionState.AWAITING_RESPONSE;
            s.rpcsSent++;
            return new Step(rpc.get(), task.key() + "." + (task.attempts() + 1));
        }
    }

    /** The in-memory copy of a task reflecting that it has been sent. */
    private static Task sentState(Task t) {
        if (t.state() == TaskState.SENT) {
            return t;
        }
        return new Task(t.id(), t.deviceId(), t.spec(), t.origin(), TaskState.SENT, t.createdAt(), t.updatedAt(),
            t.nextAttemptAt(), t.expiresAt(), t.attempts() + 1, t.maxAttempts(), t.faultCode(), t.faultString(), t.result());
    }

    /** Finds the task a CommandKey names ("task-42") among this device's accepted or sent tasks. */
    private void completeByKey(CwmpSession s, String commandKey, Function<Task, TaskOutcome> outcome, Instant now) {
        for (TaskState state : List.of(TaskState.ACCEPTED, TaskState.SENT)) {
            for (Task t : tasks.inState(s.deviceId(), state)) {
                if (t.key().equals(commandKey)) {
                    TaskOutcome o = outcome.apply(t);
                    metrics.rpc(t.type().apiName() + "-completion", outcomeName(o));
                    tasks.finish(t, o, now);
                    return;
                }
            }
        }
        LOG.info("device {} reported completion for CommandKey '{}' that matches no open task", s.device.key(), commandKey);
    }

    /**
     * Ends a session that will not continue. Its unanswered RPC stays "sent": the device may have
     * applied it, and only its next Inform (ParameterKey, "M" events) can tell; that Inform settles it.
     */
    void abandon(CwmpSession s, String reason) {
        if (s.outstandingTask != null) {
            LOG.info("session of {} ended with {} unanswered ({}); settled at its next Inform", s.device.key(),
                s.outstandingRpc.methodName(), reason);
            s.clearOutstanding();
        }
        s.state = SessionState.ENDED;
    }

    private void record(CwmpSession s, String code, String detail, Instant now) {
        registry.recordEvents(s.deviceId(), List.of(new DeviceEvent(code, detail)), now);
    }

    private static String outcomeName(TaskOutcome o) {
        if (o instanceof TaskOutcome.Done) {
            return "done";
        }
        return o instanceof TaskOutcome.Accepted ? "accepted" : "fault";
    }
}

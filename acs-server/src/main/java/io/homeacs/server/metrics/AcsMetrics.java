package io.homeacs.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The server's metrics behind a narrow interface, so protocol code records facts ("a session
 * ended") without knowing meter names; exposed in Prometheus format on the API port.
 */
public final class AcsMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    public MeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }

    public void sessionStarted(String protocol) {
        counter("acs.sessions.started", "protocol", protocol).increment();
    }

    public void sessionEnded(String protocol, String outcome, Duration duration) {
        timers.computeIfAbsent(protocol + "|" + outcome, k -> Timer.builder("acs.session.duration")
            .description("CWMP session length from Inform to end").tag("protocol", protocol).tag("outcome", outcome)
            .publishPercentileHistogram().register(registry)).record(duration);
    }

    public void informEvent(String eventCode) {
        counter("acs.cwmp.inform.events", "event", eventCode).increment();
    }

    public void rpc(String method, String outcome) {
        counter("acs.cwmp.rpcs", "method", method, "outcome", outcome).increment();
    }

    public void cpeFault(int code) {
        counter("acs.cwmp.cpe.faults", "code", Integer.toString(code)).increment();
    }

    public void acsFault(int code) {
        counter("acs.cwmp.acs.faults", "code", Integer.toString(code)).increment();
    }

    public void badRequest(String reason) {
        counter("acs.cwmp.bad.requests", "reason", reason).increment();
    }

    public void authFailure() {
        counter("acs.cwmp.auth.failures").increment();
    }

    public void overloadRejected() {
        counter("acs.cwmp.overload.rejected").increment();
    }

    public void connectionRequest(String transport, String outcome) {
        counter("acs.connection.requests", "transport", transport, "outcome", outcome).increment();
    }

    public void taskFinished(String type, String state) {
        counter("acs.tasks.finished", "type", type, "state", state).increment();
    }

    /** A profile lost a parameter to a higher-priority one on some device (counted once per new conflict). */
    public void profileConflict() {
        counter("acs.profile.conflicts").increment();
    }

    /** A profile evaluation ended: converged, waiting (for a trigger event) or failed. */
    public void profileEvaluation(String outcome) {
        counter("acs.profile.evaluations", "outcome", outcome).increment();
    }

    /** The profile engine queued a task of this type to converge a device. */
    public void profileTaskQueued(String type) {
        counter("acs.profile.tasks.queued", "type", type).increment();
    }

    /**
     * Something happened on a USP MTP binding: a record received or sent, one refused (too large, bad
     * headers, wrong content format), a send that failed, a broker connection lost or regained.
     */
    public void uspMtp(String mtp, String event) {
        counter("acs.usp.mtp.events", "mtp", mtp, "event", event).increment();
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join("|", tags);
        Counter c = counters.get(key);
        if (c == null) {
            c = counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
        }
        return c;
    }
}

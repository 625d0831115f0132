package io.homeacs.server.firmware.files;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** What the file server reports: bytes served, downloads active, finished (completed or aborted), refusals. */
final class FileServerMetrics {
    private final MeterRegistry registry;
    private final Counter bytes;
    private final Counter completed;
    private final Counter aborted;

    FileServerMetrics(MeterRegistry registry, AtomicInteger active) {
        this.registry = registry;
        this.bytes = Counter.builder("acs.firmware.bytes.served").description("Bytes of firmware images sent to devices")
            .baseUnit("bytes").register(registry);
        this.completed = Counter.builder("acs.firmware.downloads").tag("outcome", "completed")
            .description("Firmware downloads finished").register(registry);
        this.aborted = Counter.builder("acs.firmware.downloads").tag("outcome", "aborted")
            .description("Firmware downloads finished").register(registry);
        Gauge.builder("acs.firmware.downloads.active", (Supplier<Number>) active::get)
            .description("Firmware downloads in progress").register(registry);
    }

    void finished(boolean complete, long sent) {
        bytes.increment(sent);
        (complete ? completed : aborted).increment();
    }

    /** reason: busy, forbidden, expired, gone, not-found, unsatisfiable, method. */
    void refused(String reason) {
        registry.counter("acs.firmware.requests.refused", "reason", reason).increment();
    }
}

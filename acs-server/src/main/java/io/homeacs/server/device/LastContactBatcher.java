package io.homeacs.server.device;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces "device X was seen at T" so that a periodic Inform that changes nothing costs no
 * transaction of its own: the latest time per device is kept in memory and written in one batch.
 * Losing the last second of contact times on a crash is acceptable; the next Inform repeats them.
 */
final class LastContactBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(LastContactBatcher.class);

    private final DeviceRepository repository;
    private final ConcurrentHashMap<Long, Instant> pending = new ConcurrentHashMap<>();

    LastContactBatcher(DeviceRepository repository) {
        this.repository = repository;
    }

    void touch(long deviceId, Instant at) {
        pending.merge(deviceId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<Long, Instant> batch = new HashMap<>();
        for (Long id : pending.keySet()) {
            Instant at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        try {
            repository.touchAll(batch);
        } catch (RuntimeException e) {
            LOG.warn("last-contact flush of {} devices failed, will retry: {}", batch.size(), e.getMessage());
            batch.forEach(this::touch);
        }
    }
}

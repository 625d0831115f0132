package io.homeacs.server.device;

import java.time.Instant;

/** An event from a device's history. */
public record StoredEvent(Instant at, String code, String commandKey) {
}

package io.homeacs.server.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A device's stored equipment row. leaseStart and installedAt are the operator's corrections and
 * apply only while datesAssignmentId is the current holding; serialNumber and hardwareVersion are
 * the baseline the device's reports are compared with.
 */
public record EquipmentRecord(long deviceId, Ownership ownership, Instant leaseStart, Instant installedAt,
                              Long datesAssignmentId, BigDecimal purchasePrice, String serialNumber,
                              String hardwareVersion, String lineId, String note, Instant createdAt, Instant updatedAt,
                              String updatedBy) {
}

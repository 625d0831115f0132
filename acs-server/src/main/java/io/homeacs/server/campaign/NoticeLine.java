package io.homeacs.server.campaign;

import java.time.Instant;

/**
 * A line of a wave's notice list: the device, who holds it (when a subscriber does) and when it may
 * be upgraded — not before notBefore, in the window from windowStart to windowEnd (windowEnd null
 * when the campaign has no window).
 */
public record NoticeLine(long deviceId, String serialNumber, String deviceKey, String subscriberAccount,
                         String subscriberName, String address, String phone, String zone, Instant notBefore,
                         Instant windowStart, Instant windowEnd) {
}

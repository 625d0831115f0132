package io.homeacs.sim;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the simulated CPEs treat a firmware download: the operator keys they trust, how long
 * flashing takes, and which devices suffer which failure.
 *
 * @param trustKeys   Ed25519 keys a signed image must verify with; empty = signatures are not checked
 *                    (sizes and checksums still are) and plain "version=" images are accepted
 * @param flashMillis how long writing the image takes, before the reboot
 * @param corrupt     devices whose download arrives corrupted (9018)
 * @param refuse      devices that refuse any image (9010)
 * @param powerLoss   devices that lose power while flashing: back on the old version, TransferComplete 9010
 * @param neverBack   devices that never come back after flashing
 */
public record FirmwareBehaviour(List<PublicKey> trustKeys, long flashMillis, Selector corrupt, Selector refuse,
                                Selector powerLoss, Selector neverBack) {

    public static final FirmwareBehaviour DEFAULT = new FirmwareBehaviour(List.of(), 2000, Selector.NONE, Selector.NONE,
            Selector.NONE, Selector.NONE);

    public FirmwareBehaviour {
        trustKeys = List.copyOf(trustKeys);
        if (flashMillis < 0) {
            throw new IllegalArgumentException("flash time must not be negative");
        }
        Objects.requireNonNull(corrupt);
        Objects.requireNonNull(refuse);
        Objects.requireNonNull(powerLoss);
        Objects.requireNonNull(neverBack);
    }

    public FirmwareBehaviour withTrustKeys(List<PublicKey> keys) {
        return new FirmwareBehaviour(keys, flashMillis, corrupt, refuse, powerLoss, neverBack);
    }

    public FirmwareBehaviour withFlashMillis(long millis) {
        return new FirmwareBehaviour(trustKeys, millis, corrupt, refuse, powerLoss, neverBack);
    }

    public FirmwareBehaviour withFailures(Selector corrupt, Selector refuse, Selector powerLoss, Selector neverBack) {
        return new FirmwareBehaviour(trustKeys, flashMillis, corrupt, refuse, powerLoss, neverBack);
    }

    /**
     * Which devices a failure hits: a fraction of the fleet, chosen by a hash of the serial number so
     * the same devices fail on every run, or a list of serial numbers.
     */
    public record Selector(double fraction, Set<String> serials) {
        public static final Selector NONE = new Selector(0, Set.of());

        public Selector {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("fraction must be within [0, 1]");
            }
            serials = Set.copyOf(serials);
        }

        /** "0.05" = 5 % of devices; "SIMO000001,SIMO000007" = those devices. */
        public static Selector parse(String text) {
            String s = text.strip();
            if (s.matches("[0-9]*\\.?[0-9]+")) {
                return new Selector(Double.parseDouble(s), Set.of());
            }
            Set<String> serials = Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                    .collect(Collectors.toSet());
            if (serials.isEmpty()) {
                throw new IllegalArgumentException("expected a fraction or serial numbers, not '" + text + "'");
            }
            return new Selector(0, serials);
        }

        public static Selector serials(String... serials) {
            return new Selector(0, Set.of(serials));
        }

        public boolean selects(String serial) {
            if (serials.contains(serial)) {
                return true;
            }
            if (fraction <= 0) {
                return false;
            }
            // A stable spread of the serial over [0, 1): the same devices are chosen on every run.
            long h = serial.toUpperCase(Locale.ROOT).hashCode() * 0x9E3779B97F4A7C15L;
            double u = (h >>> 11) * 0x1.0p-53;
            return u < fraction;
        }
    }
}

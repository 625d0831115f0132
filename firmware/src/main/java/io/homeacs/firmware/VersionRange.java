package io.homeacs.firmware;

import java.util.Objects;

/**
 * A range of {@link FirmwareVersion}s an image may be installed over (an upgrade path).
 *
 * <p>Written in interval notation: {@code [1.0,2.0)} (from 1.0 inclusive to 2.0 exclusive),
 * {@code (1.0,]} or {@code (1.0,)} (above 1.0), {@code [,3.1]} (up to 3.1), a single version
 * {@code 1.2.3} (exactly that version, as ordered by {@link FirmwareVersion}), or {@code *} (any
 * version). Bounds are compared with the version order, so {@code [V100R003C10,V100R003C20)}
 * works for Huawei-style strings. Commas cannot occur inside a bound.
 *
 * @param lower null when unbounded
 * @param upper null when unbounded
 */
public record VersionRange(FirmwareVersion lower, boolean lowerInclusive, FirmwareVersion upper, boolean upperInclusive) {

    public static final VersionRange ANY = new VersionRange(null, false, null, false);

    public VersionRange {
        if (lower != null && upper != null) {
            int c = lower.compareTo(upper);
            if (c > 0 || (c == 0 && !(lowerInclusive && upperInclusive))) {
                throw new IllegalArgumentException("empty version range: lower bound " + lower + " is not below upper bound " + upper);
            }
        }
    }

    public static VersionRange exactly(String version) {
        FirmwareVersion v = FirmwareVersion.parse(version);
        return new VersionRange(v, true, v, true);
    }

    public static VersionRange parse(String text) {
        Objects.requireNonNull(text, "range");
        String s = text.trim();
        if (s.equals("*")) {
            return ANY;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty version range");
        }
        char open = s.charAt(0);
        if (open != '[' && open != '(') {
            if (s.indexOf(',') >= 0 || s.endsWith("]") || s.endsWith(")")) {
                throw new IllegalArgumentException("version range must start with [ or (: \"" + text + "\"");
            }
            return exactly(s);
        }
        char close = s.charAt(s.length() - 1);
        if (s.length() < 3 || (close != ']' && close != ')')) {
            throw new IllegalArgumentException("version range must end with ] or ): \"" + text + "\"");
        }
        String inner = s.substring(1, s.length() - 1);
        int comma = inner.indexOf(',');
        if (comma < 0 || inner.indexOf(',', comma + 1) >= 0) {
            throw new IllegalArgumentException("version range needs exactly one comma: \"" + text + "\"");
        }
        String lo = inner.substring(0, comma).trim();
        String hi = inner.substring(comma + 1).trim();
        FirmwareVersion lower = lo.isEmpty() ? null : FirmwareVersion.parse(lo);
        FirmwareVersion upper = hi.isEmpty() ? null : FirmwareVersion.parse(hi);
        // An empty side is unbounded whichever bracket closes it: [,3.1] and (,3.1] are the same.
        return new VersionRange(lower, lower != null && open == '[', upper, upper != null && close == ']');
    }

    public boolean contains(FirmwareVersion v) {
        if (lower != null) {
            int c = v.compareTo(lower);
            if (c < 0 || (c == 0 && !lowerInclusive)) {
                return false;
            }
        }
        if (upper != null) {
            int c = v.compareTo(upper);
            return c < 0 || (c == 0 && upperInclusive);
        }
        return true;
    }

    /** The canonical text, which {@link #parse} reads back to an equal range. */
    @Override
    public String toString() {
        if (lower == null && upper == null) {
            return "*";
        }
        if (lower != null && lowerInclusive && upperInclusive && lower.equals(upper)) {
            return lower.raw();
        }
        return (lowerInclusive ? "[" : "(") + (lower == null ? "" : lower.raw()) + ","
                + (upper == null ? "" : upper.raw()) + (upperInclusive ? "]" : ")");
    }
}

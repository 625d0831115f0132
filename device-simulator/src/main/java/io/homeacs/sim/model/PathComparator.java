package io.homeacs.sim.model;

import java.util.Comparator;

/**
 * Orders paths segment by segment with numeric instance numbers compared as numbers, so an object sorts
 * right before its descendants ("Device.WiFi." &lt; "Device.WiFi.Radio.1." &lt; "Device.WiFi.Radio.2.").
 * An object path's trailing dot is an empty last segment, which sorts before any named segment.
 */
final class PathComparator implements Comparator<String> {
    static final PathComparator INSTANCE = new PathComparator();

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        int la = a.length();
        int lb = b.length();
        while (true) {
            boolean endA = i >= la;
            boolean endB = j >= lb;
            if (endA || endB) {
                return endA && endB ? 0 : endA ? -1 : 1;
            }
            int ea = segmentEnd(a, i);
            int eb = segmentEnd(b, j);
            int c = compareSegment(a, i, ea, b, j, eb);
            if (c != 0) {
                return c;
            }
            i = ea + 1;
            j = eb + 1;
            boolean objA = ea == la - 1 && i == la;
            boolean objB = eb == lb - 1 && j == lb;
            if (objA || objB) {
                if (objA && objB) {
                    return 0;
                }
                return objA ? -1 : 1;
            }
        }
    }

    private static int segmentEnd(String s, int from) {
        int d = s.indexOf('.', from);
        return d < 0 ? s.length() : d;
    }

    private static int compareSegment(String a, int sa, int ea, String b, int sb, int eb) {
        boolean numA = isNumber(a, sa, ea);
        boolean numB = isNumber(b, sb, eb);
        if (numA && numB) {
            int lenA = ea - sa;
            int lenB = eb - sb;
            if (lenA != lenB) {
                return Integer.compare(lenA, lenB);
            }
        } else if (numA != numB) {
            return numA ? -1 : 1;
        }
        int n = Math.min(ea - sa, eb - sb);
        for (int k = 0; k < n; k++) {
            int c = Character.compare(a.charAt(sa + k), b.charAt(sb + k));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ea - sa, eb - sb);
    }

    private static boolean isNumber(String s, int from, int to) {
        if (from >= to || to - from > 1 && s.charAt(from) == '0') {
            return false;
        }
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

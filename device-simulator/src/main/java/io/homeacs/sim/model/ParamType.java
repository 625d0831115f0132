package io.homeacs.sim.model;

import java.util.Base64;
import java.util.regex.Pattern;

/** TR-106 data types and their SOAP xsd type names. */
public enum ParamType {
    STRING("string"), INT("int"), UNSIGNED_INT("unsignedInt"), LONG("long"), UNSIGNED_LONG("unsignedLong"),
    BOOLEAN("boolean"), DATE_TIME("dateTime"), BASE64("base64"), HEX_BINARY("hexBinary");

    private static final Pattern DATE_TIME_PATTERN =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern HEX = Pattern.compile("([0-9A-Fa-f]{2})*");

    private final String xsd;

    ParamType(String xsd) {
        this.xsd = xsd;
    }

    public String xsd() {
        return xsd;
    }

    /** Whether an xsi:type local name sent by the ACS denotes this type. */
    public boolean matchesXsd(String local) {
        return xsd.equals(local) || this == BASE64 && "base64Binary".equals(local);
    }

    /** Syntactic validity; range and enumeration constraints are checked by {@link ParamDef}. */
    public boolean isValid(String v) {
        if (v == null) {
            return false;
        }
        return switch (this) {
            case STRING -> true;
            case INT -> inRange(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UNSIGNED_INT -> inRange(v, 0, 0xFFFFFFFFL);
            case LONG -> inRange(v, Long.MIN_VALUE, Long.MAX_VALUE);
            case UNSIGNED_LONG -> v.matches("\\d{1,20}") && new java.math.BigInteger(v).bitLength() <= 64;
            case BOOLEAN -> v.equals("true") || v.equals("false") || v.equals("1") || v.equals("0");
            case DATE_TIME -> DATE_TIME_PATTERN.matcher(v).matches();
            case BASE64 -> isBase64(v);
            case HEX_BINARY -> HEX.matcher(v).matches();
        };
    }

    static boolean inRange(String v, long min, long max) {
        if (!v.matches("[+-]?\\d{1,19}")) {
            return false;
        }
        try {
            long n = Long.parseLong(v);
            return n >= min && n <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isBase64(String v) {
        try {
            Base64.getDecoder().decode(v);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package io.homeacs.server.device;

import java.time.Instant;
import java.util.List;

/**
 * Filters for listing devices; null means "any". Text filters match exactly except {@code search}
 * (a substring of the device key). Every tag must be present; every parameter filter must match the
 * stored value exactly.
 */
public record DeviceQuery(DeviceKind kind, String modelName, String productClass, String softwareVersion,
                          String oui, String search, Instant contactedAfter, Instant contactedBefore,
                          List<String> tags, List<ParamFilter> params, Sort sort, int offset, int limit) {
    public static final int MAX_LIMIT = 1000;

    /** path = value on the device's stored parameter document. */
    public record ParamFilter(String path, String value) {
    }

    public enum Sort {
        ID("id"), ID_DESC("id DESC"), LAST_CONTACT("last_contact, id"), LAST_CONTACT_DESC("last_contact DESC, id"),
        SERIAL("serial_number, id"), SERIAL_DESC("serial_number DESC, id");

        final String sql;

        Sort(String sql) {
            this.sql = sql;
        }

        /** id, -id, lastContact, -lastContact, serialNumber, -serialNumber. */
        public static Sort parse(String text) {
            return switch (text) {
                case "id" -> ID;
                case "-id" -> ID_DESC;
                case "lastContact" -> LAST_CONTACT;
                case "-lastContact" -> LAST_CONTACT_DESC;
                case "serialNumber" -> SERIAL;
                case "-serialNumber" -> SERIAL_DESC;
                default -> throw new IllegalArgumentException(
                    "sort must be one of id, -id, lastContact, -lastContact, serialNumber, -serialNumber");
            };
        }
    }

    public DeviceQuery {
        tags = tags == null ? List.of() : List.copyOf(tags);
        params = params == null ? List.of() : List.copyOf(params);
        sort = sort == null ? Sort.ID : sort;
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public DeviceQuery(DeviceKind kind, String modelName, String productClass, String softwareVersion, String oui,
                       String search, Instant contactedAfter, Instant contactedBefore, int offset, int limit) {
        this(kind, modelName, productClass, softwareVersion, oui, search, contactedAfter, contactedBefore, List.of(),
            List.of(), Sort.ID, offset, limit);
    }

    public static DeviceQuery all(int limit) {
        return new DeviceQuery(null, null, null, null, null, null, null, null, 0, limit);
    }

    public DeviceQuery page(int newOffset, int newLimit) {
        return new DeviceQuery(kind, modelName, productClass, softwareVersion, oui, search, contactedAfter,
            contactedBefore, tags, params, sort, newOffset, newLimit);
    }
}

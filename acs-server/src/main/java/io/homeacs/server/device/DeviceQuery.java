package io.homeacs.server.device;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Filters for listing devices; null means "any". Text filters match exactly except {@code search}
 * (a substring of the device key). Every tag must be present; every parameter filter must match the
 * stored value exactly. A page starts {@code offset} rows in, or — cheaper on deep pages, since the
 * store seeks instead of reading and discarding rows — just {@code after} a given device.
 */
public record DeviceQuery(DeviceKind kind, String modelName, String productClass, String softwareVersion,
                          String oui, String search, Instant contactedAfter, Instant contactedBefore,
                          List<String> tags, List<ParamFilter> params, Long subscriberId, Sort sort, After after,
                          int offset, int limit) {
    public static final int MAX_LIMIT = 1000;

    /** path = value on the device's stored parameter document. */
    public record ParamFilter(String path, String value) {
    }

    /**
     * Every order ends in the id, so it is total and a keyset position is unambiguous. Descending
     * orders are descending in the id too: one index scanned backwards then serves the whole order.
     */
    public enum Sort {
        ID("id", false, "id"), ID_DESC("id", true, "-id"),
        LAST_CONTACT("last_contact", false, "lastContact"), LAST_CONTACT_DESC("last_contact", true, "-lastContact"),
        SERIAL("serial_number", false, "serialNumber"), SERIAL_DESC("serial_number", true, "-serialNumber");

        final String column;
        final boolean descending;
        private final String apiName;

        Sort(String column, boolean descending, String apiName) {
            this.column = column;
            this.descending = descending;
            this.apiName = apiName;
        }

        String sql() {
            String dir = descending ? " DESC" : "";
            return column.equals("id") ? "id" + dir : column + dir + ", id" + dir;
        }

        /** The name the API uses: id, -id, lastContact, -lastContact, serialNumber, -serialNumber. */
        public String apiName() {
            return apiName;
        }

        public static Sort parse(String text) {
            for (Sort s : values()) {
                if (s.apiName.equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(
                "sort must be one of id, -id, lastContact, -lastContact, serialNumber, -serialNumber");
        }
    }

    /**
     * A keyset position: the sort values of the last device of the previous page. Only the value the
     * sort uses is set (lastContact or serialNumber; neither for the id sorts).
     */
    public record After(Sort sort, Instant lastContact, String serialNumber, long id) {
        public After {
            Objects.requireNonNull(sort, "sort");
            boolean wantsTime = sort.column.equals("last_contact");
            boolean wantsSerial = sort.column.equals("serial_number");
            if (wantsTime != (lastContact != null) || wantsSerial != (serialNumber != null)) {
                throw new IllegalArgumentException("a position for sort " + sort.apiName() + " needs exactly its sort value");
            }
        }

        /** The position just after {@code last}, a device read by a search in this order. */
        public static After of(Sort sort, Device last) {
            return new After(sort, sort.column.equals("last_contact") ? last.lastContact() : null,
                sort.column.equals("serial_number") ? last.identity().serialNumber() : null, last.id());
        }
    }

    public DeviceQuery {
        tags = tags == null ? List.of() : List.copyOf(tags);
        params = params == null ? List.of() : List.copyOf(params);
        sort = sort == null ? Sort.ID : sort;
        if (after != null && after.sort() != sort) {
            throw new IllegalArgumentException("the position was taken in sort " + after.sort().apiName()
                + ", not " + sort.apiName());
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /** The form without subscriber or keyset position, as before they existed. */
    public DeviceQuery(DeviceKind kind, String modelName, String productClass, String softwareVersion, String oui,
                       String search, Instant contactedAfter, Instant contactedBefore, List<String> tags,
                       List<ParamFilter> params, Sort sort, int offset, int limit) {
        this(kind, modelName, productClass, softwareVersion, oui, search, contactedAfter, contactedBefore, tags, params,
            null, sort, null, offset, limit);
    }

    public DeviceQuery(DeviceKind kind, String modelName, String productClass, String softwareVersion, String oui,
                       String search, Instant contactedAfter, Instant contactedBefore, int offset, int limit) {
        this(kind, modelName, productClass, softwareVersion, oui, search, contactedAfter, contactedBefore, List.of(),
            List.of(), Sort.ID, offset, limit);
    }

    public static DeviceQuery all(int limit) {
        return new DeviceQuery(null, null, null, null, null, null, null, null, 0, limit);
    }

    /** The same filters and sort, paged by offset (no keyset position). */
    public DeviceQuery page(int newOffset, int newLimit) {
        return new DeviceQuery(kind, modelName, productClass, softwareVersion, oui, search, contactedAfter,
            contactedBefore, tags, params, subscriberId, sort, null, newOffset, newLimit);
    }

    /** The same filters and sort, the page starting just after {@code position} (null: from the start). */
    public DeviceQuery after(After position, int newLimit) {
        return new DeviceQuery(kind, modelName, productClass, softwareVersion, oui, search, contactedAfter,
            contactedBefore, tags, params, subscriberId, sort, position, 0, newLimit);
    }
}

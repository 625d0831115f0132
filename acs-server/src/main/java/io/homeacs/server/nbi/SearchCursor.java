package io.homeacs.server.nbi;

import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The {@code cursor} of device search pages: a keyset position (sort, the last device's sort value
 * and id) as base64url JSON. Opaque to clients so its form may change; it carries no secret and
 * grants nothing, since the next page is searched with the caller's own filters and role.
 */
final class SearchCursor {
    private SearchCursor() {
    }

    static String encode(DeviceQuery.After a) {
        List<Object> parts = new ArrayList<>();
        parts.add(a.sort().apiName());
        parts.add(a.lastContact() != null ? a.lastContact().toString() : a.serialNumber());
        parts.add(a.id());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The position, checked to belong to {@code sort}; 400 for anything this server did not issue. */
    static DeviceQuery.After decode(String cursor, DeviceQuery.Sort sort) {
        DeviceQuery.After a;
        try {
            String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!(Json.parse(json) instanceof List<?> parts) || parts.size() != 3 || !(parts.get(0) instanceof String name)
                || !(parts.get(2) instanceof Number id) || !(parts.get(1) == null || parts.get(1) instanceof String)) {
                throw new IllegalArgumentException("bad shape");
            }
            DeviceQuery.Sort of = DeviceQuery.Sort.parse(name);
            String value = (String) parts.get(1);
            boolean byTime = of == DeviceQuery.Sort.LAST_CONTACT || of == DeviceQuery.Sort.LAST_CONTACT_DESC;
            boolean bySerial = of == DeviceQuery.Sort.SERIAL || of == DeviceQuery.Sort.SERIAL_DESC;
            a = new DeviceQuery.After(of, byTime && value != null ? Instant.parse(value) : null,
                bySerial ? value : null, id.longValue());
        } catch (RuntimeException e) {
            throw ApiException.badRequest("cursor is not one this server issued (pass nextCursor back unchanged)");
        }
        if (a.sort() != sort) {
            throw ApiException.badRequest("cursor was issued for sort=" + a.sort().apiName() + "; repeat that sort");
        }
        return a;
    }
}

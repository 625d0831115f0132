package io.homeacs.server.nbi;

import io.homeacs.server.device.DeviceKind;
import io.homeacs.server.device.DeviceQuery;
import io.homeacs.server.json.JsonFields;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The device-search query parameters, shared by the JSON list and the CSV export. */
public final class DeviceFilter {
    @QueryParam("kind")
    String kind;
    @QueryParam("model")
    String model;
    @QueryParam("productClass")
    String productClass;
    @QueryParam("softwareVersion")
    String softwareVersion;
    @QueryParam("oui")
    String oui;
    @QueryParam("q")
    String search;
    @QueryParam("contactedAfter")
    String contactedAfter;
    @QueryParam("contactedBefore")
    String contactedBefore;
    @QueryParam("online")
    Boolean online;
    @QueryParam("tag")
    List<String> tags;
    @QueryParam("param")
    List<String> params;
    @QueryParam("subscriberId")
    String subscriberId;
    @QueryParam("sort")
    String sort;

    /** The same filter given as a JSON object (bulk runs): {"kind": "stb", "tag": ["vip"], "param": ["p=v"], ...}. */
    static DeviceFilter fromJson(JsonFields j) {
        DeviceFilter f = new DeviceFilter();
        f.kind = j.string("kind", null);
        f.model = j.string("model", null);
        f.productClass = j.string("productClass", null);
        f.softwareVersion = j.string("softwareVersion", null);
        f.oui = j.string("oui", null);
        f.search = j.string("q", null);
        f.contactedAfter = j.string("contactedAfter", null);
        f.contactedBefore = j.string("contactedBefore", null);
        f.online = j.has("online") ? j.bool("online", false) : null;
        f.tags = j.raw().get("tag") instanceof String s ? List.of(s) : j.strings("tag");
        f.params = j.raw().get("param") instanceof String s ? List.of(s) : j.strings("param");
        f.subscriberId = j.has("subscriberId") ? Long.toString(j.number("subscriberId", 0)) : null;
        for (String key : j.raw().keySet()) {
            if (!KNOWN.contains(key)) {
                throw ApiException.badRequest("unknown query field '" + key + "'");
            }
        }
        return f;
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of("kind", "model", "productClass",
        "softwareVersion", "oui", "q", "contactedAfter", "contactedBefore", "online", "tag", "param", "subscriberId");

    DeviceQuery toQuery(Instant now, Duration offlineAfter, int offset, int limit) {
        Instant after = ApiParams.instant(contactedAfter, "contactedAfter");
        Instant before = ApiParams.instant(contactedBefore, "contactedBefore");
        if (online != null) {
            Instant cutoff = now.minus(offlineAfter);
            if (online) {
                after = after == null || after.isBefore(cutoff) ? cutoff : after;
            } else {
                before = before == null || before.isAfter(cutoff) ? cutoff : before;
            }
        }
        List<DeviceQuery.ParamFilter> pf = new ArrayList<>();
        for (String p : params == null ? List.<String>of() : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw ApiException.badRequest("param must look like <parameter path>=<value>, got '" + p + "'");
            }
            String path = p.substring(0, eq);
            if (io.homeacs.server.task.Secrets.isSecretName(path)) {
                // Matching on a secret would let anyone who may search confirm guesses of it.
                throw ApiException.badRequest("searching on secret parameters (" + path + ") is not allowed");
            }
            pf.add(new DeviceQuery.ParamFilter(path, p.substring(eq + 1)));
        }
        return new DeviceQuery(kind == null ? null : DeviceKind.parse(kind), model, productClass, softwareVersion, oui,
            search, after, before, tags == null ? List.of() : tags, pf, subscriber(), sort(), null, offset, limit);
    }

    private DeviceQuery.Sort sort() {
        return sort == null ? DeviceQuery.Sort.ID : DeviceQuery.Sort.parse(sort);
    }

    /** Parsed here rather than bound as a Long, so a non-number is a 400 naming the parameter, not JAX-RS's 404. */
    private Long subscriber() {
        if (subscriberId == null || subscriberId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(subscriberId.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("subscriberId must be a whole number, got '" + subscriberId + "'");
        }
    }
}

package io.homeacs.server.nbi;

import io.homeacs.server.device.Normalization;
import io.homeacs.server.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/v1/normalization: the logical names the ACS knows and where each data model and vendor keeps them. */
@Path("/api/v1/normalization")
@Produces(MediaType.APPLICATION_JSON)
public final class NormalizationResource {
    private final Normalization normalization;

    NormalizationResource(Normalization normalization) {
        this.normalization = normalization;
    }

    @GET
    @Allowed({Role.ADMIN, Role.SUPPORT, Role.VIEWER})
    public Map<String, Object> concepts() {
        return Map.of("concepts", normalization.concepts().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("unit", c.unit());
            m.put("description", c.description());
            m.put("secret", c.secret());
            m.put("sources", c.sources().stream().map(s -> {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("path", s.path());
                sm.put("scale", s.scale());
                sm.put("oui", s.oui());
                sm.put("productClass", s.productClass());
                if (!s.values().isEmpty()) {
                    sm.put("values", s.values());
                }
                return sm;
            }).toList());
            return m;
        }).toList());
    }
}

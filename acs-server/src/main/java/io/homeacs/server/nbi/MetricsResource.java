package io.homeacs.server.nbi;

import io.homeacs.server.metrics.AcsMetrics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Prometheus scrape endpoint; it carries counts only, never device data or secrets. */
@Path("/metrics")
public final class MetricsResource {
    private final AcsMetrics metrics;

    MetricsResource(AcsMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    @Public
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape() {
        return metrics.scrape();
    }
}

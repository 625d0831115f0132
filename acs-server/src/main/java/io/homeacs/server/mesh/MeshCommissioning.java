package io.homeacs.server.mesh;

import io.homeacs.server.diagnose.DiagnosticRequest;
import io.homeacs.server.diagnose.DiagnosticRun;
import io.homeacs.server.diagnose.Diagnostics;
import io.homeacs.server.subscriber.NotFound;
import io.homeacs.server.subscriber.Subscriber;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The installer's commissioning of a home's Wi-Fi: a snapshot of every node's backhaul and the signal
 * its clients see, the recommendations those figures call for, a speed test at the gateway through the
 * diagnostics package, and the printable report for the customer. The snapshot is kept as taken (the
 * report shows the home as the installer left it); the speed test's figures are read when the report
 * is produced, since the run finishes later.
 */
public final class MeshCommissioning {
    private final Mesh mesh;
    private final Diagnostics diagnostics;
    private final Clock clock;

    public record Record(long id, long subscriberId, Map<String, Object> measurements, Long speedTestRun, String createdBy,
                         Instant createdAt, Optional<DiagnosticRun> speedTest) {
    }

    public MeshCommissioning(Mesh mesh, Diagnostics diagnostics, Clock clock) {
        this.mesh = mesh;
        this.diagnostics = diagnostics;
        this.clock = clock;
    }

    /** Takes the measurements and starts the gateway's speed test (testBytes null = the default size). */
    public Record start(long subscriberId, Long testBytes, String by) {
        MeshTopology t = mesh.topology(subscriberId);
        List<Recommendations.Finding> findings = mesh.findings(subscriberId);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topology", MeshViews.topology(t, mesh.thresholds()));
        m.put("recommendations", findings.stream().map(MeshViews::finding).toList());
        m.put("svg", MeshSvg.render(t, mesh.thresholds()));
        Long run = null;
        String speedTestNote = null;
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "speedTest");
            if (testBytes != null) {
                body.put("testBytes", testBytes);
            }
            run = diagnostics.start(t.controllerDeviceId(), DiagnosticRequest.parse(body, diagnostics.settings().defaultTestBytes()),
                by, true).id();
        } catch (RuntimeException e) {
            // A run already under way on the gateway: the report says so rather than the commissioning failing.
            speedTestNote = e.getMessage();
        }
        m.put("speedTestNote", speedTestNote);
        long id = mesh.store().insertCommissioning(subscriberId, m, run, by, clock.instant());
        return find(id).orElseThrow();
    }

    public Optional<Record> find(long id) {
        return mesh.store().commissioning(id).map(c -> new Record(c.id(), c.subscriberId(), c.measurements(), c.speedTestRun(),
            c.createdBy(), c.createdAt(), c.speedTestRun() == null ? Optional.empty() : diagnostics.find(c.speedTestRun())));
    }

    public String report(long id) {
        Record r = find(id).orElseThrow(() -> new NotFound("mesh commissioning " + id));
        Subscriber s = mesh.requireSubscriber(r.subscriberId());
        return CommissioningReport.html(s, r);
    }

    static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}

package io.homeacs.server.nbi;

import io.homeacs.server.audit.AuditLog;
import io.homeacs.server.bulk.BulkRuns;
import io.homeacs.server.events.Webhooks;
import io.homeacs.server.device.DeviceRegistry;
import io.homeacs.server.device.Normalization;
import io.homeacs.server.device.DeviceWakeup;
import io.homeacs.server.lifecycle.Lifecycle;
import io.homeacs.server.diagnose.Diagnostics;
import io.homeacs.server.firmware.FirmwareImages;
import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.provision.Provisioning;
import io.homeacs.server.health.HealthReader;
import io.homeacs.server.health.HealthSamples;
import io.homeacs.server.triage.Triage;
import io.homeacs.server.profile.ProfileModule;
import io.homeacs.server.security.ApiTokens;
import io.homeacs.server.security.DeviceCredentials;
import io.homeacs.server.task.TaskQueue;
import java.time.Clock;
import java.util.List;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;

/** The northbound REST API (CXF JAX-RS on Jetty) plus /metrics on the same port. */
public final class ApiServer implements AutoCloseable {
    private final Server server;

    private ApiServer(Server server) {
        this.server = server;
    }

    public record Services(DeviceRegistry registry, TaskQueue tasks, DeviceWakeup wakeup, DeviceCredentials credentials,
                           ApiTokens tokens, AuditLog audit, AcsMetrics metrics, Clock clock, int maxWaitSeconds,
                           int rateLimit, java.time.Duration offlineAfter, BulkRuns bulk, Webhooks webhooks,
                           Normalization normalization, Provisioning provisioning, ProfileModule profiles,
                           Triage triage, HealthReader health, HealthSamples samples,
                           Lifecycle lifecycle, Diagnostics diagnostics, FirmwareImages firmware,
                           io.homeacs.server.campaign.Campaigns campaigns,
                           io.homeacs.server.mesh.Mesh mesh, io.homeacs.server.mesh.MeshCommissioning meshCommissioning) {
    }

    public static ApiServer start(String bind, int port, Services s) {
        InstallerScope installers = new InstallerScope(s.provisioning().orders(), s.provisioning().assignments(), s.clock());
        JAXRSServerFactoryBean sf = new JAXRSServerFactoryBean();
        sf.setAddress("http://" + bind + ":" + port + "/");
        sf.setServiceBeans(List.of(
            new DevicesResource(s.registry(), s.tasks(), s.wakeup(), s.credentials(), s.clock(), s.maxWaitSeconds(),
                s.offlineAfter(), s.normalization(), installers),
            new DeviceDiagnosticsResource(s.registry(), s.diagnostics(), installers),
            new DiagnosticsResource(s.diagnostics(), installers),
            new NormalizationResource(s.normalization()),
            new TasksResource(s.tasks(), s.clock()),
            new AccessResource(s.tokens(), s.clock()),
            new AuditResource(s.audit()),
            new BulkResource(s.bulk(), s.clock(), s.offlineAfter()),
            new WebhooksResource(s.webhooks(), s.clock()),
            new ProfilesResource(s.profiles(), s.clock()),
            new DeviceProfilesResource(s.registry(), s.profiles()),
            new MetricsResource(s.metrics()),
            new PlansResource(s.provisioning().subscribers().plans(), s.clock()),
            new SubscribersResource(s.provisioning(), s.clock()),
            new OrdersResource(s.provisioning(), s.registry()),
            new ServiceActionsResource(s.provisioning()),
            new FaultReportsResource(s.triage()),
            new ReportsResource(s.lifecycle().reports(), s.triage(), s.clock()),
            new DeviceHealthResource(s.registry(), s.health(), s.samples(), installers, s.clock()),
            new EquipmentResource(s.lifecycle(), s.registry()),
            new EvidenceResource(s.lifecycle(), s.registry()),
            new EquipmentCatalogResource(s.lifecycle().catalog(), s.lifecycle().settings(), s.clock()),
            new FirmwareResource(s.firmware(), s.registry(), s.clock()),
            new CampaignsResource(s.campaigns(), s.clock(), s.offlineAfter()),
            new MeshResource(s.mesh(), s.meshCommissioning(), installers),
            new MeshSvgResource(s.mesh(), installers),
            new MeshTemplatesResource(s.mesh()),
            new OpenApiResource()));
        sf.setProviders(List.of(new JsonProvider(), new BearerAuthFilter(s.tokens(), s.clock(),
            new RateLimiter(s.rateLimit(), s.rateLimit() * 4.0)),
            new AuditFilter(s.audit(), s.clock()), new ErrorMapper()));
        return new ApiServer(sf.create());
    }

    @Override
    public void close() {
        server.stop();
        server.destroy();
    }
}

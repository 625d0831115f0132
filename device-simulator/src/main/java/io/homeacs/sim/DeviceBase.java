package io.homeacs.sim;

import io.homeacs.sim.cwmp.CwmpTypes.DeviceIdStruct;
import io.homeacs.sim.cwmp.CwmpVersion;
import io.homeacs.sim.cwmp.SessionHost;
import io.homeacs.sim.model.DataModel;
import io.homeacs.sim.model.DeviceTemplate;
import io.homeacs.sim.model.ServiceState;
import io.homeacs.sim.model.TemplateContext;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Identity, data model and connection-request credentials of a simulated CPE. */
abstract class DeviceBase implements SimulatedDevice, SessionHost {
    private final DeviceKind kind;
    private final boolean tr098;
    private final CwmpVersion version;
    private final DeviceTemplate template;
    private final TemplateContext factory;
    private final boolean httpReachable;
    private final DeviceIdStruct idStruct;
    private final AtomicInteger connectionRequests = new AtomicInteger();
    private final AtomicInteger rejectedUdp = new AtomicInteger();
    private volatile DataModel model;
    private volatile String crUsername;
    private volatile String crPassword;
    private volatile long bootNanos = System.nanoTime();

    DeviceBase(DeviceKind kind, boolean tr098, CwmpVersion version, DeviceTemplate template, TemplateContext factory,
               boolean httpReachable) {
        this.kind = kind;
        this.tr098 = tr098;
        this.version = version;
        this.template = template;
        this.factory = factory;
        this.httpReachable = httpReachable;
        this.model = template.build(factory);
        DeviceIdStruct id = new DeviceIdStruct(factory.profile().manufacturer(), factory.profile().oui(),
                factory.profile().productClass(), factory.serialNumber());
        this.idStruct = id;
        refreshConnectionRequestCredentials();
    }

    final void markBooted() {
        bootNanos = System.nanoTime();
    }

    /** UpTime (and the connections' uptimes) are derived from the boot time whenever someone looks at them. */
    final void refreshUptime() {
        long now = System.nanoTime();
        long up = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(now - bootNanos);
        model.setInternal(root() + "DeviceInfo.UpTime", Long.toString(up));
        ServiceState.refreshClocks(model, now, bootNanos);
    }

    final DataModel model() {
        return model;
    }

    final void replaceModel(DataModel m) {
        model = m;
    }

    final DeviceTemplate template() {
        return template;
    }

    final TemplateContext factory() {
        return factory;
    }

    final boolean httpReachable() {
        return httpReachable;
    }

    /** Connection-request credentials change only between sessions, so a snapshot is taken then. */
    final void refreshConnectionRequestCredentials() {
        String ms = root() + "ManagementServer.";
        crUsername = model.value(ms + "ConnectionRequestUsername").orElse("");
        crPassword = model.value(ms + "ConnectionRequestPassword").orElse("");
    }

    final String connectionRequestUsername() {
        return crUsername;
    }

    final String connectionRequestPassword() {
        return crPassword;
    }

    final void countConnectionRequest() {
        connectionRequests.incrementAndGet();
    }

    final void countRejectedUdp() {
        rejectedUdp.incrementAndGet();
    }

    final int rejectedUdpRequests() {
        return rejectedUdp.get();
    }

    @Override
    public final int connectionRequestsReceived() {
        return connectionRequests.get();
    }

    @Override
    public final String serialNumber() {
        return factory.serialNumber();
    }

    @Override
    public final String oui() {
        return factory.profile().oui();
    }

    @Override
    public final String productClass() {
        return factory.profile().productClass();
    }

    @Override
    public final String manufacturer() {
        return factory.profile().manufacturer();
    }

    @Override
    public final String deviceId() {
        return oui() + "-" + productClass() + "-" + serialNumber();
    }

    @Override
    public final DeviceKind kind() {
        return kind;
    }

    @Override
    public final boolean tr098() {
        return tr098;
    }

    @Override
    public final String root() {
        return template.root();
    }

    @Override
    public final Optional<String> value(String path) {
        if (path.endsWith("UpTime") || path.endsWith("Uptime") || path.endsWith("LastChange")) {
            refreshUptime();
        }
        return model.value(path);
    }

    @Override
    public final String acsUsername() {
        return model.value(root() + "ManagementServer.Username").orElse("");
    }

    @Override
    public final CwmpVersion version() {
        return version;
    }

    @Override
    public final DeviceIdStruct deviceIdStruct() {
        return idStruct;
    }

    @Override
    public String toString() {
        return serialNumber() + "(" + kind + (tr098 ? ",TR-098" : "") + ",cwmp " + version.label() + ")";
    }
}

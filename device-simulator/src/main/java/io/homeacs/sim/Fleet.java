package io.homeacs.sim;

import io.homeacs.sim.cr.CrRegistry;
import io.homeacs.sim.cr.HttpConnectionRequestListener;
import io.homeacs.sim.cr.UdpConnectionRequestListener;
import io.homeacs.sim.cwmp.CwmpVersion;
import io.homeacs.sim.model.DeviceProfile;
import io.homeacs.sim.model.DeviceTemplate;
import io.homeacs.sim.model.MeshSatelliteTemplate;
import io.homeacs.sim.model.MeshSpec;
import io.homeacs.sim.model.MeshTemplate;
import io.homeacs.sim.model.OntTr098Template;
import io.homeacs.sim.model.OntTr181Template;
import io.homeacs.sim.model.StbTemplate;
import io.homeacs.sim.model.TemplateContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A fleet of simulated CPEs sharing one runtime and one set of connection-request listeners. */
public final class Fleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    private final SimulatorConfig config;
    private final MeshSpec mesh;
    private final SimRuntime rt;
    private final List<VirtualDevice> devices;
    private final Map<String, VirtualDevice> bySerial;
    private final HttpConnectionRequestListener httpCr;
    private final UdpConnectionRequestListener udpCr;
    private boolean closed;

    private Fleet(SimulatorConfig config, FirmwareBehaviour firmware, MeshSpec mesh) throws IOException {
        this.config = config;
        this.mesh = mesh;
        this.rt = new SimRuntime(firmware);
        Registry registry = new Registry();
        try {
            this.udpCr = config.udpConnectionRequests() ? new UdpConnectionRequestListener(config.crHost(), registry) : null;
            this.httpCr = new HttpConnectionRequestListener(config.crHost(), config.crPort(), registry);
        } catch (IOException e) {
            rt.close();
            throw e;
        }
        int advertisedPort = config.httpConnectionRequestReachable() ? httpCr.port() : unusedPort();
        List<VirtualDevice> list = new ArrayList<>(config.devices());
        Map<String, VirtualDevice> map = new HashMap<>();
        for (int i = 1; i <= config.devices(); i++) {
            VirtualDevice d = create(i, advertisedPort);
            list.add(d);
            map.put(d.serialNumber(), d);
            if (config.kind().forIndex(i) == DeviceKind.MESH) {
                List<VirtualDevice> satellites = new ArrayList<>();
                for (int k = 1; mesh.managedSatellites() && k < mesh.nodesFor(d.factory().seed()); k++) {
                    VirtualDevice s = satellite(d, k, advertisedPort);
                    satellites.add(s);
                    list.add(s);
                    map.put(s.serialNumber(), s);
                }
                MeshHome home = new MeshHome(d, satellites, mesh, d.factory().seed());
                d.joinMeshHome(home);
                satellites.forEach(s -> s.joinMeshHome(home));
            }
        }
        this.devices = Collections.unmodifiableList(list);
        this.bySerial = map;
        registry.fleet = this;
    }

    /** Starts the listeners, then boots every device ("0 BOOTSTRAP" + "1 BOOT"); does not wait for sessions. */
    public static Fleet start(SimulatorConfig config) {
        return start(config, FirmwareBehaviour.DEFAULT, MeshSpec.DEFAULT);
    }

    /** As {@link #start(SimulatorConfig)}, with the devices' firmware-download behaviour and failures. */
    public static Fleet start(SimulatorConfig config, FirmwareBehaviour firmware) {
        return start(config, firmware, MeshSpec.DEFAULT);
    }

    /** As {@link #start(SimulatorConfig)}, with mesh homes shaped by the spec (kind mesh or mixed). */
    public static Fleet start(SimulatorConfig config, MeshSpec mesh) {
        return start(config, FirmwareBehaviour.DEFAULT, mesh);
    }

    /** Firmware behaviour and mesh homes both given. */
    public static Fleet start(SimulatorConfig config, FirmwareBehaviour firmware, MeshSpec mesh) {
        Fleet f;
        try {
            f = new Fleet(config, firmware, mesh);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start connection-request listener on " + config.crHost(), e);
        }
        LOG.info("Fleet of {} {} devices created; connection requests on {}:{}{}", config.devices(), config.kind(),
                config.crHost(), f.httpCr.port(), f.udpCr != null ? " (UDP " + f.udpCr.port() + ")" : "");
        f.devices.forEach(VirtualDevice::boot);
        return f;
    }

    private VirtualDevice create(int index, int crPort) {
        DeviceKind kind = config.kind().forIndex(index);
        SplittableRandom r = new SplittableRandom(config.seed() * 1_000_003L + index);
        boolean tr098 = kind == DeviceKind.ONT && r.nextDouble() < config.tr098Share();
        CwmpVersion version = tr098 ? CwmpVersion.V1_0 : index % 5 == 0 ? CwmpVersion.V1_4 : CwmpVersion.V1_2;
        DeviceTemplate template = switch (kind) {
            case ONT -> tr098 ? OntTr098Template.INSTANCE : OntTr181Template.INSTANCE;
            case MESH -> new MeshTemplate(mesh);
            default -> StbTemplate.INSTANCE;
        };
        DeviceProfile profile = switch (kind) {
            case ONT -> tr098 ? DeviceProfile.ONT_LEGACY : DeviceProfile.ONT;
            case MESH -> DeviceProfile.MESH;
            default -> DeviceProfile.STB;
        };
        String serial = SimulatorConfig.serialNumber(config.serialPrefix(), kind.letter(), index);
        String crUrl = "http://" + config.crHost() + ":" + crPort + "/cr/" + serial;
        String udp = udpCr != null ? config.crHost() + ":" + udpCr.port() : "";
        String crPassword = Long.toHexString(r.nextLong() | Long.MIN_VALUE);
        TemplateContext ctx = new TemplateContext(serial, profile, config.acsUrl().toString(), config.acsUsername(),
                config.acsPassword(), crUrl, "cr-" + serial, crPassword, udp, config.informIntervalSeconds(),
                config.retryMinWaitSeconds(), r.nextLong(),
                SimulatorConfig.registrationId(config.loidPattern(), serial, index));
        return new VirtualDevice(rt, kind, tr098, version, template, ctx, config.httpConnectionRequestReachable(),
                config.lineRate());
    }

    /** Satellite k of a mesh gateway, managed as its own device: serial gateway + "-S" + k. */
    private VirtualDevice satellite(VirtualDevice gateway, int k, int crPort) {
        TemplateContext g = gateway.factory();
        String serial = g.serialNumber() + "-S" + k;
        SplittableRandom r = new SplittableRandom(g.seed() * 31 + k);
        String crUrl = "http://" + config.crHost() + ":" + crPort + "/cr/" + serial;
        TemplateContext ctx = new TemplateContext(serial, DeviceProfile.MESH, g.acsUrl(), g.acsUsername(), g.acsPassword(),
                crUrl, "cr-" + serial, Long.toHexString(r.nextLong() | Long.MIN_VALUE), g.udpConnectionRequestAddress(),
                g.informIntervalSeconds(), g.retryMinWaitSeconds(), r.nextLong(), "");
        return new VirtualDevice(rt, DeviceKind.MESH, false, CwmpVersion.V1_2, MeshSatelliteTemplate.INSTANCE, ctx,
                config.httpConnectionRequestReachable(), config.lineRate());
    }

    /** A port nothing listens on, advertised by devices simulated behind NAT. */
    private int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(config.crHost()))) {
            return s.getLocalPort();
        }
    }

    public List<SimulatedDevice> devices() {
        return Collections.unmodifiableList(devices);
    }

    List<VirtualDevice> virtualDevices() {
        return devices;
    }

    SimRuntime runtime() {
        return rt;
    }

    /** Drives benchmark sessions over caller-owned keep-alive connections. */
    public io.homeacs.sim.bench.SessionDriver sessionDriver() {
        return new FleetSessionDriver(devices, rt, config.acsUrl());
    }

    public SimulatedDevice device(String serialNumber) {
        VirtualDevice d = bySerial.get(serialNumber);
        if (d == null) {
            throw new NoSuchElementException("No device " + serialNumber);
        }
        return d;
    }

    /** Waits until every device completed at least one successful session. */
    public boolean awaitAllBooted(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (booted() == devices.size()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    int booted() {
        int n = 0;
        for (VirtualDevice d : devices) {
            if (d.completedSessions() > 0) {
                n++;
            }
        }
        return n;
    }

    public int connectionRequestPort() {
        return httpCr.port();
    }

    /** The UDP connection-request port, or -1 when UDP connection requests are disabled. */
    public int udpConnectionRequestPort() {
        return udpCr != null ? udpCr.port() : -1;
    }

    public int rejectedUdpConnectionRequests() {
        return udpCr != null ? udpCr.rejected() : 0;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        devices.forEach(VirtualDevice::close);
        httpCr.close();
        if (udpCr != null) {
            udpCr.close();
        }
        rt.close();
    }

    private static final class Registry implements CrRegistry {
        volatile Fleet fleet;

        @Override
        public Optional<Endpoint> bySerial(String serialNumber) {
            Fleet f = fleet;
            return f == null ? Optional.empty() : Optional.ofNullable(f.bySerial.get(serialNumber)).map(Registry::endpoint);
        }

        @Override
        public Optional<Endpoint> byUsername(String username) {
            Fleet f = fleet;
            if (f == null) {
                return Optional.empty();
            }
            for (VirtualDevice d : f.devices) {
                if (d.connectionRequestUsername().equals(username)) {
                    return Optional.of(endpoint(d));
                }
            }
            return Optional.empty();
        }

        private static Endpoint endpoint(VirtualDevice d) {
            return new Endpoint() {
                @Override
                public String username() {
                    return d.connectionRequestUsername();
                }

                @Override
                public String password() {
                    return d.connectionRequestPassword();
                }

                @Override
                public boolean httpReachable() {
                    return d.httpReachable();
                }

                @Override
                public void trigger() {
                    d.connectionRequest();
                }

                @Override
                public void rejected() {
                    d.countRejectedUdp();
                }
            };
        }
    }
}

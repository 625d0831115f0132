package io.homeacs.sim;

import io.homeacs.sim.model.DataModel;
import io.homeacs.sim.model.DeviceProfile;
import io.homeacs.sim.model.DeviceTemplate;
import io.homeacs.sim.model.MeshTemplate;
import io.homeacs.sim.model.OntTr181Template;
import io.homeacs.sim.model.StbTemplate;
import io.homeacs.sim.model.TemplateContext;
import io.homeacs.sim.model.UspAgentModel;
import io.homeacs.sim.usp.UspAgent;
import io.homeacs.sim.usp.mtp.TransportConfig;
import io.homeacs.sim.usp.mtp.Transports;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated USP agents: the same device kinds, profiles and TR-181 data models as the
 * CWMP fleet (TR-098 is CWMP only), each behind its own MTP transport, sharing one runtime.
 */
public final class UspFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UspFleet.class);

    /** controllerUrl: the MTP address (ws://host:8081/usp); mtp: websocket, mqtt, stomp or coap. */
    public record Options(URI controllerUrl, String controllerId, String mtp) {
    }

    private final SimRuntime rt = new SimRuntime();
    private final List<UspAgent> agents = new ArrayList<>();

    private UspFleet() {
    }

    public static UspFleet start(SimulatorConfig config, Options o) throws IOException {
        UspFleet f = new UspFleet();
        try {
            for (int i = 1; i <= config.devices(); i++) {
                f.agents.add(f.create(config, o, i));
            }
            for (UspAgent a : f.agents) {
                a.start();
            }
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        LOG.info("USP fleet of {} {} agents connected to {} over {}", config.devices(), config.kind(), o.controllerUrl(),
                o.mtp());
        return f;
    }

    private UspAgent create(SimulatorConfig config, Options o, int index) {
        DeviceKind kind = config.kind().forIndex(index);
        SplittableRandom r = new SplittableRandom(config.seed() * 1_000_003L + index);
        DeviceTemplate template = switch (kind) {
            case ONT -> OntTr181Template.INSTANCE;
            case MESH -> MeshTemplate.INSTANCE;
            default -> StbTemplate.INSTANCE;
        };
        DeviceProfile profile = switch (kind) {
            case ONT -> DeviceProfile.ONT;
            case MESH -> DeviceProfile.MESH;
            default -> DeviceProfile.STB;
        };
        String serial = SimulatorConfig.serialNumber(config.serialPrefix(), kind.letter(), index);
        // TR-369 "os::" authority: the OUI and serial number identify the agent.
        String endpointId = "os::" + profile.oui() + "-" + serial;
        TemplateContext ctx = new TemplateContext(serial, profile, config.acsUrl().toString(), config.acsUsername(),
                config.acsPassword(), "", "", "", "", config.informIntervalSeconds(), config.retryMinWaitSeconds(),
                r.nextLong(), SimulatorConfig.registrationId(config.loidPattern(), serial, index));
        Supplier<DataModel> factory = () -> {
            DataModel m = template.build(ctx);
            UspAgentModel.extend(m, endpointId, o.controllerId(), profile.softwareVersion(), config.informIntervalSeconds());
            return m;
        };
        return new UspAgent(endpointId, o.controllerId(), factory,
                Transports.create(o.mtp(), new TransportConfig(o.controllerUrl(), endpointId, o.controllerId())),
                rt.timer, rt.transferClient);
    }

    public List<UspAgent> agents() {
        return List.copyOf(agents);
    }

    public long connected() {
        return agents.stream().filter(UspAgent::connected).count();
    }

    @Override
    public void close() {
        for (UspAgent a : agents) {
            a.close();
        }
        rt.close();
    }
}

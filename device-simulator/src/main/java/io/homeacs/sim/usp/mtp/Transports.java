package io.homeacs.sim.usp.mtp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The transports a simulated agent can use, by MTP name ("websocket", "mqtt", "stomp", "coap").
 * Each MTP registers its factory here; the agent core only ever sees {@link AgentTransport}.
 */
public final class Transports {
    public static final Set<String> NAMES = Set.of("websocket", "mqtt", "stomp", "coap");
    private static final Map<String, Function<TransportConfig, AgentTransport>> FACTORIES = new ConcurrentHashMap<>();

    static {
        register("websocket", WebSocketTransport::new);
        register("mqtt", c -> io.homeacs.sim.usp.mtp.mqtt.MqttAgentTransport.fromUrl(c.controllerUrl(), c.agentEndpointId()));
        register("stomp", c -> io.homeacs.sim.usp.mtp.stomp.StompAgentTransport.fromUrl(c.controllerUrl(), c.agentEndpointId()));
        register("coap", c -> io.homeacs.sim.usp.mtp.coap.CoapAgentTransport.fromUrl(c.controllerUrl(), c.agentEndpointId()));
    }

    private Transports() {
    }

    public static void register(String mtp, Function<TransportConfig, AgentTransport> factory) {
        FACTORIES.put(mtp, factory);
    }

    public static boolean available(String mtp) {
        return FACTORIES.containsKey(mtp);
    }

    public static AgentTransport create(String mtp, TransportConfig config) {
        Function<TransportConfig, AgentTransport> f = FACTORIES.get(mtp);
        if (f == null) {
            throw new IllegalArgumentException("no " + mtp + " transport in this simulator (available: "
                    + new java.util.TreeSet<>(FACTORIES.keySet()) + ")");
        }
        return f.apply(config);
    }
}

package io.homeacs.sim.usp.mtp;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a simulated USP agent reaches its controller over one MTP. The agent core builds and
 * parses Records; a transport only moves their bytes and says where the controller can answer.
 */
public interface AgentTransport extends AutoCloseable {

    /** "websocket", "mqtt", "stomp" or "coap". */
    String mtp();

    /**
     * Connects (or subscribes) and starts delivering received records to {@code onRecord};
     * {@code onLost} runs when the connection drops so the agent can reconnect.
     */
    void connect(Consumer<byte[]> onRecord, Runnable onLost) throws IOException;

    /** Sends one serialised USP Record to the controller. */
    void send(byte[] record) throws IOException;

    /**
     * The address the agent subscribed to, for the MTP's connect record (MQTTConnect
     * subscribed_topic, STOMPConnect subscribed_destination); empty for WebSocket and CoAP.
     */
    Optional<String> subscribedAddress();

    boolean isConnected();

    @Override
    void close();
}

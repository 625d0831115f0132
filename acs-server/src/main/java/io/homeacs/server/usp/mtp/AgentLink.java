package io.homeacs.server.usp.mtp;

import java.util.concurrent.CompletableFuture;

/**
 * One way of reaching an agent over one MTP: a WebSocket connection, an MQTT topic, a STOMP
 * destination, a CoAP URI. The controller keeps the latest link each agent used and answers
 * through it; the MTP decides what "open" means (a live socket, a broker session).
 */
public interface AgentLink {

    /** "websocket", "mqtt", "stomp" or "coap". */
    String mtp();

    /** Where records go, for people and the API: remote address, topic, destination or URI. */
    String address();

    /** Sends one serialised USP Record; completes exceptionally when it could not be handed on. */
    CompletableFuture<Void> send(byte[] record);

    /** Whether records sent now can reach the agent. */
    boolean isOpen();
}

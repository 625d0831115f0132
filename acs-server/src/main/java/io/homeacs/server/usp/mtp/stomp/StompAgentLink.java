package io.homeacs.server.usp.mtp.stomp;

import io.homeacs.server.usp.mtp.AgentLink;
import java.util.concurrent.CompletableFuture;

/** An agent reached through the STOMP broker: the reply-to-dest its last SEND named. Equal by destination. */
final class StompAgentLink implements AgentLink {
    private final StompBinding binding;
    private final String destination;

    StompAgentLink(StompBinding binding, String destination) {
        this.binding = binding;
        this.destination = destination;
    }

    @Override
    public String mtp() {
        return "stomp";
    }

    @Override
    public String address() {
        return destination;
    }

    @Override
    public CompletableFuture<Void> send(byte[] record) {
        return binding.send(destination, record);
    }

    @Override
    public boolean isOpen() {
        return binding.isConnected();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StompAgentLink other && other.destination.equals(destination) && other.binding == binding;
    }

    @Override
    public int hashCode() {
        return destination.hashCode();
    }

    @Override
    public String toString() {
        return "stomp:" + destination;
    }
}

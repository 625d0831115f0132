package io.homeacs.server.usp.mtp;

/**
 * A link whose MTP already named the agent (the WebSocket {@code eid}, a client identifier): the
 * controller accepts only records whose from_id is that EndpointID, so one agent cannot speak for another.
 */
public interface EndpointBound {
    String endpointId();
}

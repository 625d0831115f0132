package io.homeacs.server.cwmp.transport;

/** The protocol side of the endpoint; called on a worker thread, never on an event loop. */
@FunctionalInterface
public interface CwmpRequestHandler {
    CwmpHttpResponse handle(CwmpHttpRequest request);

    /** The TCP connection closed; sessions bound to it (cookie-less CPEs) may be cleaned up. */
    default void connectionClosed(String connectionId) {
    }
}

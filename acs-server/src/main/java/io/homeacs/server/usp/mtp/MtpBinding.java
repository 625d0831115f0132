package io.homeacs.server.usp.mtp;

/** A message transfer protocol the controller listens on; started and closed with the ACS. */
public interface MtpBinding extends AutoCloseable {

    /** "websocket", "mqtt", "stomp" or "coap". */
    String name();

    /** Starts accepting records for the controller; returns once the binding can receive. */
    void start(RecordSink sink) throws Exception;

    /** Stops receiving and releases sockets and broker sessions; idempotent. */
    @Override
    void close();
}

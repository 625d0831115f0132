package io.homeacs.server.usp.mtp;

/**
 * Where an MTP binding hands what it receives. Implemented by the USP controller. Bindings call
 * it from their own threads (never a Netty event loop): the controller may touch the store.
 */
public interface RecordSink {

    /** One serialised USP Record as received, and the link a reply should take. */
    void received(byte[] record, AgentLink replyVia);

    /** The link went away (socket closed, broker session lost); the agent may come back on another. */
    void closed(AgentLink link);
}

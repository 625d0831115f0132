package io.homeacs.sim.usp.mtp;

import io.homeacs.server.usp.mtp.AgentLink;
import io.homeacs.server.usp.mtp.RecordSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in controller for MTP tests: answers every record with "echo:" + the record through the link
 * it came by, and remembers what it saw (records, links, closed links, the receiving threads).
 */
public final class EchoSink implements RecordSink {
    public final List<String> received = new CopyOnWriteArrayList<>();
    public final List<AgentLink> links = new CopyOnWriteArrayList<>();
    public final List<AgentLink> closed = new CopyOnWriteArrayList<>();
    public final List<String> threads = new CopyOnWriteArrayList<>();
    public final List<Throwable> sendFailures = new CopyOnWriteArrayList<>();

    @Override
    public void received(byte[] record, AgentLink replyVia) {
        String text = new String(record, StandardCharsets.ISO_8859_1);
        received.add(text);
        links.add(replyVia);
        threads.add(Thread.currentThread().getName());
        replyVia.send(("echo:" + text).getBytes(StandardCharsets.ISO_8859_1)).whenComplete((v, e) -> {
            if (e != null) {
                sendFailures.add(e);
            }
        });
    }

    @Override
    public void closed(AgentLink link) {
        closed.add(link);
    }
}

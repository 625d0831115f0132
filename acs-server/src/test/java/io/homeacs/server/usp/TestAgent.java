package io.homeacs.server.usp;

import io.homeacs.server.usp.proto.UspMsg;
import io.homeacs.server.usp.proto.UspRecord;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare WebSocket peer (the JDK's client) that sends whatever bytes a test wants and keeps what comes back. */
final class TestAgent implements AutoCloseable {
    final String endpointId;
    final WebSocket ws;
    final BlockingQueue<UspRecord.Record> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closedWith = new CompletableFuture<>();

    private TestAgent(String endpointId, WebSocket ws) {
        this.endpointId = endpointId;
        this.ws = ws;
    }

    static TestAgent connect(int port, String endpointId) {
        Listener l = new Listener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("v1.usp")
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/usp?eid=" + endpointId), l).join();
        TestAgent a = new TestAgent(endpointId, ws);
        l.agent = a;
        return a;
    }

    private static final class Listener implements WebSocket.Listener {
        TestAgent agent;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            partial.writeBytes(b);
            if (last) {
                try {
                    agent.received.add(UspRecord.Record.parseFrom(partial.toByteArray()));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new AssertionError(e);
                }
                partial.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            agent.closedWith.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            agent.closedWith.complete(-1);
        }
    }

    void sendBytes(byte[] b) {
        ws.sendBinary(ByteBuffer.wrap(b), true).join();
    }

    UspRecord.Record.Builder record(String to) {
        return UspRecord.Record.newBuilder().setVersion("1.3").setFromId(endpointId).setToId(to);
    }

    void connectRecord(String controller) {
        sendBytes(record(controller).setWebsocketConnect(UspRecord.WebSocketConnectRecord.getDefaultInstance()).build()
            .toByteArray());
    }

    void send(String controller, UspMsg.Msg msg) {
        sendBytes(record(controller).setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder()
            .setPayload(msg.toByteString())).build().toByteArray());
    }

    /** The next message the controller sent, within a generous bound (a missing answer fails the test). */
    UspMsg.Msg next() throws Exception {
        UspRecord.Record r = received.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no record from the controller");
        }
        return UspMsg.Msg.parseFrom(r.getNoSessionContext().getPayload());
    }

    @Override
    public void close() {
        ws.abort();
    }
}

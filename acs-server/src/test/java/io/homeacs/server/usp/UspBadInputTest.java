package io.homeacs.server.usp;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.testsupport.TestAcs;
import io.homeacs.server.usp.proto.UspMsg;
import io.homeacs.server.usp.proto.UspRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the controller does with bad input on the WebSocket MTP: refused handshakes, records it
 * cannot parse or that are not for it, message-level errors answered with TR-369 error codes,
 * oversized records and floods cutting the connection, and through all of it other agents served.
 */
class UspBadInputTest {
    static final String CONTROLLER = "proto::acs-controller";
    @TempDir
    static Path dataDir;
    static TestAcs acs;
    static int port;

    @BeforeAll
    static void start() {
        acs = TestAcs.start(dataDir, "--usp-max-record-bytes", "4096", "--usp-rate-limit", "5");
        port = acs.server.uspWebSocketPort();
    }

    @AfterAll
    static void stop() {
        acs.close();
    }

    @Test
    void handshakeNeedsTheSubprotocolAndAnEndpointId() {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(refusal(http.newWebSocketBuilder(), "/usp?eid=os::x")).isEqualTo(400);
        assertThat(refusal(http.newWebSocketBuilder().subprotocols("v1.usp"), "/usp")).isEqualTo(400);
        assertThat(refusal(http.newWebSocketBuilder().subprotocols("v1.usp"), "/other?eid=os::x")).isEqualTo(404);
    }

    /** The HTTP status the handshake was refused with. */
    private static int refusal(WebSocket.Builder b, String path) {
        try {
            b.buildAsync(URI.create("ws://127.0.0.1:" + port + path), new WebSocket.Listener() { }).join().abort();
            throw new AssertionError("handshake to " + path + " was accepted");
        } catch (java.util.concurrent.CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
            return ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    @Test
    void unreadableAndMisaddressedRecordsAreDroppedAndTheAgentStillServed() throws Exception {
        try (TestAgent a = TestAgent.connect(port, "os::bad-records")) {
            a.sendBytes(new byte[] {0x0a, (byte) 0xff, 0x01, 0x02});
            a.sendBytes(a.record("proto::someone-else").setWebsocketConnect(UspRecord.WebSocketConnectRecord
                .getDefaultInstance()).build().toByteArray());
            a.sendBytes(UspRecord.Record.newBuilder().setVersion("1.3").setFromId("os::impostor").setToId(CONTROLLER)
                .setWebsocketConnect(UspRecord.WebSocketConnectRecord.getDefaultInstance()).build().toByteArray());
            // None of those got an answer; a proper connect record gets the controller's DeviceInfo read.
            a.connectRecord(CONTROLLER);
            UspMsg.Msg first = a.next();
            assertThat(first.getHeader().getMsgType()).isEqualTo(UspMsg.Header.MsgType.GET);
            assertThat(first.getBody().getRequest().getGet().getParamPathsList()).contains("Device.DeviceInfo.");
            assertThat(a.received).isEmpty();
        }
    }

    @Test
    void messageErrorsAreAnsweredWithTheirCodes() throws Exception {
        try (TestAgent a = TestAgent.connect(port, "os::bad-messages")) {
            a.sendBytes(a.record(CONTROLLER).setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder()
                .setPayload(com.google.protobuf.ByteString.copyFrom(new byte[] {0x12, 0x7f, 0x00}))).build().toByteArray());
            UspMsg.Msg e = skipGets(a);
            assertThat(e.getBody().getError().getErrCode()).isEqualTo(7000);

            a.send(CONTROLLER, UspMsg.Msg.newBuilder().setHeader(UspMsg.Header.newBuilder().setMsgId("m-1")
                .setMsgType(UspMsg.Header.MsgType.GET)).setBody(UspMsg.Body.newBuilder().setRequest(UspMsg.Request
                    .newBuilder().setGet(UspMsg.Get.newBuilder().addParamPaths("Device.")))).build());
            UspMsg.Msg unsupported = skipGets(a);
            assertThat(unsupported.getHeader().getMsgId()).isEqualTo("m-1");
            assertThat(unsupported.getBody().getError().getErrCode()).isEqualTo(7001);

            a.sendBytes(a.record(CONTROLLER).setSessionContext(UspRecord.SessionContextRecord.newBuilder().setSessionId(1))
                .build().toByteArray());
            assertThat(skipGets(a).getBody().getError().getErrCode()).isEqualTo(7106);

            a.sendBytes(a.record(CONTROLLER).setVersion("9.9").setWebsocketConnect(UspRecord.WebSocketConnectRecord
                .getDefaultInstance()).build().toByteArray());
            assertThat(skipGets(a).getBody().getError().getErrCode()).isEqualTo(7104);
        }
    }

    /** The controller's own DeviceInfo read (this agent never answers it) is not what the test looks at. */
    private static UspMsg.Msg skipGets(TestAgent a) throws Exception {
        UspMsg.Msg m = a.next();
        while (m.getHeader().getMsgType() == UspMsg.Header.MsgType.GET) {
            m = a.next();
        }
        return m;
    }

    @Test
    void oversizedRecordClosesTheConnection() throws Exception {
        try (TestAgent a = TestAgent.connect(port, "os::too-big")) {
            a.ws.sendBinary(java.nio.ByteBuffer.wrap(new byte[10_000]), true);
            assertThat(a.closedWith.get(30, TimeUnit.SECONDS)).isIn(1009, -1);
        }
        stillServing();
    }

    @Test
    void floodFromOneAgentIsCutOff() throws Exception {
        try (TestAgent a = TestAgent.connect(port, "os::flood")) {
            byte[] junk = a.record("proto::nobody").setWebsocketConnect(UspRecord.WebSocketConnectRecord
                .getDefaultInstance()).build().toByteArray();
            for (int i = 0; i < 500 && !a.closedWith.isDone(); i++) {
                a.ws.sendBinary(java.nio.ByteBuffer.wrap(junk), true).exceptionally(e -> null).join();
            }
            assertThat(a.closedWith.get(30, TimeUnit.SECONDS)).isIn(1008, -1);
        }
        stillServing();
    }

    @Test
    void aNewConnectionReplacesTheOld() throws Exception {
        try (TestAgent first = TestAgent.connect(port, "os::twice");
             TestAgent second = TestAgent.connect(port, "os::twice")) {
            assertThat(first.closedWith.get(30, TimeUnit.SECONDS)).isEqualTo(1008);
            second.connectRecord(CONTROLLER);
            assertThat(second.next().getHeader().getMsgType()).isEqualTo(UspMsg.Header.MsgType.GET);
        }
    }

    private static void stillServing() throws Exception {
        try (TestAgent other = TestAgent.connect(port, "os::bystander-" + System.nanoTime())) {
            other.connectRecord(CONTROLLER);
            assertThat(other.next().getHeader().getMsgType()).isEqualTo(UspMsg.Header.MsgType.GET);
        }
    }
}

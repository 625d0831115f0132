package io.homeacs.server.cwmp.connreq;

import static io.homeacs.server.testsupport.ScriptedCpe.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.homeacs.server.security.Digest;
import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ACS reaches a device on demand: HTTP with Digest, or signed UDP when HTTP cannot get through. */
class ConnectionRequestTest {
    @TempDir
    Path dataDir;
    TestAcs acs;
    HttpServer crListener;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    String crUser;
    String crPass;

    @BeforeEach
    void start() throws Exception {
        acs = TestAcs.start(dataDir);
        crListener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        crListener.createContext("/cr", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            int status = 401;
            if (auth == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate",
                    "Digest realm=\"cpe\", qop=\"auth\", nonce=\"n0nce\", opaque=\"op\"");
            } else {
                authorizations.add(auth);
                Map<String, String> p = Digest.parseParams(auth);
                String expected = Digest.response(Digest.ha1(crUser, "cpe", crPass), "n0nce", p.get("nc"),
                    p.get("cnonce"), "auth", "GET", p.get("uri"));
                status = expected.equals(p.get("response")) && crUser.equals(p.get("username")) ? 200 : 401;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        crListener.start();
    }

    @AfterEach
    void stop() {
        crListener.stop(0);
        acs.close();
    }

    private ScriptedCpe onboard(String serial, String crUrl, String udpAddress) {
        ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00A0C9", "HG8245Q2", serial, "bootstrap", "bootstrap");
        assertThat(cpe.inform(events("0 BOOTSTRAP"), params(cpe, crUrl, udpAddress)).status()).isEqualTo(200);
        ScriptedCpe.Reply spv = cpe.emptyPost();
        crUser = Onboarding.valueOf(spv.body(), "Device.ManagementServer.ConnectionRequestUsername");
        crPass = Onboarding.valueOf(spv.body(), "Device.ManagementServer.ConnectionRequestPassword");
        ScriptedCpe.Reply gpv = cpe.respond(spv.cwmpId(),
            "<cwmp:SetParameterValuesResponse><Status>0</Status></cwmp:SetParameterValuesResponse>");
        cpe.respond(gpv.cwmpId(), "<cwmp:GetParameterValuesResponse><ParameterList></ParameterList>"
            + "</cwmp:GetParameterValuesResponse>");
        return cpe;
    }

    private static List<String[]> params(ScriptedCpe cpe, String crUrl, String udp) {
        return List.of(new String[] {"Device.DeviceInfo.SoftwareVersion", "1.0"},
            new String[] {"Device.ManagementServer.ConnectionRequestURL", crUrl},
            new String[] {"Device.ManagementServer.UDPConnectionRequestAddress", udp},
            new String[] {"Device.ManagementServer.ParameterKey", ""});
    }

    @Test
    void httpConnectionRequestUsesTheProvisionedDigestCredentials() {
        ScriptedCpe cpe = onboard("CR0001", "http://127.0.0.1:" + crListener.getAddress().getPort() + "/cr/CR0001", "");
        TestAcs.ApiReply r = acs.post("/api/v1/devices/" + cpe.deviceKey() + "/tasks",
            "{\"type\":\"reboot\",\"connectionRequest\":true}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body()).contains("\"delivered\":true").contains("\"via\":\"http\"");
        assertThat(authorizations).hasSize(1);
        assertThat(authorizations.get(0)).contains("username=\"" + crUser + "\"").contains("uri=\"/cr/CR0001\"");
    }

    @Test
    void unreachableHttpFallsBackToSignedUdp() throws Exception {
        try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            udp.setSoTimeout(10_000);
            ScriptedCpe cpe = onboard("CR0002", "http://127.0.0.1:1/unreachable", "127.0.0.1:" + udp.getLocalPort());
            TestAcs.ApiReply r = acs.post("/api/v1/devices/" + cpe.deviceKey() + "/tasks",
                "{\"type\":\"getRpcMethods\",\"connectionRequest\":true}");
            assertThat(r.body()).contains("\"via\":\"udp\"");
            DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
            udp.receive(packet);
            String msg = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            assertThat(msg).startsWith("GET http://127.0.0.1:" + udp.getLocalPort() + "?ts=").endsWith("\r\n\r\n");
            Map<String, String> q = query(msg.substring(msg.indexOf('?') + 1, msg.indexOf(" HTTP/1.1")));
            assertThat(q.get("un")).isEqualTo(crUser);
            assertThat(q.get("sig")).isEqualTo(UdpConnectionRequester.sign(crPass,
                q.get("ts") + q.get("id") + q.get("un") + q.get("cn")));
        }
    }

    @Test
    void unreachableDeviceIsReportedAndTheTaskStaysQueued() {
        ScriptedCpe cpe = onboard("CR0003", "http://127.0.0.1:1/unreachable", "");
        TestAcs.ApiReply r = acs.post("/api/v1/devices/" + cpe.deviceKey() + "/tasks",
            "{\"type\":\"getRpcMethods\",\"connectionRequest\":true,\"waitSeconds\":1}");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body()).contains("\"delivered\":false").contains("\"state\":\"queued\"");
    }

    private static Map<String, String> query(String q) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }
}

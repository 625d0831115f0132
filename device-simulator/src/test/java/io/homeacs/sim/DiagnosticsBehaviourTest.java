package io.homeacs.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A simulated ONT's TR-143 objects as an ACS sees them: a requested test runs after the session and is
 * announced with "8 DIAGNOSTICS COMPLETE"; states other than Requested cannot be written; the simulated
 * network behind ping and trace route is deterministic.
 */
class DiagnosticsBehaviourTest {
    private static final String PING = "Device.IP.Diagnostics.IPPing.";
    private static final String TRACE098 = "InternetGatewayDevice.TraceRouteDiagnostics.";
    private FakeAcs acs;
    private Fleet fleet;

    @BeforeEach
    void setUp() throws Exception {
        acs = new FakeAcs();
        acs.allow("bootstrap", "bootstrap");
    }

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
        acs.close();
    }

    private SimulatorConfig ont(double tr098Share) {
        return SimulatorConfig.defaults(acs.url()).withKind(DeviceKind.ONT).withTr098Share(tr098Share)
                .withRetryMinWaitSeconds(1);
    }

    private static String set(String... nameTypeValue) {
        StringBuilder sb = new StringBuilder("<cwmp:SetParameterValues><ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct["
                + nameTypeValue.length / 3 + "]\">");
        for (int i = 0; i < nameTypeValue.length; i += 3) {
            sb.append("<ParameterValueStruct><Name>").append(nameTypeValue[i]).append("</Name><Value xsi:type=\"xsd:")
                    .append(nameTypeValue[i + 1]).append("\">").append(nameTypeValue[i + 2]).append("</Value></ParameterValueStruct>");
        }
        return sb.append("</ParameterList><ParameterKey>diag</ParameterKey></cwmp:SetParameterValues>").toString();
    }

    @Test
    void aRequestedPingRunsAfterTheSessionAndIsAnnounced() throws Exception {
        acs.enqueue("SIMO000001", set(PING + "Host", "string", "dns.isp.example", PING + "NumberOfRepetitions", "unsignedInt",
                "3", PING + "DiagnosticsState", "string", "Requested"));
        fleet = Fleet.start(ont(0));
        SimulatedDevice d = fleet.devices().get(0);
        assertThat(acs.next("SetParameterValuesResponse").body().requiredText("Status")).isEqualTo("0");
        String inform = acs.next("Inform").rawXml();
        while (!inform.contains("8 DIAGNOSTICS COMPLETE")) {
            inform = acs.next("Inform").rawXml();
        }
        assertThat(d.value(PING + "DiagnosticsState")).contains("Complete");
        assertThat(d.value(PING + "SuccessCount")).contains("3");
        assertThat(Integer.parseInt(d.value(PING + "AverageResponseTime").orElseThrow())).isBetween(3, 60);
        assertThat(d.value(PING + "IPAddressUsed").orElseThrow()).startsWith("100.");
    }

    @Test
    void onlyRequestedMayBeWrittenAndAnUnresolvableTraceFails() throws Exception {
        acs.enqueue("SIMO000001", set(TRACE098 + "DiagnosticsState", "string", "Complete"));
        acs.enqueue("SIMO000001", set(TRACE098 + "Host", "string", "nowhere.invalid", TRACE098 + "DiagnosticsState", "string",
                "Requested"));
        fleet = Fleet.start(ont(1.0));
        SimulatedDevice d = fleet.devices().get(0);
        String fault = acs.next("Fault").rawXml();
        assertThat(fault).contains("9003", TRACE098 + "DiagnosticsState", "9007");
        acs.next("SetParameterValuesResponse");
        String inform = acs.next("Inform").rawXml();
        while (!inform.contains("8 DIAGNOSTICS COMPLETE")) {
            inform = acs.next("Inform").rawXml();
        }
        assertThat(d.value(TRACE098 + "DiagnosticsState")).contains("Error_CannotResolveHostName");
    }

    @Test
    void theSimulatedNetworkIsDeterministic() {
        assertThat(SimulatedNetwork.resolve("nowhere.invalid").address()).isNull();
        assertThat(SimulatedNetwork.resolve("localhost").address()).isEqualTo("127.0.0.1");
        SimulatedNetwork.Target named = SimulatedNetwork.resolve("dns.isp.example");
        assertThat(named.address()).startsWith("198.1").isEqualTo(SimulatedNetwork.resolve("DNS.isp.example").address());
        assertThat(named.baseRttMs()).isBetween(3, 42);
        SimulatedNetwork.Target silent = SimulatedNetwork.resolve("192.0.2.7");
        assertThat(SimulatedNetwork.echo(silent, new SplittableRandom(1))).isEqualTo(-1);

        List<SimulatedNetwork.Hop> route = SimulatedNetwork.route(named, 30, 3, new SplittableRandom(1));
        assertThat(route.get(0).address()).isEqualTo(SimulatedNetwork.BNG);
        assertThat(route.get(route.size() - 1).address()).isEqualTo(named.address());
        assertThat(route).allSatisfy(h -> assertThat(h.rtts()).hasSize(3));
        assertThat(SimulatedNetwork.route(named, 2, 1, new SplittableRandom(1))).hasSize(2)
                .noneMatch(h -> named.address().equals(h.address()));
        List<SimulatedNetwork.Hop> lost = SimulatedNetwork.route(silent, 8, 1, new SplittableRandom(1));
        assertThat(lost).hasSize(8);
        assertThat(lost.get(7).address()).isNull();
    }
}

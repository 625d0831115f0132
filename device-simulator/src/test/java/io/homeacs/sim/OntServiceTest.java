package io.homeacs.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ONT's registration ID on the wire, and its service objects reacting within a session. */
class OntServiceTest {
    private static final String PPP = "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.";
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

    @Test
    void everyInformCarriesTheLoidByDefaultLPlusSerial() throws Exception {
        fleet = Fleet.start(ont(0));
        String inform = acs.next("Inform").rawXml();
        assertThat(inform).contains("<Name>Device.X_CT-COM_UserInfo.UserName</Name>", ">LSIMO000001<");
        fleet.devices().get(0).inform("6 CONNECTION REQUEST");
        assertThat(acs.next("Inform").rawXml()).contains("6 CONNECTION REQUEST", ">LSIMO000001<");
    }

    @Test
    void loidPatternIsConfigurable() throws Exception {
        fleet = Fleet.start(ont(1.0).withDevices(2).withLoidPattern("GZ{index}-{serial}"));
        assertThat(fleet.awaitAllBooted(Duration.ofSeconds(30))).isTrue();
        SimulatedDevice second = fleet.device("SIMO000002");
        assertThat(second.value("InternetGatewayDevice.X_CT-COM_UserInfo.UserName")).contains("GZ2-SIMO000002");
        assertThat(acs.drain()).anySatisfy(r -> assertThat(r.rawXml())
                .contains("<Name>InternetGatewayDevice.X_CT-COM_UserInfo.UserName</Name>", ">GZ2-SIMO000002<"));
    }

    @Test
    void pppCredentialsAndEnableBringTheLineUpAndItsAddressIsNotified() throws Exception {
        acs.enqueue("SIMO000001", "<cwmp:SetParameterValues><ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[3]\">"
                + "<ParameterValueStruct><Name>" + PPP + "Username</Name><Value xsi:type=\"xsd:string\">jane@fiber</Value></ParameterValueStruct>"
                + "<ParameterValueStruct><Name>" + PPP + "Password</Name><Value xsi:type=\"xsd:string\">pw</Value></ParameterValueStruct>"
                + "<ParameterValueStruct><Name>" + PPP + "Enable</Name><Value xsi:type=\"xsd:boolean\">1</Value></ParameterValueStruct>"
                + "</ParameterList><ParameterKey>svc-1</ParameterKey></cwmp:SetParameterValues>");
        acs.enqueue("SIMO000001", "<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=\"xsd:string[3]\">"
                + "<string>" + PPP + "ConnectionStatus</string><string>" + PPP + "ExternalIPAddress</string>"
                + "<string>" + PPP + "Password</string></ParameterNames></cwmp:GetParameterValues>");
        fleet = Fleet.start(ont(1.0));
        SimulatedDevice d = fleet.devices().get(0);
        assertThat(acs.next("SetParameterValuesResponse").body().requiredText("Status")).isEqualTo("0");
        String gpv = acs.next("GetParameterValuesResponse").rawXml();
        String address = d.value(PPP + "ExternalIPAddress").orElseThrow();
        assertThat(address).startsWith("100.");
        assertThat(gpv).as("connected within the same session").contains(">Connected<", ">" + address + "<")
                .doesNotContain(">pw<");
        String valueChange = acs.next("Inform").rawXml();
        assertThat(valueChange).as("ExternalIPAddress is active-notified on TR-098")
                .contains("4 VALUE CHANGE", PPP + "ExternalIPAddress", address);
    }
}

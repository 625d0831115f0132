package io.homeacs.server.cwmp.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SoapDecoderInformTest {

    private final SoapDecoder decoder = new SoapDecoder();

    static final String TR098_INFORM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" \
            xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" \
            xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xmlns:cwmp="urn:dslforum-org:cwmp-1-0">
              <SOAP-ENV:Header>
                <cwmp:ID SOAP-ENV:mustUnderstand="1">1234567</cwmp:ID>
              </SOAP-ENV:Header>
              <SOAP-ENV:Body SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
                <cwmp:Inform>
                  <DeviceId>
                    <Manufacturer>ZyXEL</Manufacturer>
                    <OUI>001349</OUI>
                    <ProductClass>VMG1312-B10A</ProductClass>
                    <SerialNumber>S090Y12345678</SerialNumber>
                  </DeviceId>
                  <Event SOAP-ENC:arrayType="cwmp:EventStruct[3]">
                    <EventStruct><EventCode>0 BOOTSTRAP</EventCode><CommandKey></CommandKey></EventStruct>
                    <EventStruct><EventCode>1 BOOT</EventCode><CommandKey/></EventStruct>
                    <EventStruct><EventCode>M Reboot</EventCode><CommandKey>reboot-7</CommandKey></EventStruct>
                  </Event>
                  <MaxEnvelopes>1</MaxEnvelopes>
                  <CurrentTime>2024-03-01T10:15:30+01:00</CurrentTime>
                  <RetryCount>0</RetryCount>
                  <ParameterList SOAP-ENC:arrayType="cwmp:ParameterValueStruct[5]">
                    <ParameterValueStruct>
                      <Name>InternetGatewayDevice.DeviceSummary</Name>
                      <Value xsi:type="xsd:string">InternetGatewayDevice:1.1[](Baseline:1, EthernetLAN:1)</Value>
                    </ParameterValueStruct>
                    <ParameterValueStruct>
                      <Name>InternetGatewayDevice.DeviceInfo.SoftwareVersion</Name>
                      <Value xsi:type="xsd:string">V5.13(AAJZ.5)C0</Value>
                    </ParameterValueStruct>
                    <ParameterValueStruct>
                      <Name>InternetGatewayDevice.ManagementServer.ConnectionRequestURL</Name>
                      <Value xsi:type="xsd:string">http://10.0.0.2:7547/cr?a=1&amp;b=2</Value>
                    </ParameterValueStruct>
                    <ParameterValueStruct>
                      <Name>InternetGatewayDevice.ManagementServer.PeriodicInformInterval</Name>
                      <Value xsi:type="xsd:unsignedInt">3600</Value>
                    </ParameterValueStruct>
                    <ParameterValueStruct>
                      <Name>InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress</Name>
                      <Value>192.0.2.10</Value>
                    </ParameterValueStruct>
                  </ParameterList>
                </cwmp:Inform>
              </SOAP-ENV:Body>
            </SOAP-ENV:Envelope>
            """;

    @Test
    void decodesTr098InformWithEventsAndArrays() throws Exception {
        CpeEnvelope env = decoder.decode(Samples.utf8(TR098_INFORM));

        assertThat(env.version()).isEqualTo(CwmpVersion.V1_0);
        assertThat(env.id()).isEqualTo("1234567");
        assertThat(env.holdRequests()).isFalse();
        assertThat(env.message().methodName()).isEqualTo("Inform");
        Inform inform = (Inform) env.message();
        assertThat(inform.deviceId())
                .isEqualTo(new DeviceIdStruct("ZyXEL", "001349", "VMG1312-B10A", "S090Y12345678"));
        assertThat(inform.events()).containsExactly(
                new EventStruct("0 BOOTSTRAP", ""),
                new EventStruct("1 BOOT", ""),
                new EventStruct("M Reboot", "reboot-7"));
        assertThat(inform.hasEvent("1 BOOT")).isTrue();
        assertThat(inform.maxEnvelopes()).isEqualTo(1);
        assertThat(inform.currentTime()).isEqualTo("2024-03-01T10:15:30+01:00");
        assertThat(inform.retryCount()).isZero();
        assertThat(inform.parameters()).hasSize(5);
        assertThat(inform.parameters().get(2)).isEqualTo(new ParameterValue(
                "InternetGatewayDevice.ManagementServer.ConnectionRequestURL", "http://10.0.0.2:7547/cr?a=1&b=2",
                "xsd:string"));
        assertThat(inform.parameters().get(3).type()).isEqualTo("xsd:unsignedInt");
        assertThat(inform.parameters().get(4).type()).as("absent xsi:type").isEqualTo("xsd:string");
    }

    @Test
    void decodesTr181InformWithOtherPrefixesAndTypes() throws Exception {
        String xml = """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" \
                xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" \
                xmlns:c="urn:dslforum-org:cwmp-1-2"><soapenv:Header><c:ID soapenv:mustUnderstand="1">\
                abc-1</c:ID></soapenv:Header><soapenv:Body><c:Inform><DeviceId><Manufacturer>Acme</Manufacturer>\
                <OUI>A1B2C3</OUI><ProductClass>Router X</ProductClass><SerialNumber>SN0001</SerialNumber>\
                </DeviceId><Event soapenc:arrayType="c:EventStruct[2]"><EventStruct><EventCode>2 PERIODIC\
                </EventCode><CommandKey></CommandKey></EventStruct><EventStruct><EventCode>4 VALUE CHANGE\
                </EventCode><CommandKey></CommandKey></EventStruct></Event><MaxEnvelopes>1</MaxEnvelopes>\
                <CurrentTime>2024-03-01T09:15:30Z</CurrentTime><RetryCount>2</RetryCount>\
                <ParameterList soapenc:arrayType="c:ParameterValueStruct[4]">\
                <ParameterValueStruct><Name>Device.RootDataModelVersion</Name>\
                <Value i:type="xs:string">2.17</Value></ParameterValueStruct>\
                <ParameterValueStruct><Name>Device.DeviceInfo.UpTime</Name>\
                <Value i:type="xs:unsignedInt">86400</Value></ParameterValueStruct>\
                <ParameterValueStruct><Name>Device.WiFi.SSID.1.Enable</Name>\
                <Value i:type="xs:boolean">true</Value></ParameterValueStruct>\
                <ParameterValueStruct><Name>Device.WiFi.SSID.1.SSID</Name>\
                <Value i:type="xs:string">  my wifi  </Value></ParameterValueStruct>\
                </ParameterList></c:Inform></soapenv:Body></soapenv:Envelope>""";

        CpeEnvelope env = decoder.decode(Samples.utf8(xml));

        assertThat(env.version()).isEqualTo(CwmpVersion.V1_2);
        assertThat(env.id()).isEqualTo("abc-1");
        Inform inform = (Inform) env.message();
        assertThat(inform.deviceId().productClass()).isEqualTo("Router X");
        assertThat(inform.events()).extracting(EventStruct::eventCode).containsExactly("2 PERIODIC", "4 VALUE CHANGE");
        assertThat(inform.retryCount()).isEqualTo(2);
        assertThat(inform.parameters()).extracting(ParameterValue::type)
                .as("xs: prefix normalised to xsd:")
                .containsExactly("xsd:string", "xsd:unsignedInt", "xsd:boolean", "xsd:string");
        assertThat(inform.parameters().get(3).value()).as("values keep their whitespace").isEqualTo("  my wifi  ");
    }

    @Test
    void decodesCwmp14InformWithHoldRequestsAndExtraHeaders() throws Exception {
        String xml = """
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:cwmp="urn:dslforum-org:cwmp-1-4">
                  <s:Header>
                    <cwmp:ID s:mustUnderstand="1">77</cwmp:ID>
                    <cwmp:HoldRequests s:mustUnderstand="1">1</cwmp:HoldRequests>
                    <cwmp:SupportedCWMPVersions s:mustUnderstand="0">1.0,1.1,1.2,1.3,1.4</cwmp:SupportedCWMPVersions>
                  </s:Header>
                  <s:Body>
                    <cwmp:Inform>
                      <DeviceId><Manufacturer>M</Manufacturer><OUI>000000</OUI>
                        <ProductClass>P</ProductClass><SerialNumber>S</SerialNumber></DeviceId>
                      <Event><EventStruct><EventCode>6 CONNECTION REQUEST</EventCode><CommandKey/></EventStruct></Event>
                      <MaxEnvelopes>1</MaxEnvelopes><CurrentTime>0001-01-01T00:00:00Z</CurrentTime>
                      <RetryCount>0</RetryCount><ParameterList/>
                    </cwmp:Inform>
                  </s:Body>
                </s:Envelope>""";

        CpeEnvelope env = decoder.decode(Samples.utf8(xml));

        assertThat(env.version()).isEqualTo(CwmpVersion.V1_4);
        assertThat(env.id()).isEqualTo("77");
        assertThat(env.holdRequests()).isTrue();
        assertThat(((Inform) env.message()).parameters()).isEmpty();
    }

    @Test
    void toleratesCommentsCdataQualifiedChildrenAndUnknownElements() throws Exception {
        String body = """
                <!-- vendor build 1.2.3 -->
                <cwmp:Inform>
                  <cwmp:DeviceId><cwmp:Manufacturer>M</cwmp:Manufacturer><OUI>0<!-- c -->01</OUI>
                    <X_VENDOR_Extra><Deep><Deeper>ignored</Deeper></Deep></X_VENDOR_Extra>
                    <ProductClass><![CDATA[P&Q]]></ProductClass><SerialNumber>S</SerialNumber></cwmp:DeviceId>
                  <vnd:Extra xmlns:vnd="urn:example:vendor"><Name>not a field</Name></vnd:Extra>
                  <Event/><MaxEnvelopes> 1 </MaxEnvelopes><CurrentTime/><RetryCount>3</RetryCount>
                  <ParameterList><ParameterValueStruct><Name>Device.X</Name><Value>&lt;&amp;&gt;&quot;&#x263A;</Value>
                  </ParameterValueStruct></ParameterList>
                </cwmp:Inform>
                <?processing instruction?>""";

        Inform inform = (Inform) decoder.decode(Samples.envelope(body)).message();

        assertThat(inform.deviceId()).isEqualTo(new DeviceIdStruct("M", "001", "P&Q", "S"));
        assertThat(inform.maxEnvelopes()).isEqualTo(1);
        assertThat(inform.retryCount()).isEqualTo(3);
        assertThat(inform.events()).isEmpty();
        assertThat(inform.parameters()).containsExactly(new ParameterValue("Device.X", "<&>\"\u263A", "xsd:string"));
    }

    @Test
    void envelopeWithoutHeaderHasNullId() throws Exception {
        byte[] xml = Samples.envelope(Samples.NS_12, null, "<cwmp:GetRPCMethods/>");

        CpeEnvelope env = decoder.decode(xml);

        assertThat(env.id()).isNull();
        assertThat(env.message()).isEqualTo(new CpeGetRpcMethods());
    }

    @Test
    void decodesUtf16AndByteOrderMark() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] env = Samples.envelope("<cwmp:GetRPCMethods/>");
        byte[] withBom = new byte[bom.length + env.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(env, 0, withBom, bom.length, env.length);
        assertThat(decoder.decode(withBom).message().methodName()).isEqualTo("GetRPCMethods");

        String utf16 = new String(env, java.nio.charset.StandardCharsets.UTF_8).replace("UTF-8", "UTF-16");
        assertThat(decoder.decode(utf16.getBytes(java.nio.charset.StandardCharsets.UTF_16)).version())
                .isEqualTo(CwmpVersion.V1_2);
    }

    @Test
    void sharedDecoderIsThreadSafe() throws Exception {
        byte[] xml = Samples.utf8(TR098_INFORM);
        Inform expected = (Inform) decoder.decode(xml).message();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Inform>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tasks.add(() -> (Inform) decoder.decode(xml).message());
            }
            for (Future<Inform> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.homeacs.server.bench;

import io.homeacs.server.cwmp.soap.CpeEnvelope;
import io.homeacs.server.cwmp.soap.CwmpVersion;
import io.homeacs.server.cwmp.soap.GetParameterValues;
import io.homeacs.server.cwmp.soap.InformResponse;
import io.homeacs.server.cwmp.soap.SoapDecodeException;
import io.homeacs.server.cwmp.soap.SoapDecoder;
import io.homeacs.server.cwmp.soap.SoapEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the CWMP codec on the periodic-Inform path: decode one Inform, encode its InformResponse,
 * encode a GetParameterValues. Run: see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    private final SoapDecoder decoder = new SoapDecoder();
    private final SoapEncoder encoder = new SoapEncoder();
    private final byte[] inform = informXml().getBytes(StandardCharsets.UTF_8);
    private final GetParameterValues gpv = new GetParameterValues(List.of("Device.DeviceInfo.", "Device.WiFi.SSID.1.SSID"));

    @Benchmark
    public CpeEnvelope decodeInform() throws SoapDecodeException {
        return decoder.decode(inform);
    }

    @Benchmark
    public byte[] encodeInformResponse() {
        return encoder.encode(CwmpVersion.V1_2, "inform-1", false, new InformResponse(1));
    }

    @Benchmark
    public byte[] encodeGetParameterValues() {
        return encoder.encode(CwmpVersion.V1_2, "task-1.1", false, gpv);
    }

    static String informXml() {
        StringBuilder params = new StringBuilder();
        String[][] p = {{"Device.RootDataModelVersion", "2.17"}, {"Device.DeviceInfo.HardwareVersion", "HW-1.2"},
            {"Device.DeviceInfo.SoftwareVersion", "V5R020C10S115"}, {"Device.DeviceInfo.ProvisioningCode", ""},
            {"Device.ManagementServer.ParameterKey", "task-17"},
            {"Device.ManagementServer.ConnectionRequestURL", "http://10.20.30.40:7547/cr/SIMO000001"},
            {"Device.IP.Interface.1.IPv4Address.1.IPAddress", "10.20.30.40"}};
        for (String[] kv : p) {
            params.append("<ParameterValueStruct><Name>").append(kv[0]).append("</Name><Value xsi:type=\"xsd:string\">")
                .append(kv[1]).append("</Value></ParameterValueStruct>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap-env:Envelope "
            + "xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
            + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            + "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-2\"><soap-env:Header><cwmp:ID soap-env:mustUnderstand=\"1\">inform-1"
            + "</cwmp:ID></soap-env:Header><soap-env:Body><cwmp:Inform><DeviceId><Manufacturer>OptiLink</Manufacturer>"
            + "<OUI>A4C3F0</OUI><ProductClass>HG8245Q2</ProductClass><SerialNumber>SIMO000001</SerialNumber></DeviceId>"
            + "<Event soap-enc:arrayType=\"cwmp:EventStruct[1]\"><EventStruct><EventCode>2 PERIODIC</EventCode><CommandKey>"
            + "</CommandKey></EventStruct></Event><MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2026-11-21T10:00:00Z</CurrentTime>"
            + "<RetryCount>0</RetryCount><ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[" + p.length + "]\">"
            + params + "</ParameterList></cwmp:Inform></soap-env:Body></soap-env:Envelope>";
    }
}

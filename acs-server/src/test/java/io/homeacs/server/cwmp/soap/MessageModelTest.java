package io.homeacs.server.cwmp.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageModelTest {

    @Test
    void versionNamespaces() {
        assertThat(CwmpVersion.V1_0.namespace()).isEqualTo("urn:dslforum-org:cwmp-1-0");
        assertThat(CwmpVersion.V1_4.namespace()).isEqualTo("urn:dslforum-org:cwmp-1-4");
        for (CwmpVersion v : CwmpVersion.values()) {
            assertThat(CwmpVersion.fromNamespace(v.namespace())).isSameAs(v);
        }
        assertThat(CwmpVersion.fromNamespace("urn:dslforum-org:cwmp-1-5")).isNull();
        assertThat(CwmpVersion.fromNamespace(null)).isNull();
    }

    @Test
    void listComponentsAreCopiedAndNullSafe() {
        List<String> names = new ArrayList<>(List.of("A."));
        GetParameterValues g = new GetParameterValues(names);
        names.add("B.");
        assertThat(g.names()).containsExactly("A.");
        assertThatThrownBy(() -> g.names().add("C.")).isInstanceOf(UnsupportedOperationException.class);

        assertThat(new GetParameterValues(null).names()).isEmpty();
        assertThat(new Inform(new DeviceIdStruct("m", "o", "p", "s"), null, 1, "", 0, null).events()).isEmpty();
        assertThat(new CwmpFault(9002, null, null).parameterFaults()).isEmpty();
        assertThat(new CwmpFault(9002, null, null).faultString()).isEmpty();
        assertThat(new ChangeDuState("k", null).operations()).isEmpty();
        assertThat(new SetParameterAttribute("A", true, 1, false, null).accessList()).isEmpty();
    }

    @Test
    void parameterValueDefaultsToString() {
        assertThat(new ParameterValue("A", "1", null).type()).isEqualTo("xsd:string");
        assertThat(ParameterValue.of("A", "1").type()).isEqualTo("xsd:string");
    }

    @Test
    void wireNames() {
        assertThat(new GetRpcMethods().methodName()).isEqualTo("GetRPCMethods");
        assertThat(new GetRpcMethods().responseName()).isEqualTo("GetRPCMethodsResponse");
        assertThat(new ChangeDuState("k", List.of()).responseName()).isEqualTo("ChangeDUStateResponse");
        assertThat(new ChangeDuStateResponse().methodName()).isEqualTo("ChangeDUStateResponse");
        assertThat(new CpeGetRpcMethods().methodName()).isEqualTo("GetRPCMethods");
        assertThat(new AcsGetRpcMethodsResponse(List.of()).methodName()).isEqualTo("GetRPCMethodsResponse");
        assertThat(new DuStateChangeComplete("k", List.of()).methodName()).isEqualTo("DUStateChangeComplete");
        assertThat(new AutonomousDuStateChangeCompleteResponse().methodName())
                .isEqualTo("AutonomousDUStateChangeCompleteResponse");
        assertThat(CwmpFault.of(8000, "x").methodName()).isEqualTo("Fault");
    }

    @Test
    void everyRpcResponseNameIsDecodable() throws Exception {
        SoapDecoder decoder = new SoapDecoder();
        List<RpcRequest> requests = List.of(new GetRpcMethods(), new GetParameterNames("", false),
                new GetParameterValues(List.of()), new SetParameterValues(List.of(), ""),
                new GetParameterAttributes(List.of()), new SetParameterAttributes(List.of()), new AddObject("A.", ""),
                new DeleteObject("A.1.", ""), new Reboot(""), new FactoryReset(),
                new Download("", "", "", "", "", 0, "", 0, "", ""), new Upload("", "", "", "", "", 0),
                new ScheduleInform(0, ""), new ScheduleDownload("", "", "", "", "", 0, "", List.of()),
                new CancelTransfer(""), new GetAllQueuedTransfers(), new ChangeDuState("", List.of()));
        for (RpcRequest r : requests) {
            String name = r.responseName();
            CpeMessage m = decoder.decode(Samples.envelope("<cwmp:" + name + "/>")).message();
            assertThat(m).as(name).isInstanceOf(RpcResponse.class);
            assertThat(m.methodName()).isEqualTo(name);
        }
    }

    @Test
    void encodedFaultDecodesBackToTheSameFault() throws Exception {
        CwmpFault fault = new CwmpFault(9003, "Invalid arguments & more",
                List.of(new SpvFault("Device.A", 9007, "bad <value>")));
        byte[] bytes = new SoapEncoder().encode(CwmpVersion.V1_2, "77", false, fault);

        CpeEnvelope env = new SoapDecoder().decode(bytes);

        assertThat(env.message()).isEqualTo(fault);
        assertThat(env.version()).isEqualTo(CwmpVersion.V1_2);
        assertThat(env.id()).isEqualTo("77");
    }
}

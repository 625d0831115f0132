package io.homeacs.server.cwmp.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.homeacs.server.cwmp.soap.SoapDecodeException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SoapDecoderErrorTest {

    private static final String BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" \
            xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><soap:Body><cwmp:Inform><DeviceId>\
            <Manufacturer>&lol9;</Manufacturer></DeviceId></cwmp:Inform></soap:Body></soap:Envelope>
            """;

    /** The hardening must hold for Woodstox (what newInstance() finds via CXF) and for the JDK's parser. */
    static Stream<Arguments> decoders() {
        return Stream.of(
                Arguments.of("default", new SoapDecoder()),
                Arguments.of("jdk", new SoapDecoder(XMLInputFactory.newDefaultFactory())));
    }

    @Test
    void defaultFactoryIsWoodstoxSoItsSettingsAreWhatWeTest() {
        assertThat(XMLInputFactory.newInstance().getClass().getName()).startsWith("com.ctc.wstx");
    }

    private static SoapDecodeException fail(SoapDecoder decoder, byte[] body) {
        SoapDecodeException e = catchThrowableOfType(() -> decoder.decode(body), SoapDecodeException.class);
        assertThat(e).as("expected a SoapDecodeException").isNotNull();
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    void billionLaughsIsRejectedFastWithoutExpansion(String name, SoapDecoder decoder) {
        SoapDecodeException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> fail(decoder, Samples.utf8(BILLION_LAUGHS)));
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_XML);
        assertThat(e.getMessage()).doesNotContain("lollollol");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    void externalEntityIsNeverRead(String name, SoapDecoder decoder, @TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        for (String doctype : new String[] {
            "<!DOCTYPE e [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>",
            "<!DOCTYPE e [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
            "<!DOCTYPE e [<!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p;]>",
            "<!DOCTYPE e SYSTEM \"" + secret.toUri() + "\">"}) {
            String xml = "<?xml version=\"1.0\"?>" + doctype
                    + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
                    + " xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"><s:Body><cwmp:Inform><DeviceId>"
                    + "<Manufacturer>&xxe;</Manufacturer></DeviceId></cwmp:Inform></s:Body></s:Envelope>";

            SoapDecodeException e = fail(decoder, Samples.utf8(xml));

            assertThat(e.reason()).as(doctype).isEqualTo(Reason.MALFORMED_XML);
            assertThat(e.getMessage()).doesNotContain("TOP-SECRET").doesNotContain("root:");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    void undeclaredEntityReferenceIsMalformed(String name, SoapDecoder decoder) {
        byte[] xml = Samples.envelope("<cwmp:RebootResponse>&undeclared;</cwmp:RebootResponse>");
        assertThat(fail(decoder, xml).reason()).isEqualTo(Reason.MALFORMED_XML);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    void truncatedXmlIsMalformed(String name, SoapDecoder decoder) {
        byte[] full = Samples.utf8(SoapDecoderInformTest.TR098_INFORM);
        for (int cut : new int[] {10, full.length / 2, full.length - 25}) {
            SoapDecodeException e = fail(decoder, Arrays.copyOf(full, cut));
            assertThat(e.reason()).as("cut at " + cut).isEqualTo(Reason.MALFORMED_XML);
        }
    }

    @Test
    void truncationAfterTheHeaderKeepsTheId() {
        byte[] full = Samples.utf8(SoapDecoderInformTest.TR098_INFORM);
        SoapDecodeException e = fail(new SoapDecoder(), Arrays.copyOf(full, full.length - 25));
        assertThat(e.id()).isEqualTo("1234567");
        assertThat(e.version()).isEqualTo(CwmpVersion.V1_0);
    }

    @Test
    void garbageIsMalformed() {
        assertThat(fail(new SoapDecoder(), Samples.utf8("this is not xml")).reason()).isEqualTo(Reason.MALFORMED_XML);
        assertThat(fail(new SoapDecoder(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}).reason())
                .isEqualTo(Reason.MALFORMED_XML);
    }

    @Test
    void wellFormedButNotSoap() {
        assertThat(fail(new SoapDecoder(), Samples.utf8("<html><body>hi</body></html>")).reason())
                .isEqualTo(Reason.NOT_SOAP);
        String soap12 = "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/></e:Envelope>";
        assertThat(fail(new SoapDecoder(), Samples.utf8(soap12)).reason()).isEqualTo(Reason.NOT_SOAP);
        String noBody = "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Header/></e:Envelope>";
        assertThat(fail(new SoapDecoder(), Samples.utf8(noBody)).reason()).isEqualTo(Reason.NOT_SOAP);
    }

    @Test
    void unknownCwmpNamespace() {
        byte[] xml = Samples.envelope("urn:dslforum-org:cwmp-9-9", "5", "<cwmp:Inform/>");
        SoapDecodeException e = fail(new SoapDecoder(), xml);
        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_CWMP_VERSION);
        assertThat(e.id()).isEqualTo("5");
        assertThat(e.version()).isNull();

        byte[] unqualified = Samples.envelope("<Inform/>");
        assertThat(fail(new SoapDecoder(), unqualified).reason()).isEqualTo(Reason.UNSUPPORTED_CWMP_VERSION);
    }

    @Test
    void unknownMethodReportsVersionIdAndName() {
        byte[] xml = Samples.envelope(Samples.NS_12, "id-17", "<cwmp:FooBar><Arg>1</Arg></cwmp:FooBar>");
        SoapDecodeException e = fail(new SoapDecoder(), xml);
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_METHOD);
        assertThat(e.version()).isEqualTo(CwmpVersion.V1_2);
        assertThat(e.id()).isEqualTo("id-17");
        assertThat(e.methodName()).isEqualTo("FooBar");
    }

    @Test
    void acsSideMethodSentByCpeIsUnknown() {
        SoapDecodeException e = fail(new SoapDecoder(), Samples.envelope("<cwmp:GetParameterValues/>"));
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_METHOD);
        assertThat(e.methodName()).isEqualTo("GetParameterValues");
    }

    @Test
    void nonNumericMaxEnvelopesIsInvalidArguments() {
        String body = SoapDecoderInformTest.TR098_INFORM.replace("<MaxEnvelopes>1<", "<MaxEnvelopes>one<");
        SoapDecodeException e = fail(new SoapDecoder(), body.getBytes(StandardCharsets.UTF_8));
        assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENTS);
        assertThat(e.version()).isEqualTo(CwmpVersion.V1_0);
        assertThat(e.id()).isEqualTo("1234567");
        assertThat(e.methodName()).isEqualTo("Inform");
        assertThat(e.getMessage()).contains("MaxEnvelopes");
    }

    @Test
    void badBooleanAndOverflowAreInvalidArguments() {
        byte[] bool = Samples.envelope("""
                <cwmp:GetParameterNamesResponse><ParameterList><ParameterInfoStruct><Name>A.</Name>
                <Writable>yes</Writable></ParameterInfoStruct></ParameterList></cwmp:GetParameterNamesResponse>""");
        assertThat(fail(new SoapDecoder(), bool).reason()).isEqualTo(Reason.INVALID_ARGUMENTS);
        byte[] overflow = Samples.envelope(
                "<cwmp:SetParameterValuesResponse><Status>99999999999</Status></cwmp:SetParameterValuesResponse>");
        assertThat(fail(new SoapDecoder(), overflow).reason()).isEqualTo(Reason.INVALID_ARGUMENTS);
    }

    @Test
    void emptyBodyIsInvalidArguments() {
        byte[] xml = Samples.envelope(Samples.NS_10, "3", "<!-- nothing -->");
        SoapDecodeException e = fail(new SoapDecoder(), xml);
        assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENTS);
        assertThat(e.id()).isEqualTo("3");
        assertThat(e.version()).as("taken from the cwmp:ID header").isEqualTo(CwmpVersion.V1_0);
    }

    @Test
    void informWithoutDeviceIdIsInvalidArguments() {
        byte[] xml = Samples.envelope("<cwmp:Inform><MaxEnvelopes>1</MaxEnvelopes></cwmp:Inform>");
        assertThat(fail(new SoapDecoder(), xml).reason()).isEqualTo(Reason.INVALID_ARGUMENTS);
    }

    @Test
    void absurdNestingIsRejected() {
        String deep = "<a>".repeat(100) + "</a>".repeat(100);
        byte[] xml = Samples.envelope("<cwmp:RebootResponse>" + deep + "</cwmp:RebootResponse>");
        assertThat(fail(new SoapDecoder(), xml).reason()).isEqualTo(Reason.MALFORMED_XML);

        String modest = "<a>".repeat(20) + "</a>".repeat(20);
        assertThatCode(() -> new SoapDecoder().decode(
                Samples.envelope("<cwmp:RebootResponse>" + modest + "</cwmp:RebootResponse>")))
                .doesNotThrowAnyException();
    }
}

package io.homeacs.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.homeacs.firmware.Ed25519Keys;
import io.homeacs.firmware.ImageContainer;
import io.homeacs.firmware.ImageManifest;
import io.homeacs.firmware.ManifestSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A simulated ONT carrying out firmware Downloads against a scripted ACS and a file server that can
 * drop the connection: the upgrade with its Inform events, the resume after a cut, and each failure
 * a real CPE reports — corrupted file, foreign or missing signature, an image for another model,
 * power lost while flashing, a device that never comes back.
 */
class FirmwareUpgradeTest {
    private static final String ONT = "SIMO000001";
    private static final String OLD = "V5R020C10S115";
    private static final String NEW = "V5R020C10S200";
    private static final KeyPair OPERATOR = Ed25519Keys.generate();

    private FakeAcs acs;
    private Fleet fleet;
    private HttpServer files;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private volatile boolean cutNext;

    @BeforeEach
    void setUp() throws Exception {
        acs = new FakeAcs();
        acs.allow("bootstrap", "bootstrap");
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        files.createContext("/", this::serve);
        files.start();
    }

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
        files.stop(0);
        acs.close();
    }

    /** Whole file or "Range: bytes=n-" with ETag; when asked, the next response stops halfway. */
    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] file = served.get(ex.getRequestURI().getPath());
            if (file == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            String etag = "\"" + sha256(file) + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            String range = ex.getRequestHeaders().getFirst("Range");
            int from = 0;
            if (range != null && etag.equals(ex.getRequestHeaders().getFirst("If-Range"))) {
                ranges.add(range);
                from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
                ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (file.length - 1) + "/" + file.length);
                ex.sendResponseHeaders(206, file.length - from);
            } else {
                ex.sendResponseHeaders(200, file.length);
            }
            OutputStream out = ex.getResponseBody();
            if (cutNext) {
                cutNext = false;
                out.write(file, from, (file.length - from) / 2);
                out.flush();
                ex.getHttpContext().getServer(); // the exchange is closed without the rest: the client sees the line drop
                throw new IOException("cut on purpose");
            }
            out.write(file, from, file.length - from);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] image(String productClass, String version, KeyPair signer) {
        byte[] payload = new byte[400_000];
        new Random(3).nextBytes(payload);
        ImageManifest m = new ImageManifest("OptiLink", "A4C3F0", List.of(productClass), List.of(), version, payload.length,
                sha256(payload), "", List.of(), null, "fw.bin");
        byte[] header = ImageContainer.header(m, new ManifestSigner(signer.getPrivate()).sign(m));
        byte[] all = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, all, header.length, payload.length);
        return all;
    }

    private String put(String name, byte[] file) {
        served.put("/" + name, file);
        return "http://127.0.0.1:" + files.getAddress().getPort() + "/" + name;
    }

    private VirtualDevice start(FirmwareBehaviour b) {
        fleet = Fleet.start(SimulatorConfig.defaults(acs.url()).withKind(DeviceKind.ONT).withTr098Share(0)
                .withRetryMinWaitSeconds(1), b);
        assertThat(fleet.awaitAllBooted(Duration.ofSeconds(30))).isTrue();
        return (VirtualDevice) fleet.devices().get(0);
    }

    private static FirmwareBehaviour trusting() {
        return FirmwareBehaviour.DEFAULT.withTrustKeys(List.of(OPERATOR.getPublic())).withFlashMillis(100);
    }

    private void download(String key, String url, long size) {
        acs.enqueue(ONT, "<cwmp:Download><CommandKey>" + key + "</CommandKey><FileType>1 Firmware Upgrade Image</FileType><URL>"
                + url + "</URL><Username></Username><Password></Password><FileSize>" + size + "</FileSize>"
                + "<TargetFileName>fw.bin</TargetFileName><DelaySeconds>0</DelaySeconds><SuccessURL></SuccessURL>"
                + "<FailureURL></FailureURL></cwmp:Download>");
    }

    private String faultOf(FakeAcs.Received tc) throws Exception {
        return tc.body().required("FaultStruct").requiredText("FaultCode");
    }

    @Test
    void aSignedImageIsFetchedResumedVerifiedFlashedAndBootedInto() throws Exception {
        byte[] img = image("HG8245Q2", NEW, OPERATOR);
        cutNext = true;
        download("task-1", put("fw.hfw", img), img.length);
        VirtualDevice d = start(trusting());
        assertThat(acs.next("DownloadResponse").body().requiredText("Status")).isEqualTo("1");
        String inform = acs.next("Inform").rawXml();
        assertThat(inform).contains("<EventCode>1 BOOT</EventCode>", "<EventCode>7 TRANSFER COMPLETE</EventCode>",
                "<EventCode>M Download</EventCode>", "<CommandKey>task-1</CommandKey>", NEW);
        FakeAcs.Received tc = acs.next("TransferComplete");
        assertThat(faultOf(tc)).isEqualTo("0");
        assertThat(d.value("Device.DeviceInfo.SoftwareVersion")).contains(NEW);
        assertThat(ranges).as("the cut download was resumed, not restarted").hasSize(1);
        assertThat(ranges.get(0)).matches("bytes=\\d+-");
    }

    @Test
    void aCorruptedDownloadIsRefusedWith9018AndNoReboot() throws Exception {
        byte[] img = image("HG8245Q2", NEW, OPERATOR);
        download("task-2", put("fw.hfw", img), img.length);
        VirtualDevice d = start(trusting().withFailures(FirmwareBehaviour.Selector.serials(ONT), FirmwareBehaviour.Selector.NONE,
                FirmwareBehaviour.Selector.NONE, FirmwareBehaviour.Selector.NONE));
        acs.next("DownloadResponse");
        String inform = acs.next("Inform").rawXml();
        assertThat(inform).contains("7 TRANSFER COMPLETE", "M Download").doesNotContain("1 BOOT");
        FakeAcs.Received tc = acs.next("TransferComplete");
        assertThat(faultOf(tc)).isEqualTo("9018");
        assertThat(tc.rawXml()).contains("SHA-256");
        assertThat(d.value("Device.DeviceInfo.SoftwareVersion")).contains(OLD);
    }

    @Test
    void aForeignSignatureAndAnUnsignedImageFailAuthentication() throws Exception {
        byte[] foreign = image("HG8245Q2", NEW, Ed25519Keys.generate());
        download("task-3", put("foreign.hfw", foreign), foreign.length);
        byte[] plain = "version=V9.9.9\nunsigned".getBytes(StandardCharsets.US_ASCII);
        download("task-4", put("plain.bin", plain), plain.length);
        VirtualDevice d = start(trusting());
        acs.next("DownloadResponse");
        acs.next("DownloadResponse");
        FakeAcs.Received first = acs.next("TransferComplete");
        FakeAcs.Received second = acs.next("TransferComplete");
        assertThat(List.of(faultOf(first), faultOf(second))).containsOnly("9019");
        assertThat(first.rawXml() + second.rawXml()).contains("does not verify").contains("not signed");
        assertThat(d.value("Device.DeviceInfo.SoftwareVersion")).contains(OLD);
    }

    @Test
    void anImageForAnotherModelOrARefusingDeviceIsRefusedWith9010() throws Exception {
        byte[] other = image("HG8145V5", NEW, OPERATOR);
        download("task-5", put("other.hfw", other), other.length);
        start(trusting());
        acs.next("DownloadResponse");
        FakeAcs.Received tc = acs.next("TransferComplete");
        assertThat(faultOf(tc)).isEqualTo("9010");
        assertThat(tc.rawXml()).contains("image refused").contains("HG8145V5");
    }

    @Test
    void powerLostWhileFlashingBootsTheOldImageAndReportsTheFailure() throws Exception {
        byte[] img = image("HG8245Q2", NEW, OPERATOR);
        download("task-6", put("fw.hfw", img), img.length);
        VirtualDevice d = start(trusting().withFailures(FirmwareBehaviour.Selector.NONE, FirmwareBehaviour.Selector.NONE,
                FirmwareBehaviour.Selector.parse(ONT), FirmwareBehaviour.Selector.NONE));
        acs.next("DownloadResponse");
        String inform = acs.next("Inform").rawXml();
        assertThat(inform).contains("1 BOOT", "7 TRANSFER COMPLETE", "M Download", OLD).doesNotContain(NEW);
        FakeAcs.Received tc = acs.next("TransferComplete");
        assertThat(faultOf(tc)).isEqualTo("9010");
        assertThat(tc.rawXml()).contains("power lost");
        assertThat(d.value("Device.DeviceInfo.SoftwareVersion")).contains(OLD);
    }

    @Test
    void aDeviceThatNeverComesBackStaysSilentUntilPowerCycled() throws Exception {
        byte[] img = image("HG8245Q2", NEW, OPERATOR);
        download("task-7", put("fw.hfw", img), img.length);
        VirtualDevice d = start(trusting().withFailures(FirmwareBehaviour.Selector.NONE, FirmwareBehaviour.Selector.NONE,
                FirmwareBehaviour.Selector.NONE, FirmwareBehaviour.Selector.parse(ONT)));
        acs.next("DownloadResponse");
        for (int i = 0; i < 500 && !d.dark(); i++) {
            Thread.sleep(20);
        }
        assertThat(d.dark()).isTrue();
        assertThat(acs.drain()).extracting(FakeAcs.Received::method).doesNotContain("TransferComplete");
        d.inform("6 CONNECTION REQUEST");
        assertThat(d.dark()).as("a dark device takes no session").isTrue();
        d.powerCycle();
        String inform = acs.next("Inform").rawXml();
        assertThat(inform).contains("1 BOOT", OLD).doesNotContain("TRANSFER COMPLETE");
    }

    @Test
    void failureSelectorsPickAStableShareOfTheFleet() {
        FirmwareBehaviour.Selector tenth = FirmwareBehaviour.Selector.parse("0.1");
        long chosen = java.util.stream.IntStream.rangeClosed(1, 10_000)
                .filter(i -> tenth.selects(SimulatorConfig.serialNumber("SIM", 'O', i))).count();
        assertThat(chosen).isBetween(800L, 1200L);
        assertThat(tenth.selects("SIMO000042")).isEqualTo(FirmwareBehaviour.Selector.parse("0.1").selects("SIMO000042"));
        assertThat(FirmwareBehaviour.Selector.parse("A, B").selects("B")).isTrue();
        assertThat(FirmwareBehaviour.Selector.parse("0").selects("A")).isFalse();
        assertThat(FirmwareBehaviour.Selector.parse("1").selects("A")).isTrue();
    }
}

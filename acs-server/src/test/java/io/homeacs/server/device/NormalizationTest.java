package io.homeacs.server.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizationTest {
    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    private static Device device(String oui, DataModel model) {
        return new Device(1, oui + "-X-S1", new DeviceIdentity(oui, "X", "S1"), "V", null, null, null, DeviceKind.GATEWAY,
            false, model, "CWMP", "cwmp-1-2", T, T, null, null, null, null, null, null, null);
    }

    private static ParameterDocument doc(String... pairs) {
        ParameterDocument d = ParameterDocument.empty();
        for (int i = 0; i < pairs.length; i += 2) {
            d.merge(List.of(new ParamValue(pairs[i], pairs[i + 1], "xsd:string")), T);
        }
        return d;
    }

    @Test
    void tr181AndVendorPathsResolveToOneConceptInItsUnit(@TempDir Path dir) {
        Normalization n = Normalization.load(dir.resolve("none.json"));
        ParameterDocument tr181 = doc("Device.Optical.Interface.10.OpticalSignalLevel", "-30000",
            "Device.Optical.Interface.2.OpticalSignalLevel", "-18250", "Device.WiFi.SSID.1.SSID", "Home");
        Normalization.Value rx = n.resolve("opticalRxPower", device("A4C3F0", DataModel.TR181), tr181).orElseThrow();
        assertThat(rx.number()).as("lowest instance, 0.001 dBm scaled").isEqualTo(-18.25);
        assertThat(rx.unit()).isEqualTo("dBm");
        assertThat(rx.path()).isEqualTo("Device.Optical.Interface.2.OpticalSignalLevel");
        assertThat(n.resolve("wifiSsid2g", device("A4C3F0", DataModel.TR181), tr181).orElseThrow().raw()).isEqualTo("Home");

        ParameterDocument ctcom = doc("InternetGatewayDevice.WANDevice.1.X_CT-COM_GponInterfaceConfig.RXPower", "-21.40");
        assertThat(n.resolve("opticalRxPower", device("00E0FC", DataModel.TR098), ctcom).orElseThrow().number()).isEqualTo(-21.4);
        assertThat(n.resolve("opticalRxPower", device("00E0FC", DataModel.TR098), doc())).isEmpty();
    }

    @Test
    void operatorFileAddsVendorSpecificSources(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("normalization.json");
        Files.writeString(file, "{\"opticalRxPower\":{\"unit\":\"dBm\",\"sources\":[{\"path\":"
            + "\"InternetGatewayDevice.WANDevice.{i}.X_ACME_Optical.RxPower_uW\",\"scale\":0.1,\"oui\":\"ACME01\"}]},"
            + "\"lineProfile\":{\"sources\":[{\"path\":\"Device.DSL.Line.{i}.CurrentProfile\"}]}}");
        Normalization n = Normalization.load(file);
        ParameterDocument acme = doc("InternetGatewayDevice.WANDevice.1.X_ACME_Optical.RxPower_uW", "-195");
        assertThat(n.resolve("opticalRxPower", device("ACME01", DataModel.TR098), acme).orElseThrow().number()).isEqualTo(-19.5);
        assertThat(n.resolve("opticalRxPower", device("OTHER1", DataModel.TR098), acme)).as("vendor-restricted").isEmpty();
        assertThat(n.knows("lineProfile")).isTrue();
        Files.writeString(file, "{\"broken\":{\"sources\":[]}}");
        assertThatThrownBy(() -> Normalization.load(file)).hasMessageContaining("broken");
    }
}

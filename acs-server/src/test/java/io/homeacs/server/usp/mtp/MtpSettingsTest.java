package io.homeacs.server.usp.mtp;

import io.homeacs.server.MtpBindings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.server.metrics.AcsMetrics;
import io.homeacs.server.config.AcsConfig;
import io.homeacs.server.config.ConfigLoader;
import io.homeacs.server.config.MtpConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MQTT, STOMP and CoAP settings: off by default so the ACS starts without brokers, validated when set. */
class MtpSettingsTest {
    @TempDir
    Path dir;

    private AcsConfig load(String... flags) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dir.toString()));
        args.addAll(List.of(flags));
        return new ConfigLoader().load(args, Map.of());
    }

    @Test
    void everyBrokeredMtpIsOffByDefaultAndNoBindingIsMade() {
        MtpConfig m = load().mtp();
        assertThat(m.mqtt().enabled()).isFalse();
        assertThat(m.stomp().enabled()).isFalse();
        assertThat(m.coap().enabled()).isFalse();
        assertThat(m.maxRecordBytes()).isEqualTo(1_048_576);
        assertThat(m.mqtt().topic()).isEqualTo("usp/controller");
        assertThat(m.stomp().destination()).isEqualTo("/queue/usp.controller");
        assertThat(m.stomp().port()).isEqualTo(61613);
        assertThat(m.coap().port()).isEqualTo(5683);
        assertThat(m.coap().path()).isEqualTo("/usp");
        assertThat(m.coap().dtlsEnabled()).isFalse();
        assertThat(MtpBindings.fromConfig(load(), "proto::acs", new AcsMetrics())).isEmpty();
    }

    @Test
    void enabledMtpsBecomeBindingsInOrder() {
        AcsConfig c = load("--usp-mqtt-enabled", "true", "--usp-coap-enabled", "yes", "--usp-stomp-enabled", "on");
        List<MtpBinding> bindings = MtpBindings.fromConfig(c, "proto::acs", new AcsMetrics());
        assertThat(bindings).extracting(MtpBinding::name).containsExactly("mqtt", "stomp", "coap");
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() throws Exception {
        assertThatThrownBy(() -> load("--usp-mqtt-topic", "usp/+/controller")).hasMessageContaining("usp.mqtt.topic");
        assertThatThrownBy(() -> load("--usp-stomp-destination", " ")).hasMessageContaining("usp.stomp.destination");
        assertThatThrownBy(() -> load("--usp-coap-path", "usp")).hasMessageContaining("usp.coap.path");
        assertThatThrownBy(() -> load("--usp-max-record-bytes", "10")).hasMessageContaining("usp.max-record-bytes");
        assertThatThrownBy(() -> load("--usp-coap-dtls-psk-identity", "agents")).hasMessageContaining("usp.coap.dtls-psk-secret");
        assertThatThrownBy(() -> load("--usp-coap-enabled", "true", "--usp-coap-dtls-port", "5684"))
            .hasMessageContaining("DTLS needs a key");
        assertThatThrownBy(() -> load("--usp-coap-enabled", "true", "--usp-coap-dtls-port", "5684",
            "--usp-coap-dtls-keystore", dir.resolve("missing.p12").toString())).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> load("--usp-coap-enabled", "true", "--usp-coap-port", "-1"))
            .hasMessageContaining("both -1");
        Path store = Files.createFile(dir.resolve("coap.p12"));
        MtpConfig.Coap coap = load("--usp-coap-enabled", "true", "--usp-coap-dtls-port", "5684", "--usp-coap-dtls-keystore",
            store.toString()).mtp().coap();
        assertThat(coap.dtlsEnabled()).isTrue();
        assertThat(coap.keystore()).isEqualTo(store.toAbsolutePath().normalize());
    }
}

package io.homeacs.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsWorkWithNoConfiguration() {
        AcsConfig c = new ConfigLoader().load(List.of("--data-dir", dir.toString()), Map.of());
        assertThat(c.cwmp().port()).isEqualTo(7547);
        assertThat(c.api().port()).isEqualTo(8080);
        assertThat(c.cwmp().path()).isEqualTo("/");
        assertThat(c.database().embedded()).isTrue();
        assertThat(c.database().url()).contains(dir.toString());
        assertThat(c.cwmp().auth()).isEqualTo(AcsConfig.CpeAuth.DIGEST);
        assertThat(c.cwmp().httpEnabled()).isTrue();
        assertThat(c.cwmp().tls().enabled()).isTrue();
        assertThat(c.cwmp().tls().port()).isEqualTo(7548);
        assertThat(c.cwmp().tls().bind()).isEqualTo("0.0.0.0");
        assertThat(c.cwmp().tls().generate()).isTrue();
        assertThat(c.cwmp().tls().keystore()).isEqualTo(c.dataDir().resolve("tls").resolve("cwmp.p12"));
        assertThat(c.cwmp().tls().hostname()).isEqualTo("localhost");
        assertThat(c.cwmp().tls().hostnameIsIpAddress()).isFalse();
    }

    @Test
    void tlsSettingsAreValidated() {
        ConfigLoader loader = new ConfigLoader();
        String d = dir.toString();
        assertThat(loader.load(List.of("--data-dir", d, "--cwmp-tls-port", "-1"), Map.of()).cwmp().tls().enabled()).isFalse();
        assertThat(loader.load(List.of("--data-dir", d), Map.of("ACS_CWMP_TLS_HOSTNAME", "192.0.2.7"))
            .cwmp().tls().hostnameIsIpAddress()).isTrue();
        assertThatThrownBy(() -> loader.load(List.of("--data-dir", d, "--cwmp-tls-port", "-2"), Map.of()))
            .hasMessageContaining("cwmp.tls-port");
        assertThatThrownBy(() -> loader.load(List.of("--data-dir", d, "--cwmp-tls-hostname", "acs,O=evil"), Map.of()))
            .hasMessageContaining("cwmp.tls-hostname");
        assertThatThrownBy(() -> loader.load(List.of("--data-dir", d, "--cwmp-port", "7000", "--cwmp-tls-port", "7000"),
            Map.of())).hasMessageContaining("cwmp.tls-port");
        assertThatThrownBy(() -> loader.load(List.of("--data-dir", d, "--cwmp-http-enabled", "no", "--cwmp-tls-port", "-1"),
            Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("no CWMP listener");
    }

    @Test
    void lifecycleDefaultsAreTheAgreementsAndAreValidated() {
        ConfigLoader loader = new ConfigLoader();
        String d = dir.toString();
        AcsConfig.Lifecycle l = loader.load(List.of("--data-dir", d), Map.of()).lifecycle();
        assertThat(l.warrantyMonths()).isEqualTo(12);
        assertThat(l.defaultOwnership()).isEqualTo("leased");
        assertThat(l.compensationGateway()).isEqualByComparingTo("150");
        assertThat(l.compensationStb()).isEqualByComparingTo("180");
        assertThat(l.compensationMesh()).isEqualByComparingTo("180");
        assertThat(l.opticalWarnDbm()).isEqualTo(-25.0);
        assertThat(l.opticalCriticalDbm()).isEqualTo(-28.0);
        assertThat(loader.load(List.of("--data-dir", d, "--lifecycle-warranty-months", "24",
            "--lifecycle-compensation-stb", "199.50"), Map.of()).lifecycle()).satisfies(c -> {
                assertThat(c.warrantyMonths()).isEqualTo(24);
                assertThat(c.compensationStb()).isEqualByComparingTo("199.5");
            });
        assertThatThrownBy(() -> loader.load(List.of("--data-dir", d, "--lifecycle-default-ownership", "rented"), Map.of()))
            .hasMessageContaining("lifecycle.default-ownership");
        assertThatThrownBy(() -> loader.load(List.of("--data-dir", d, "--lifecycle-compensation-mesh", "1.005"), Map.of()))
            .hasMessageContaining("two decimals");
        assertThatThrownBy(() -> loader.load(List.of("--data-dir", d, "--health-optical-critical-dbm", "-20"), Map.of()))
            .hasMessageContaining("health.optical-warn-dbm");
    }

    @Test
    void fileThenEnvironmentThenFlagsOverride() throws Exception {
        Files.writeString(dir.resolve("acs.properties"), "cwmp.port=1000\napi.port=2000\ntask.max-attempts=7\n");
        AcsConfig c = new ConfigLoader().load(List.of("--data-dir", dir.toString(), "--api-port=3000"),
            Map.of("ACS_CWMP_PORT", "1500", "ACS_API_PORT", "2500"));
        assertThat(c.cwmp().port()).isEqualTo(1500);
        assertThat(c.api().port()).isEqualTo(3000);
        assertThat(c.tasks().maxAttempts()).isEqualTo(7);
    }

    @Test
    void mistakesAreReportedByName() throws Exception {
        ConfigLoader loader = new ConfigLoader();
        assertThatThrownBy(() -> loader.load(List.of("--cwmp-prot", "1"), Map.of()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("--cwmp-prot");
        assertThatThrownBy(() -> loader.load(List.of("--data-dir", dir.toString(), "--cwmp-port", "http"), Map.of()))
            .hasMessageContaining("cwmp.port");
        assertThatThrownBy(() -> loader.load(List.of("--data-dir", dir.toString(), "--cwmp-auth", "kerberos"), Map.of()))
            .hasMessageContaining("cwmp.auth");
        Files.writeString(dir.resolve("acs.properties"), "cwmp.portt=1\n");
        assertThatThrownBy(() -> loader.load(List.of("--data-dir", dir.toString()), Map.of()))
            .hasMessageContaining("cwmp.portt");
        assertThatThrownBy(() -> loader.load(List.of("--config", dir.resolve("missing").toString()), Map.of()))
            .hasMessageContaining("not found");
    }

    @Test
    void usageListsEverySetting() {
        String usage = ConfigLoader.usage();
        for (Setting s : Settings.ALL) {
            assertThat(usage).contains(s.flag()).contains(s.envName());
        }
    }
}

package io.homeacs.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CliOptionsTest {
    @Test
    void parsesRunWithDefaults() throws Exception {
        CliOptions o = CliOptions.parse(new String[] {"--acs-url", "http://acs:7547/acs", "--devices", "10", "--kind", "ont"});
        assertThat(o.command).isEqualTo(CliOptions.Command.RUN);
        assertThat(o.config.devices()).isEqualTo(10);
        assertThat(o.config.kind()).isEqualTo(DeviceKind.ONT);
        assertThat(o.config.acsUsername()).isEqualTo("bootstrap");
        assertThat(o.config.informIntervalSeconds()).isEqualTo(300);
        assertThat(o.config.tr098Share()).isEqualTo(0.25);
        assertThat(o.config.lineRate()).isEqualTo(LineRate.DEFAULT);
    }

    @Test
    void lineRatesShapeSpeedTests() throws Exception {
        CliOptions o = CliOptions.parse(new String[] {"--acs-url", "http://acs/", "--line-down-mbps", "300",
            "--line-up-mbps", "50.5"});
        assertThat(o.config.lineRate()).isEqualTo(new LineRate(300, 50.5));
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--acs-url", "http://a/", "--line-up-mbps", "-1"}))
            .hasMessageContaining("line rates");
    }

    @Test
    void parsesBench() throws Exception {
        CliOptions o = CliOptions.parse(new String[] {"bench", "--acs-url=http://acs/acs", "--devices", "500",
                "--duration", "10", "--concurrency", "32", "--udp-cr", "true"});
        assertThat(o.command).isEqualTo(CliOptions.Command.BENCH);
        assertThat(o.bench.durationSeconds()).isEqualTo(10);
        assertThat(o.bench.warmupSeconds()).isEqualTo(5);
        assertThat(o.bench.concurrency()).isEqualTo(32);
        assertThat(o.config.udpConnectionRequests()).isTrue();
    }

    @Test
    void parsesUspAgents() throws Exception {
        CliOptions o = CliOptions.parse(new String[] {"run", "--protocol", "usp", "--mtp", "websocket", "--usp-url",
            "ws://acs:8081/usp", "--devices", "3"});
        assertThat(o.usp.mtp()).isEqualTo("websocket");
        assertThat(o.usp.controllerUrl().toString()).isEqualTo("ws://acs:8081/usp");
        assertThat(o.usp.controllerId()).isEqualTo("proto::acs-controller");
        assertThat(o.config.devices()).isEqualTo(3);
        assertThat(CliOptions.parse(new String[] {"--acs-url", "http://a/"}).usp).isNull();
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--protocol", "usp", "--mtp", "pigeon", "--usp-url",
            "ws://a/usp"})).hasMessageContaining("--mtp");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--protocol", "usp"})).hasMessageContaining("--usp-url");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--acs-url", "http://a/", "--mtp", "websocket"}))
            .hasMessageContaining("--protocol usp");
    }

    @Test
    void rejectsBadFlags() {
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--devices", "1"})).hasMessageContaining("--acs-url");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--acs-url", "http://a/", "--kind", "toaster"}))
                .hasMessageContaining("--kind");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--acs-url", "http://a/", "--duration", "5"}))
                .hasMessageContaining("bench only");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--acs-url", "http://a/", "--devices", "x"}))
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"launch"})).hasMessageContaining("Unknown command");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--acs-url", "ftp://a/"})).hasMessageContaining("http");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--acs-url"})).hasMessageContaining("needs a value");
    }

    @Test
    void loidPatternDefaultsToLPlusSerialAndIsChecked() throws Exception {
        SimulatorConfig c = CliOptions.parse(new String[] {"--acs-url", "http://a/"}).config;
        assertThat(c.loidPattern()).isEqualTo("L{serial}");
        assertThat(SimulatorConfig.registrationId(c.loidPattern(), "SIMO000001", 1)).isEqualTo("LSIMO000001");
        c = CliOptions.parse(new String[] {"--acs-url", "http://a/", "--loid-pattern", "GZ{index}-{serial}"}).config;
        assertThat(SimulatorConfig.registrationId(c.loidPattern(), "SIMO000007", 7)).isEqualTo("GZ7-SIMO000007");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--acs-url", "http://a/", "--loid-pattern", "{mac}"}))
                .hasMessageContaining("{serial} and {index}");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--acs-url", "http://a/", "--loid-pattern",
                "LOID-0123456789-{serial}"})).as("over 24 characters").hasMessageContaining("1-24 characters");
    }

    @Test
    void helpWins() throws Exception {
        assertThat(CliOptions.parse(new String[] {"bench", "--help"}).command).isEqualTo(CliOptions.Command.HELP);
    }
}

package io.homeacs.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.json.Json;
import io.homeacs.server.json.JsonFields;
import org.junit.jupiter.api.Test;

class TaskSpecCodecTest {
    @Test
    void maskingHidesPasswordsAndCredentialsInUrls() {
        TaskSpec spec = TaskSpecCodec.fromJson(new JsonFields(Json.parseObject("{\"type\":\"download\",\"fileType\":"
            + "\"1 Firmware Upgrade Image\",\"url\":\"ftp://fw:s3cret@files.example/fw.bin\",\"password\":\"p4ss\"}")));
        String masked = Json.write(TaskSpecCodec.toJson(spec, true));
        assertThat(masked).doesNotContain("s3cret").doesNotContain("p4ss").contains("ftp://********@files.example/fw.bin");
        assertThat(Json.write(TaskSpecCodec.toJson(spec, false))).contains("s3cret").contains("p4ss");
        assertThat(TaskSpecCodec.hasSecrets(spec)).isTrue();
        assertThat(TaskSpecCodec.maskUserInfo("http://host/path@v2")).isEqualTo("http://host/path@v2");
    }

    @Test
    void sealedSecretsRoundTrip() {
        TaskSpec spec = TaskSpecCodec.fromJson(new JsonFields(Json.parseObject("{\"type\":\"setParameterValues\","
            + "\"parameterValues\":[{\"name\":\"Device.WiFi.AccessPoint.1.Security.KeyPassphrase\",\"value\":\"pw-1\"},"
            + "{\"name\":\"Device.WiFi.SSID.1.SSID\",\"value\":\"Home\"}]}")));
        var sealed = TaskSpecCodec.mapSecrets(TaskSpecCodec.toJson(spec, false), s -> "sealed:" + new StringBuilder(s).reverse());
        assertThat(Json.write(sealed)).contains("sealed:1-wp").contains("\"Home\"");
        var opened = TaskSpecCodec.mapSecrets(sealed, s -> new StringBuilder(s.substring(7)).reverse().toString());
        assertThat(TaskSpecCodec.fromJson(new JsonFields(opened))).isEqualTo(spec);
    }
}

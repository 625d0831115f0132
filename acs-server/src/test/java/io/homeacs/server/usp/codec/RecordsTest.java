package io.homeacs.server.usp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.server.usp.proto.UspMsg;
import io.homeacs.server.usp.proto.UspRecord;
import org.junit.jupiter.api.Test;

class RecordsTest {
    @Test
    void wrapsAndReadsBackAMessage() throws Exception {
        UspMsg.Msg get = Messages.get("m-1", java.util.List.of("Device.DeviceInfo."));
        UspRecord.Record r = Records.parse(Records.wrap("proto::c", "os::a", get));
        assertThat(r.getVersion()).isEqualTo("1.3");
        assertThat(r.getFromId()).isEqualTo("proto::c");
        assertThat(r.getToId()).isEqualTo("os::a");
        assertThat(Records.refusal(r)).isZero();
        assertThat(Records.payload(r)).isEqualTo(get);
    }

    @Test
    void refusesWhatItCannotUse() throws Exception {
        assertThatThrownBy(() -> Records.parse(new byte[] {(byte) 0xff, 0x01})).isInstanceOf(UspCodecException.class)
            .extracting(e -> ((UspCodecException) e).code()).isEqualTo(UspErrors.RECORD_NOT_PARSED);
        assertThatThrownBy(() -> Records.parse(UspRecord.Record.newBuilder().setToId("x").build().toByteArray()))
            .isInstanceOf(UspCodecException.class);
        UspRecord.Record.Builder b = UspRecord.Record.newBuilder().setFromId("a").setToId("c");
        assertThat(Records.refusal(b.setVersion("1.4").setWebsocketConnect(UspRecord.WebSocketConnectRecord
            .getDefaultInstance()).build())).isZero();
        assertThat(Records.refusal(b.setVersion("2.0").build())).isEqualTo(UspErrors.INVALID_RECORD_VALUE);
        assertThat(Records.refusal(b.setVersion("1.3").setPayloadSecurity(UspRecord.Record.PayloadSecurity.TLS12).build()))
            .isEqualTo(UspErrors.SECURE_SESSION_NOT_SUPPORTED);
        assertThat(Records.refusal(b.setPayloadSecurity(UspRecord.Record.PayloadSecurity.PLAINTEXT)
            .setSessionContext(UspRecord.SessionContextRecord.getDefaultInstance()).build()))
            .isEqualTo(UspErrors.SESSION_CONTEXT_NOT_ALLOWED);
        UspRecord.Record garbage = b.setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder()
            .setPayload(com.google.protobuf.ByteString.copyFrom(new byte[] {0x0a, 0x05, 0x01}))).build();
        assertThatThrownBy(() -> Records.payload(garbage)).isInstanceOf(UspCodecException.class)
            .extracting(e -> ((UspCodecException) e).code()).isEqualTo(UspErrors.MESSAGE_FAILED);
    }

    @Test
    void disconnectCarriesItsReason() throws Exception {
        UspRecord.Record r = UspRecord.Record.parseFrom(Records.disconnect("c", "a", 7105, "bye"));
        assertThat(r.getDisconnect().getReasonCode()).isEqualTo(7105);
        assertThat(r.getDisconnect().getReason()).isEqualTo("bye");
    }
}

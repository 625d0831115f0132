package io.homeacs.server.usp.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.homeacs.server.usp.proto.UspMsg;
import io.homeacs.server.usp.proto.UspRecord;
import java.util.Set;

/** Building and checking USP Records; no I/O. */
public final class Records {
    /** Versions of the Record and Message wire format this controller reads and writes. */
    public static final Set<String> VERSIONS = Set.of("1.3", "1.4");
    public static final String VERSION = "1.3";

    private Records() {
    }

    /**
     * Parses a record. Throws with 7100 when the bytes are no Record at all (nobody to answer: it is
     * dropped); the caller checks to_id and the record type.
     */
    public static UspRecord.Record parse(byte[] bytes) throws UspCodecException {
        try {
            UspRecord.Record r = UspRecord.Record.parseFrom(bytes);
            if (r.getFromId().isEmpty() || r.getToId().isEmpty()) {
                throw new UspCodecException(UspErrors.RECORD_NOT_PARSED, "record without to_id or from_id");
            }
            return r;
        } catch (InvalidProtocolBufferException e) {
            throw new UspCodecException(UspErrors.RECORD_NOT_PARSED, "not a USP record: " + e.getMessage());
        }
    }

    /**
     * Why a well-formed record cannot be processed, as a record-level error code, or 0 when it can.
     * Only NoSessionContext and MTP connect/disconnect records are used by this controller.
     */
    public static int refusal(UspRecord.Record r) {
        if (!r.getVersion().isEmpty() && !VERSIONS.contains(r.getVersion())) {
            return UspErrors.INVALID_RECORD_VALUE;
        }
        if (r.getPayloadSecurity() != UspRecord.Record.PayloadSecurity.PLAINTEXT) {
            return UspErrors.SECURE_SESSION_NOT_SUPPORTED;
        }
        if (r.getRecordTypeCase() == UspRecord.Record.RecordTypeCase.SESSION_CONTEXT) {
            return UspErrors.SESSION_CONTEXT_NOT_ALLOWED;
        }
        if (r.getRecordTypeCase() == UspRecord.Record.RecordTypeCase.RECORDTYPE_NOT_SET) {
            return UspErrors.INVALID_RECORD_VALUE;
        }
        return 0;
    }

    public static UspMsg.Msg payload(UspRecord.Record r) throws UspCodecException {
        try {
            UspMsg.Msg m = UspMsg.Msg.parseFrom(r.getNoSessionContext().getPayload());
            if (!m.hasHeader() || !m.hasBody()) {
                throw new UspCodecException(UspErrors.MESSAGE_FAILED, "message without header or body");
            }
            return m;
        } catch (InvalidProtocolBufferException e) {
            throw new UspCodecException(UspErrors.MESSAGE_FAILED, "payload is not a USP message: " + e.getMessage());
        }
    }

    public static byte[] wrap(String from, String to, UspMsg.Msg msg) {
        return UspRecord.Record.newBuilder().setVersion(VERSION).setFromId(from).setToId(to)
            .setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder().setPayload(msg.toByteString()))
            .build().toByteArray();
    }

    public static byte[] disconnect(String from, String to, int code, String reason) {
        return UspRecord.Record.newBuilder().setVersion(VERSION).setFromId(from).setToId(to)
            .setDisconnect(UspRecord.DisconnectRecord.newBuilder().setReasonCode(code).setReason(reason))
            .build().toByteArray();
    }

    /** What an agent sends first on a new WebSocket (the controller never needs to send one). */
    public static byte[] webSocketConnect(String from, String to) {
        return UspRecord.Record.newBuilder().setVersion(VERSION).setFromId(from).setToId(to)
            .setWebsocketConnect(UspRecord.WebSocketConnectRecord.getDefaultInstance()).build().toByteArray();
    }

    static ByteString bytes(UspMsg.Msg m) {
        return m.toByteString();
    }
}

package io.homeacs.server.json;

/** Input that is not the JSON the caller expected; the message says where. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}

package io.homeacs.server.config;

/** A setting that is unknown or whose value cannot be used; the message names the key and source. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}

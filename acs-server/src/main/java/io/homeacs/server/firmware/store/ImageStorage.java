package io.homeacs.server.firmware.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where image files live. The disk implementation is the default; an object store can take its
 * place behind this interface (keys are opaque, reads are by position so Range requests work).
 */
public interface ImageStorage {

    /** A stored object: its key, length and the SHA-256 (lower-case hex) of all its bytes. */
    record Stored(String key, long size, String sha256) {
    }

    /** More bytes arrived than the caller allowed; nothing was kept. */
    final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public TooLargeException(long limit) {
            super("image larger than " + limit + " bytes");
        }
    }

    /**
     * Stores everything {@code in} yields under a new key, and returns only once the bytes are
     * durable. If reading fails (the stream throws, or passes {@code maxBytes}) nothing is kept.
     */
    Stored put(InputStream in, long maxBytes) throws IOException;

    /** Opens a stored object for reading; {@link java.nio.file.NoSuchFileException} if there is none. */
    SeekableByteChannel open(String key) throws IOException;

    void delete(String key) throws IOException;

    /** The object as a local file, for zero-copy sends; empty for remote stores. */
    default Optional<Path> localFile(String key) {
        return Optional.empty();
    }
}

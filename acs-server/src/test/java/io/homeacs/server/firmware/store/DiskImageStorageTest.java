package io.homeacs.server.firmware.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole files or none: a failed or oversized write leaves nothing, keys are never paths. */
class DiskImageStorageTest {
    @TempDir
    Path dir;

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void storesReadsByPositionAndDeletes() throws Exception {
        DiskImageStorage storage = new DiskImageStorage(dir);
        byte[] data = "0123456789".repeat(1000).getBytes();
        ImageStorage.Stored s = storage.put(new ByteArrayInputStream(data), data.length);
        assertThat(s.size()).isEqualTo(data.length);
        assertThat(s.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        try (SeekableByteChannel ch = storage.open(s.key())) {
            ch.position(9995);
            ByteBuffer b = ByteBuffer.allocate(5);
            ch.read(b);
            assertThat(new String(b.array())).isEqualTo("56789");
        }
        assertThat(storage.localFile(s.key())).contains(dir.resolve(s.key()));
        storage.delete(s.key());
        assertThat(storage.localFile(s.key())).isEmpty();
        assertThatThrownBy(() -> storage.open(s.key())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFailedOrOversizedWriteLeavesNothingAndKeysAreNotPaths() throws Exception {
        DiskImageStorage storage = new DiskImageStorage(dir);
        assertThatThrownBy(() -> storage.put(new ByteArrayInputStream(new byte[101]), 100))
            .isInstanceOf(ImageStorage.TooLargeException.class);
        InputStream breaking = new FilterInputStream(new ByteArrayInputStream(new byte[50_000])) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 10_000) {
                    throw new IOException("client went away");
                }
                int n = super.read(b, off, Math.min(len, 4096));
                read += n;
                return n;
            }
        };
        assertThatThrownBy(() -> storage.put(breaking, 1_000_000)).hasMessageContaining("client went away");
        assertThat(files()).isZero();
        assertThatThrownBy(() -> storage.open("../../etc/passwd")).isInstanceOf(NoSuchFileException.class);
        assertThat(storage.localFile("../x")).isEmpty();

        Files.writeString(dir.resolve("0123456789abcdef0123456789abcdef.img.part"), "left by a crash");
        new DiskImageStorage(dir);
        assertThat(files()).as("leftover temporary files are removed at start").isZero();
    }
}

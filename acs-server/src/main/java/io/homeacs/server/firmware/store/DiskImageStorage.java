package io.homeacs.server.firmware.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Images as files in one directory. A write goes to a temporary file, is forced to the disk, then
 * renamed into place (and the directory forced), so a crash leaves either the whole file or none;
 * leftover temporary files are removed at start.
 */
public final class DiskImageStorage implements ImageStorage {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}\\.img");
    private static final String TEMP_SUFFIX = ".part";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    public DiskImageStorage(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        Files.createDirectories(this.dir);
        try (var leftovers = Files.newDirectoryStream(this.dir, "*" + TEMP_SUFFIX)) {
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
            }
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public Stored put(InputStream in, long maxBytes) throws IOException {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String key = HexFormat.of().formatHex(id) + ".img";
        Path tmp = dir.resolve(key + TEMP_SUFFIX);
        MessageDigest sha = sha256();
        long size = 0;
        boolean kept = false;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                size += n;
                if (size > maxBytes) {
                    throw new ImageStorage.TooLargeException(maxBytes);
                }
                sha.update(buf, 0, n);
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
            out.force(true);
            kept = true;
        } finally {
            if (!kept) {
                Files.deleteIfExists(tmp);
            }
        }
        Files.move(tmp, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE);
        forceDirectory();
        return new Stored(key, size, HexFormat.of().formatHex(sha.digest()));
    }

    @Override
    public SeekableByteChannel open(String key) throws IOException {
        return FileChannel.open(file(key), StandardOpenOption.READ);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    @Override
    public Optional<Path> localFile(String key) {
        try {
            Path p = file(key);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Keys are checked, never trusted as paths: a key that is not one this storage made names no file. */
    private Path file(String key) throws NoSuchFileException {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new NoSuchFileException(String.valueOf(key));
        }
        return dir.resolve(key);
    }

    /** Makes the rename itself durable; not every platform can open a directory, and there it is skipped. */
    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Windows and some file systems refuse; the file's own data is already forced.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

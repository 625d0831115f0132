package io.homeacs.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files and directories that hold secrets (keys, tokens, the TLS keystore and its password):
 * readable by the server's user only, where the file system supports POSIX permissions.
 */
public final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /** Creates {@code file} (which must not exist yet) with owner-only permissions and writes one line. */
    public static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
    }

    /** Creates {@code dir} if missing; a directory created here is {@code rwx------}. */
    public static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.toAbsolutePath().getParent());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(dir);
        }
    }

    /** Narrows an existing file, written by another program, to {@code rw-------}. */
    public static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own access control is all there is.
        }
    }
}

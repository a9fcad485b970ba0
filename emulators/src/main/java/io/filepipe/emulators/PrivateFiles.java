package io.filepipe.emulators;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories and files only their owner can read: the local stack's state holds what users
 * uploaded (stream records with file names and comments, dead letters, execution histories), so
 * directories are created {@code rwx------} and files written {@code rw-------}. On a file system
 * without POSIX permissions the calls work and set none.
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} and its missing parents, each one {@code rwx------}; returns {@code dir}. */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return dir;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, attributes(absolute, DIRECTORY));
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        }
        return dir;
    }

    /**
     * Replaces {@code target} with {@code content} at once (a reader never sees half of it),
     * through a sibling temporary file created {@code rw-------}; creates the directory if missing.
     */
    public static void replace(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        createDirectories(absolute.getParent());
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, attributes(tmp, FILE));
        Files.write(tmp, content);
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Appends {@code content} to {@code target} and forces it to disk before returning, creating the
     * file {@code rw-------} (and its directory) if missing.
     */
    public static void append(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        createDirectories(absolute.getParent());
        try {
            Files.createFile(absolute, attributes(absolute, FILE));
        } catch (FileAlreadyExistsException exists) {
            // appended to below
        }
        try (FileChannel channel = FileChannel.open(absolute, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    /** Takes {@code rwx------} for an existing directory of the stack's own (one an older version left open). */
    public static void restrict(Path dir) throws IOException {
        if (isPosix(dir)) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
    }

    private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
        return isPosix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}

package io.filepipe.local;

import io.filepipe.emulators.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One process at a time in a data directory: an OS lock on {@code <data-dir>/lock}, taken by
 * {@code up} and {@code backends} before they touch anything there and held until they stop. The
 * OS drops the lock of a process that dies, so a crash leaves nothing to clean up. The file names
 * the holder's PID; it stays when the lock is released (deleting it would let two processes lock
 * two different files of the same name).
 */
final class DataDirLock implements AutoCloseable {

    static final String NAME = "lock";
    /**
     * The lock files this process holds: checked before opening one, because on Linux closing any
     * channel to a file drops every lock the process holds on it.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir}, creating it (owner only) if missing.
     *
     * @throws InUse when another process, or another stack of this one, holds the lock
     */
    static DataDirLock acquire(Path dataDir) {
        Path file;
        try {
            PrivateFiles.createDirectories(dataDir);
            file = dataDir.toRealPath().resolve(NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        if (!HELD.add(file)) {
            throw new InUse(dataDir, "PID " + ProcessHandle.current().pid() + " (this process)");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), ownerOnly(file));
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new InUse(dataDir, holder(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new DataDirLock(file, channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            HELD.remove(file);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot lock the data directory " + dataDir, io);
            }
            throw (RuntimeException) e;
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "another process" : "PID " + pid;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PrivateFiles.FILE)}
                : new FileAttribute<?>[0];
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock, if any, goes with the channel
            }
        }
    }

    @Override
    public void close() {
        try (channel) {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + file, e);
        } finally {
            HELD.remove(file);
        }
    }

    /** Another process (or another stack in this one) runs in the data directory. */
    static final class InUse extends RuntimeException {
        InUse(Path dataDir, String holder) {
            super("data dir " + dataDir + " in use by " + holder
                    + " (stop it first, or choose another directory with --data-dir)", null, false, false);
        }
    }
}

package io.filepipe.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The complete lines appended to some files of one directory since they were last read, and a
 * wait for more on the directory's {@link WatchService} (no polling loop). A line still being
 * written is read once its newline is there; a file that is not there yet is read from its start
 * once it is.
 */
final class LogTail implements AutoCloseable {

    private final List<Path> files;
    private final Map<Path, Long> offsets = new HashMap<>();
    private final WatchService watcher;

    private LogTail(List<Path> files, WatchService watcher) {
        this.files = files;
        this.watcher = watcher;
    }

    /** Watches {@code directory} from now on, so that nothing appended after the first {@link #read()} is missed. */
    static LogTail open(Path directory, List<String> names) throws IOException {
        WatchService watcher = directory.getFileSystem().newWatchService();
        try {
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            watcher.close();
            throw e;
        }
        return new LogTail(names.stream().map(directory::resolve).toList(), watcher);
    }

    /** The lines completed since the last read, file by file; empty if there are none. */
    List<String> read() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            if (Files.exists(file)) {
                lines.addAll(readFrom(file));
            }
        }
        return lines;
    }

    /** Blocks until at least one line is completed, then returns what {@link #read()} would. */
    List<String> awaitMore() throws IOException, InterruptedException {
        while (true) {
            List<String> lines = read();
            if (!lines.isEmpty()) {
                return lines;
            }
            WatchKey key = watcher.take();
            key.pollEvents();
            key.reset();
        }
    }

    private List<String> readFrom(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long offset = offsets.getOrDefault(file, 0L);
            if (size < offset) {
                offset = 0; // the file was replaced
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - offset));
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // a read may return fewer bytes than asked
            }
            int end = lastNewline(buffer.array(), buffer.position());
            if (end < 0) {
                offsets.put(file, offset);
                return List.of();
            }
            offsets.put(file, offset + end + 1);
            return new String(buffer.array(), 0, end, StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static int lastNewline(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}

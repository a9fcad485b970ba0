package io.filepipe.emulators.pipes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.emulators.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The last sequence number handled per shard, and which shards are finished. Saved atomically
 * (write to a temporary file readable by its owner only, then rename) after every accepted batch, so a restart resumes right
 * after the last batch the target accepted; with no file it keeps everything in memory.
 */
final class Checkpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per shard: the last handled sequence number (may be null), and whether the shard is drained and closed. */
    record ShardState(String sequenceNumber, boolean finished) {
    }

    private final Path file;
    private final Map<String, ShardState> shards;

    private Checkpoints(Path file, Map<String, ShardState> shards) {
        this.file = file;
        this.shards = shards;
    }

    static Checkpoints load(Path file) {
        if (file == null || !Files.exists(file)) {
            return new Checkpoints(file, new TreeMap<>());
        }
        try {
            return new Checkpoints(file, new TreeMap<>(JSON.readValue(file.toFile(),
                    new TypeReference<Map<String, ShardState>>() { })));
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint file " + file + " is unreadable", e);
        }
    }

    synchronized Optional<String> sequenceNumber(String shardId) {
        ShardState state = shards.get(shardId);
        return state == null ? Optional.empty() : Optional.ofNullable(state.sequenceNumber());
    }

    synchronized boolean isFinished(String shardId) {
        ShardState state = shards.get(shardId);
        return state != null && state.finished();
    }

    synchronized void advance(String shardId, String sequenceNumber) {
        shards.put(shardId, new ShardState(sequenceNumber, false));
        save();
    }

    synchronized void finish(String shardId) {
        ShardState state = shards.get(shardId);
        shards.put(shardId, new ShardState(state == null ? null : state.sequenceNumber(), true));
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            PrivateFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(shards));
        } catch (IOException e) {
            throw new UncheckedIOException("could not save checkpoints to " + file, e);
        }
    }
}

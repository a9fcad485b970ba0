package io.filepipe.core.store;

import io.filepipe.core.FileId;
import io.filepipe.core.FileStatus;
import io.filepipe.core.config.Env;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many partition key values each unfinished status has in the sweep index. The index's key is
 * {@code <status>#<n>}, {@code n} from the file id's hash, so the two writes each status gets per
 * file (into the index, out of it) are spread over {@code count} keys instead of one: a key value
 * takes about 1,000 write units a second, so one key per status stopped the whole table near 500
 * files a second, and {@code count} keys carry {@code count} times that (the arithmetic is in
 * docs/scaling.md). The reconciler queries every key of a status.
 *
 * <p>Every process that writes or reads the index must use the same count: Pulumi and the local
 * stack give each of them this record's {@link #toEnvironment()}. Raising it is safe (files keep the
 * key they were given, and readers query every key below the new count); lowering it would hide
 * the files on the keys above it from the reconciler, so lower it only once those keys are empty.
 *
 * @param count keys per status ({@value #VARIABLE}, default {@value #DEFAULT})
 */
public record SweepShards(int count) {

    public static final String VARIABLE = "FILEPIPE_SWEEP_SHARDS";
    public static final int DEFAULT = 32;
    public static final int MAX = 1024;
    public static final SweepShards DEFAULTS = new SweepShards(DEFAULT);

    public SweepShards {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("sweep shards must be between 1 and " + MAX);
        }
    }

    public static SweepShards from(Env env) {
        return new SweepShards(env.intInRange(VARIABLE, DEFAULT, 1, MAX));
    }

    /** This setting as the variable {@link #from} reads back. */
    public Map<String, String> toEnvironment() {
        return Map.of(VARIABLE, Integer.toString(count));
    }

    /** The shard of a file: fixed for its life, so its PENDING and PROCESSING keys share the number. */
    public int shardOf(FileId fileId) {
        return Math.floorMod(fileId.value().hashCode(), count);
    }

    /** The sweep index key of an unfinished file. */
    public String key(FileStatus status, FileId fileId) {
        return key(status, shardOf(fileId));
    }

    /**
     * Every key a file in {@code status} may be listed under: one per shard, and the status alone,
     * the key of tables written before the index was sharded (nothing writes it any more; a file
     * left on it is still found, see docs/scaling.md on the migration).
     */
    public List<String> keys(FileStatus status) {
        List<String> keys = new ArrayList<>(count + 1);
        for (int shard = 0; shard < count; shard++) {
            keys.add(key(status, shard));
        }
        keys.add(status.name());
        return keys;
    }

    private static String key(FileStatus status, int shard) {
        return status.name() + "#" + shard;
    }
}

package io.filepipe.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.FileId;
import io.filepipe.core.FileStatus;
import io.filepipe.core.config.ConfigException;
import io.filepipe.core.config.Env;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepShardsTest {

    @Test
    void aStatusHasOneKeyPerShardAndThePreShardingKey() {
        assertEquals(List.of("PENDING#0", "PENDING#1", "PENDING#2", "PENDING"),
                new SweepShards(3).keys(FileStatus.PENDING));
    }

    @Test
    void aFileKeepsItsShardFromPendingToProcessing() {
        SweepShards shards = new SweepShards(16);
        FileId id = FileId.newId(Instant.parse("2026-11-30T12:00:00Z"));
        int shard = shards.shardOf(id);

        assertEquals("PENDING#" + shard, shards.key(FileStatus.PENDING, id));
        assertEquals("PROCESSING#" + shard, shards.key(FileStatus.PROCESSING, id));
    }

    @Test
    void idsCreatedInTheSameMillisecondSpreadEvenlyOverTheShards() {
        SweepShards shards = new SweepShards(32);
        int[] counts = new int[32];
        Instant sameTime = Instant.parse("2026-11-30T12:00:00Z");
        for (int i = 0; i < 32_000; i++) {
            counts[shards.shardOf(FileId.newId(sameTime))]++;
        }
        // 1,000 expected per shard; a binomial's standard deviation here is about 31
        for (int count : counts) {
            assertTrue(count > 850 && count < 1150, "a shard got " + count + " of 32,000");
        }
    }

    @Test
    void readsBackWhatItWrites() {
        SweepShards shards = new SweepShards(64);

        assertEquals(shards, Env.parse(shards.toEnvironment(), SweepShards::from));
        assertEquals(SweepShards.DEFAULTS, Env.parse(Map.of(), SweepShards::from));
    }

    @Test
    void refusesACountOutsideItsRange() {
        assertThrows(ConfigException.class, () -> Env.parse(Map.of(SweepShards.VARIABLE, "0"), SweepShards::from));
        assertThrows(IllegalArgumentException.class, () -> new SweepShards(SweepShards.MAX + 1));
    }
}

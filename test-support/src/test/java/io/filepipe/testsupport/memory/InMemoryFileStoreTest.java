package io.filepipe.testsupport.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.UserId;
import io.filepipe.core.store.FileStore;
import io.filepipe.testsupport.contract.FileStoreContract;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryFileStoreTest extends FileStoreContract {

    private final InMemoryFileStore store = new InMemoryFileStore();

    @Override
    protected FileStore store() {
        return store;
    }

    private static FileRecord pending(Instant at) {
        return FileRecord.pending(new UserId("someone"), FileId.newId(at), FileName.of("a.txt"), "", 1,
                "text/plain", "00", at);
    }

    @Test
    void aQueuedFaultFailsTheNextCallOnlyAndChangesNothing() {
        StorageUnavailable fault = new StorageUnavailable("throttled", null, true);
        store.failNext(InMemoryFileStore.Operation.CREATE, () -> fault);
        FileRecord record = pending(Instant.parse("2026-11-24T10:00:00Z"));

        assertSame(fault, assertThrows(StorageUnavailable.class, () -> store.create(record)));
        assertEquals(Optional.empty(), store.find(record.userId(), record.fileId()));
        store.create(record);
        assertEquals(Optional.of(record), store.find(record.userId(), record.fileId()));
    }

    @Test
    void instantsAreKeptAtTheTablesMillisecondPrecision() {
        FileRecord record = pending(Instant.parse("2026-11-24T10:00:00.123456789Z"));

        store.create(record);

        assertEquals(Instant.parse("2026-11-24T10:00:00.123Z"),
                store.find(record.userId(), record.fileId()).orElseThrow().createdAt());
    }
}

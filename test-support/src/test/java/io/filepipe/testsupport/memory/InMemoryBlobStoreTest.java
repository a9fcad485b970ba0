package io.filepipe.testsupport.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.PresignedPut;
import io.filepipe.testsupport.contract.BlobStoreContract;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryBlobStoreTest extends BlobStoreContract {

    private final InMemoryBlobStore store = new InMemoryBlobStore("bucket");

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected String putTo(PresignedPut put, byte[] body) {
        return store.receive(put.url(), body);
    }

    @Test
    void anActionQueuedBeforeAnOperationRunsOnceJustBeforeIt() {
        List<String> seen = new ArrayList<>();
        store.beforeNext(InMemoryBlobStore.Operation.DELETE, () -> seen.add("before"));

        store.delete("uploads/a");
        store.delete("uploads/a");

        assertEquals(List.of("before"), seen);
    }

    @Test
    void presignedUriNamesTheObjectAndTheDownloadName() {
        URI uri = store.presignGet("uploads/u/1/a b.txt", Duration.ofMinutes(5), "a b.txt");

        assertEquals("memory", uri.getScheme());
        assertEquals("/uploads/u/1/a b.txt", uri.getPath());
        assertTrue(uri.getQuery().contains("filename=a b.txt"), uri.toString());
    }
}

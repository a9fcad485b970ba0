package io.filepipe.testsupport.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.filepipe.core.Sha256;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.blob.BlobInfo;
import io.filepipe.core.blob.BlobNotFound;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} promises. A subclass supplies the store; each test writes under
 * keys of its own, so one store may serve all of them.
 */
public abstract class BlobStoreContract {

    /** The store under test; may be the same instance for every test. */
    protected abstract BlobStore store();

    /**
     * Whether the backend compares the bytes with the SHA-256 it is sent, as AWS does (moto 5.2.1
     * stores the checksum without comparing it).
     */
    protected boolean verifiesChecksums() {
        return true;
    }

    private static String uniquePrefix() {
        return "uploads/u-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    private void put(String key, byte[] data) {
        store().put(key, data, "application/octet-stream", Sha256.of(data));
    }

    @Test
    void putThenHeadAndOpenReturnTheSameBytes() throws IOException {
        String key = uniquePrefix() + "a.txt";
        byte[] data = "hello, filepipe".getBytes(StandardCharsets.UTF_8);
        store().put(key, data, "text/plain", Sha256.of(data));

        assertEquals(Optional.of(new BlobInfo(key, data.length, "text/plain")), store().head(key));
        try (InputStream in = store().open(key)) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void putWithAWrongChecksumIsRefusedForGoodAndStoresNothing() {
        assumeTrue(verifiesChecksums(), "this backend does not verify checksums (AWS answers BadDigest)");
        String key = uniquePrefix() + "bad.txt";
        byte[] data = "the real bytes".getBytes(StandardCharsets.UTF_8);
        byte[] otherHash = Sha256.of("other bytes".getBytes(StandardCharsets.UTF_8));

        StorageUnavailable refused = assertThrows(StorageUnavailable.class,
                () -> store().put(key, data, "text/plain", otherHash));

        assertFalse(refused.isTransient(), "the same bytes would be refused again");
        assertEquals(Optional.empty(), store().head(key));
    }

    @Test
    void missingObjectHasNoHeadAndCannotBeOpened() {
        assertEquals(Optional.empty(), store().head("uploads/nobody/none"));
        assertThrows(BlobNotFound.class, () -> store().open("uploads/nobody/none"));
    }

    @Test
    void deleteIsIdempotent() {
        String key = uniquePrefix() + "x.bin";
        put(key, new byte[] {1, 2, 3});
        store().delete(key);
        store().delete(key);
        assertEquals(Optional.empty(), store().head(key));
    }

    @Test
    void deletePrefixRemovesEveryObjectUnderItAndNothingElse() {
        String prefix = uniquePrefix();
        for (int i = 0; i < 3; i++) {
            put(prefix + "5/thumb-" + i + ".png", new byte[] {9});
        }
        put(prefix + "50/keep.png", new byte[] {9});

        assertEquals(3, store().deletePrefix(prefix + "5/"));
        assertTrue(store().head(prefix + "50/keep.png").isPresent());
        assertEquals(0, store().deletePrefix(prefix + "5/"));
    }

    @Test
    void listGivesTheKeysUnderAPrefixInOrderAfterAKeyUpToTheMaximum() {
        String prefix = uniquePrefix();
        for (String name : List.of("c", "a", "d", "b")) {
            put(prefix + name, new byte[] {1, 2});
        }
        put(prefix.substring(0, prefix.length() - 1) + "-other/a", new byte[] {1});

        List<StoredObject> all = store().list(prefix, null, 10);
        List<StoredObject> afterA = store().list(prefix, prefix + "a", 2);

        assertEquals(List.of(prefix + "a", prefix + "b", prefix + "c", prefix + "d"),
                all.stream().map(StoredObject::key).toList());
        assertEquals(List.of(prefix + "b", prefix + "c"), afterA.stream().map(StoredObject::key).toList());
        assertEquals(2, all.getFirst().size());
        assertTrue(all.stream().allMatch(o -> o.lastModified() != null));
    }
}

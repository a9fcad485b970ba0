package io.filepipe.api.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.Sha256;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.StoredObject;
import io.filepipe.core.store.IdempotencyKey;
import io.filepipe.testsupport.memory.InMemoryBlobStore;
import io.filepipe.testsupport.memory.InMemoryFileStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Storing an upload, on the in-memory stores: the object and the item together or neither. */
class UploadServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final InMemoryFileStore files = new InMemoryFileStore();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore("uploads");
    private final UploadService service = new UploadService(blobs, files, Clock.fixed(NOW, ZoneOffset.UTC));
    private final UserId owner = new UserId("someone");

    private static UploadRequest request(String fileName, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return new UploadRequest(FileName.of(fileName), "", data, Sha256.of(data));
    }

    private List<String> objects() {
        return blobs.list("", null, 100).stream().map(StoredObject::key).toList();
    }

    private List<FileRecord> items() {
        return files.list(owner, 100, null).items();
    }

    @Test
    void anUploadIsStoredAsAnObjectAndAPendingItem() {
        UploadReceipt receipt = service.upload(owner, request("notes.txt", "hello"), null);

        assertEquals(FileStatus.PENDING, receipt.status());
        assertFalse(receipt.replayed());
        assertEquals(List.of(receipt.s3Key()), objects());
        FileRecord item = files.find(owner, receipt.fileId()).orElseThrow();
        assertEquals(5, item.size());
        assertEquals("text/plain", item.contentType());
    }

    @Test
    void aRepeatedIdempotencyKeyReplaysTheFirstReceiptAndStoresNothingMore() {
        UploadReceipt first = service.upload(owner, request("notes.txt", "hello"), "key-1");

        UploadReceipt again = service.upload(owner, request("notes.txt", "hello"), "key-1");

        assertTrue(again.replayed());
        assertEquals(first.fileId(), again.fileId());
        assertEquals(first.s3Key(), again.s3Key());
        assertEquals(1, items().size());
        assertEquals(1, objects().size());
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIsRefused() {
        service.upload(owner, request("notes.txt", "hello"), "key-1");

        assertThrows(IdempotencyKeyReused.class, () -> service.upload(owner, request("notes.txt", "other"), "key-1"));

        assertEquals(1, items().size());
        assertEquals(1, objects().size());
    }

    @Test
    void anItemThatCannotBeWrittenAfterThePutLeavesNoObject() {
        StorageUnavailable failure = new StorageUnavailable("table unreachable", null, true);
        files.failNext(InMemoryFileStore.Operation.CREATE, () -> failure);

        UploadNotStored e = assertThrows(UploadNotStored.class,
                () -> service.upload(owner, request("lost.txt", "data"), null));

        assertSame(failure, e.getCause());
        assertEquals(List.of(), objects());
        assertEquals(List.of(), items());
    }

    @Test
    void anObjectThatCannotBeStoredLeavesNoItem() {
        blobs.failNext(InMemoryBlobStore.Operation.PUT, () -> new StorageUnavailable("bucket unreachable", null, true));

        assertThrows(UploadNotStored.class, () -> service.upload(owner, request("lost.txt", "data"), "key-1"));

        assertEquals(List.of(), items());
        assertTrue(files.findIdempotency(owner, IdempotencyKey.of("key-1", "").keyHash(), NOW).isEmpty());
    }
}

package io.filepipe.processor;

import io.filepipe.core.ContentSniffer;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Sha256;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.FileTable;
import io.filepipe.core.store.SweepShards;
import io.filepipe.testsupport.SharedBackends;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A table and a bucket of their own on the shared local backends, helpers that play the upload API
 * (object plus PENDING item), and processors wired to them the way the handler wires the real one.
 */
final class ProcessorFixture implements AutoCloseable {

    final DynamoDbClient dynamo;
    final S3Client s3;
    final S3Presigner presigner;
    final String table;
    final String bucket;
    final FileStore files;
    final S3BlobStore blobs;
    final CapturedMetrics metrics = new CapturedMetrics();

    private ProcessorFixture() {
        AwsClients clients = SharedBackends.clients();
        dynamo = clients.dynamoDb();
        s3 = clients.s3();
        presigner = clients.s3Presigner();
        table = SharedBackends.uniqueName("files");
        bucket = SharedBackends.uniqueName("uploads");
        FileTable.createIfMissing(dynamo, table);
        s3.createBucket(r -> r.bucket(bucket));
        files = new DynamoDbFileStore(dynamo, table, SweepShards.DEFAULTS);
        blobs = new S3BlobStore(s3, presigner, bucket);
    }

    static ProcessorFixture create() {
        return new ProcessorFixture();
    }

    /** The defaults, on this fixture's table and bucket. */
    ProcessorConfig config() {
        return new ProcessorConfig(table, bucket, ProcessorConfig.DEFAULT_LEASE,
                ProcessorConfig.DEFAULT_IMAGE_BUDGET, ProcessorConfig.DEFAULT_MAX_IMAGE_PIXELS,
                ProcessorConfig.DEFAULT_MAX_IMAGE_BYTES, ProcessorConfig.DEFAULT_MAX_IMAGE_SCANS,
                ProcessorConfig.DEFAULT_THUMBNAIL_SIZES, SweepShards.DEFAULTS, SharedBackends.settings());
    }

    /** A processor as the handler builds it: default limits and lease, the real stores. */
    FileProcessor processor() {
        return processor(blobs, Clock.systemUTC());
    }

    FileProcessor processor(BlobStore blobStore, Clock clock) {
        return new FileProcessor(config(), files, blobStore, clock, metrics);
    }

    /** Does what the upload API does: stores the object and writes a PENDING item recording its size and SHA-256. */
    FileRef upload(String fileName, byte[] content) {
        return upload(fileName, content, content, Instant.now());
    }

    /**
     * Stores {@code stored} but records the size, SHA-256 and type of {@code recorded}, as if the
     * object changed after the upload.
     */
    FileRef upload(String fileName, byte[] recorded, byte[] stored, Instant createdAt) {
        FileRecord record = pending(fileName, recorded, createdAt);
        blobs.put(record.s3Key(), stored, "application/octet-stream", Sha256.of(stored));
        files.create(record);
        return new FileRef(record.userId(), record.fileId());
    }

    /** A PENDING item whose object was never stored (or is gone). */
    FileRef itemWithoutObject(String fileName, byte[] recorded) {
        FileRecord record = pending(fileName, recorded, Instant.now());
        files.create(record);
        return new FileRef(record.userId(), record.fileId());
    }

    private static FileRecord pending(String fileName, byte[] content, Instant createdAt) {
        UserId user = new UserId(SharedBackends.uniqueName("user"));
        return FileRecord.pending(user, FileId.newId(createdAt), FileName.of(fileName), "", content.length,
                ContentSniffer.sniff(content).mimeType(), Sha256.hex(content), createdAt);
    }

    FileRecord item(FileRef file) {
        return files.find(file.userId(), file.fileId()).orElseThrow(() -> new AssertionError("no item for " + file));
    }

    /** The keys under the file's derived prefix, sorted. */
    List<String> derivedKeys(FileRef file) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(KeyScheme.derivedPrefix(file.userId(), file.fileId())))
                .contents().stream().map(S3Object::key).sorted().toList();
    }

    byte[] object(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
        dynamo.close();
    }
}

package io.filepipe.testsupport.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.testsupport.SharedBackends;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.UserId;
import io.filepipe.core.store.UnfinishedFile;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.FileTable;
import io.filepipe.core.store.SweepShards;
import io.filepipe.testsupport.contract.FileStoreContract;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The {@link FileStore} contract, and the table's own promises, on one backend: one subclass per
 * backend, so that Failsafe counts each backend's tests and skips apart (a parameterized class
 * shares its method names between backends, and Surefire's totals merge them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DynamoDbFileStoreIT extends FileStoreContract {

    private final Backend backend;
    private DynamoDbClient dynamo;
    private FileStore store;
    private TableDescription table;
    private final SweepShards shards = SweepShards.DEFAULTS;

    DynamoDbFileStoreIT(Backend backend) {
        this.backend = backend;
    }

    @BeforeAll
    void createTable() {
        dynamo = backend.clients().dynamoDb();
        String name = SharedBackends.uniqueName("files");
        table = FileTable.createIfMissing(dynamo, name);
        store = new DynamoDbFileStore(dynamo, name, shards);
    }

    @AfterAll
    void close() {
        dynamo.close();
    }

    @Override
    protected FileStore store() {
        return store;
    }

    @Test
    void tableHasAStreamOfNewImages() {
        assertTrue(table.streamSpecification().streamEnabled());
        assertEquals(StreamViewType.NEW_IMAGE, table.streamSpecification().streamViewType());
        assertTrue(table.latestStreamArn() != null);
    }

    @Test
    void createIfMissingIsIdempotent() {
        TableDescription again = FileTable.createIfMissing(dynamo, table.tableName());
        assertEquals(table.tableArn(), again.tableArn());
    }

    @Test
    void aMissingTableIsAPermanentStorageFailure() {
        FileStore nowhere = new DynamoDbFileStore(dynamo, SharedBackends.uniqueName("no-such-table"), SweepShards.DEFAULTS);

        StorageUnavailable e = assertThrows(StorageUnavailable.class,
                () -> nowhere.find(new UserId("someone"), FileId.newId(Instant.now())));

        assertFalse(e.isTransient());
    }

    @Test
    void anUnfinishedFileIsIndexedUnderItsStatusAndTheShardOfItsId() {
        FileRecord file = pendingFile(Instant.parse("2026-11-30T10:00:00Z"));
        store.create(file);
        int shard = shards.shardOf(file.fileId());
        assertEquals("PENDING#" + shard, sweepKey(file));

        store.claim(file.userId(), file.fileId(), Instant.parse("2026-11-30T10:00:01Z"), Instant.EPOCH);

        assertEquals("PROCESSING#" + shard, sweepKey(file));
    }

    @Test
    void aFileLeftOnThePreShardingKeyIsStillFound() {
        Instant at = Instant.parse("2026-11-30T11:00:00Z");
        FileRecord file = pendingFile(at);
        store.create(file);
        // as a table written before the index was sharded holds it
        dynamo.updateItem(r -> r.tableName(table.tableName()).key(key(file))
                .updateExpression("SET #sweep = :legacy")
                .expressionAttributeNames(Map.of("#sweep", FileTable.SWEEP_STATUS))
                .expressionAttributeValues(Map.of(":legacy", AttributeValue.fromS(FileStatus.PENDING.name()))));

        List<FileId> found = store.unfinished(FileStatus.PENDING, at.plusSeconds(1), 1000).stream()
                .map(UnfinishedFile::fileId).toList();

        assertTrue(found.contains(file.fileId()));
    }

    private static FileRecord pendingFile(Instant at) {
        return FileRecord.pending(new UserId("sharded"), FileId.newId(at), FileName.of("a.txt"), "", 1,
                "text/plain", "ab".repeat(32), at);
    }

    private static Map<String, AttributeValue> key(FileRecord file) {
        return Map.of(KeyScheme.PK, AttributeValue.fromS(KeyScheme.partitionKey(file.userId())),
                KeyScheme.SK, AttributeValue.fromS(KeyScheme.fileSortKey(file.fileId())));
    }

    private String sweepKey(FileRecord file) {
        return dynamo.getItem(r -> r.tableName(table.tableName()).key(key(file)).consistentRead(true))
                .item().get(FileTable.SWEEP_STATUS).s();
    }
}

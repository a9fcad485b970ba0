package io.filepipe.testsupport.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.testsupport.SharedBackends;
import io.filepipe.core.FileId;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.UserId;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.FileTable;
import io.filepipe.testsupport.contract.FileStoreContract;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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

    DynamoDbFileStoreIT(Backend backend) {
        this.backend = backend;
    }

    @BeforeAll
    void createTable() {
        dynamo = backend.clients().dynamoDb();
        String name = SharedBackends.uniqueName("files");
        table = FileTable.createIfMissing(dynamo, name);
        store = new DynamoDbFileStore(dynamo, name);
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
        FileStore nowhere = new DynamoDbFileStore(dynamo, SharedBackends.uniqueName("no-such-table"));

        StorageUnavailable e = assertThrows(StorageUnavailable.class,
                () -> nowhere.find(new UserId("someone"), FileId.newId(Instant.now())));

        assertFalse(e.isTransient());
    }
}

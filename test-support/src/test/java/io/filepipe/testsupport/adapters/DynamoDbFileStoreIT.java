package io.filepipe.testsupport.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.FileId;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.UserId;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.FileTable;
import io.filepipe.testsupport.contract.FileStoreContract;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The {@link FileStore} contract, and the table's own promises, on each backend. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class DynamoDbFileStoreIT extends FileStoreContract {

    // every test passes on every backend; declaring the parameter is what lets createTable receive it
    @Parameter
    Backend backend;

    private static DynamoDbClient dynamo;
    private static FileStore store;
    private static TableDescription table;

    @BeforeParameterizedClassInvocation
    static void createTable(Backend backend) {
        dynamo = backend.clients().dynamoDb();
        String name = Backend.uniqueName("files");
        table = FileTable.createIfMissing(dynamo, name);
        store = new DynamoDbFileStore(dynamo, name);
    }

    @AfterParameterizedClassInvocation
    static void close() {
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
        FileStore nowhere = new DynamoDbFileStore(dynamo, Backend.uniqueName("no-such-table"));

        StorageUnavailable e = assertThrows(StorageUnavailable.class,
                () -> nowhere.find(new UserId("someone"), FileId.newId(Instant.now())));

        assertFalse(e.isTransient());
    }
}

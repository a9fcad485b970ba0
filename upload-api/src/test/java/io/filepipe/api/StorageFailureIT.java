package io.filepipe.api;

import static io.filepipe.api.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filepipe.api.support.ApiTestStack;
import io.filepipe.core.store.FileTable;
import io.filepipe.embedded.EmbeddedDynamoDb;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.SharedBackends;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a backend fails mid-upload the client gets a 503 problem and nothing is left half-stored. */
class StorageFailureIT {

    @Test
    void dynamoDbFailingAfterTheS3PutLeavesNoObject() {
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.inMemory();
        try (ApiTestStack stack = ApiTestStack.withDynamoDbAt(dynamo.endpoint())) {
            String user = ApiTestStack.newUser();
            dynamo.close(); // S3 still answers; the item write will not

            Http.Response response = Http.postJson(stack.uri("/upload"), stack.tokenFor(user),
                    Http.uploadBody("lost.txt", null, "data".getBytes(StandardCharsets.UTF_8)));

            assertProblem(response, 503, "service-unavailable");
            assertEquals("1", response.header("Retry-After"));
            assertEquals(List.of(), stack.objectsOf(user));
        }
    }

    @Test
    void missingTableAfterTheS3PutLeavesNoObjectEither() {
        try (ApiTestStack stack = ApiTestStack.withDynamoDbAt(SharedBackends.dynamoDb().endpoint())) {
            String user = ApiTestStack.newUser();
            stack.dynamo.deleteTable(r -> r.tableName(stack.table));

            Http.Response response = Http.postJson(stack.uri("/upload"), stack.tokenFor(user),
                    Http.uploadBody("lost.txt", null, "data".getBytes(StandardCharsets.UTF_8)));

            assertEquals(List.of(), stack.objectsOf(user));
            assertProblem(response, 503, "service-unavailable");
            FileTable.createIfMissing(stack.dynamo, stack.table);
        }
    }
}

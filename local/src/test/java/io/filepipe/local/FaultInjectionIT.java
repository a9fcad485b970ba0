package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.core.reconcile.ReconcileReport;
import io.filepipe.emulators.workflow.LambdaFunction;
import io.filepipe.testsupport.ApiClient;
import io.filepipe.testsupport.Await;
import io.filepipe.testsupport.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/** Real components of the local stack fail on purpose; nothing acknowledged may be lost or left half-done. */
class FaultInjectionIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static StackOptions options(Path dir) {
        return new StackOptions(dir, "127.0.0.1", 0, false, 0.001);
    }

    private static ApiClient client(DevStack stack, String user) {
        return new ApiClient(stack.apiUrl(), stack.issuer().idToken(user));
    }

    private static List<String> objects(Path dir) throws Exception {
        try (S3Client s3 = StackFile.read(dir).clients().s3()) {
            return s3.listObjectsV2(r -> r.bucket(DevStack.BUCKET).prefix("uploads/")).contents().stream()
                    .map(o -> o.key()).toList();
        }
    }

    private static int items(Path dir) throws Exception {
        try (DynamoDbClient dynamo = StackFile.read(dir).clients().dynamoDb()) {
            return dynamo.scan(r -> r.tableName(DevStack.TABLE).filterExpression("#t = :file")
                    .expressionAttributeNames(java.util.Map.of("#t", "type"))
                    .expressionAttributeValues(java.util.Map.of(":file", AttributeValue.fromS("FILE")))).count();
        }
    }

    @Test
    void s3DownDuringAnUploadAnswers503AndStoresNoItem(@TempDir Path dir) throws Exception {
        try (DevStack stack = DevStack.start(options(dir))) {
            ApiClient client = client(stack, "s3-down");
            stack.s3Server().close();

            Http.Response reply = client.upload("a.txt", "data".getBytes(StandardCharsets.UTF_8));

            assertEquals(503, reply.status());
            assertEquals("https://filepipe.dev/problems/service-unavailable", reply.json().get("type").asText());
            assertEquals(0, items(dir));
        }
    }

    @Test
    void dynamoDbDownAfterTheS3PutAnswers503AndRemovesTheObject(@TempDir Path dir) throws Exception {
        try (DevStack stack = DevStack.start(options(dir))) {
            ApiClient client = client(stack, "ddb-down");
            List<String> before = objects(dir);
            stack.dynamoServer().close();

            Http.Response reply = client.upload("b.txt", "data".getBytes(StandardCharsets.UTF_8));

            assertEquals(503, reply.status());
            assertEquals(before, objects(dir));
        }
    }

    @Test
    void aProcessorFailingTransientlyIsRetriedAndTheFileProcessedOnce(@TempDir Path dir) throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        try (DevStack stack = DevStack.start(options(dir), real -> payload -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new LambdaFunction.FunctionError("io.filepipe.processor.RetryableProcessingException", "throttled");
            }
            return real.invoke(payload);
        })) {
            ApiClient client = client(stack, "flaky");
            String fileId = client.upload("c.txt", "data".getBytes(StandardCharsets.UTF_8)).json().get("file_id").asText();

            JsonNode file = client.awaitTerminal(fileId, DEADLINE);

            assertEquals("PROCESSED", file.get("status").asText());
            assertEquals(1, file.get("attempts").asInt());
        }
        try (var histories = Files.list(dir.resolve("executions"))) {
            String history = Files.readString(histories.findFirst().orElseThrow());
            assertEquals(2, history.split("\"StateRetried\"", -1).length - 1, "two retries in the execution history");
        }
    }

    @Test
    void aProcessorFailingTransientlyLongerThanTheRetriesLeavesTheFilePendingForTheReconciler(@TempDir Path dir)
            throws Exception {
        AtomicBoolean storageDown = new AtomicBoolean(true);
        AtomicInteger failedCalls = new AtomicInteger();
        try (DevStack stack = DevStack.start(options(dir), real -> payload -> {
            if (storageDown.get()) {
                failedCalls.incrementAndGet();
                throw new LambdaFunction.FunctionError("io.filepipe.processor.RetryableProcessingException",
                        "transient failure while reading the upload: S3 is throttling");
            }
            return real.invoke(payload);
        })) {
            ApiClient client = client(stack, "outlasted");
            String fileId = client.upload("e.txt", "data".getBytes(StandardCharsets.UTF_8)).json().get("file_id").asText();
            Await.untilAfter("the workflow ran to its end", DEADLINE, left -> stack.pipe().awaitPasses(1, left),
                    () -> executions(dir), count -> count > 0);
            assertEquals(1, executions(dir), "the workflow ran to its end");
            assertEquals(7, failedCalls.get(), "the first attempt and six retries");
            assertEquals("PENDING", client.file(fileId).json().get("status").asText(), "not FAILED: the error was transient");
            assertTrue(Files.notExists(dir.resolve("pipe/dlq")), "the execution succeeded: nothing dead-lettered");
            storageDown.set(false);

            ReconcileReport report = stack.reconcile(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));

            assertEquals(1, report.redriven());
            JsonNode file = client.awaitTerminal(fileId, DEADLINE);
            assertEquals("PROCESSED", file.get("status").asText());
            assertEquals(1, file.get("attempts").asInt());
        }
    }

    private static long executions(Path dir) throws Exception {
        if (!Files.isDirectory(dir.resolve("executions"))) {
            return 0;
        }
        try (var histories = Files.list(dir.resolve("executions"))) {
            return histories.count();
        }
    }

    @Test
    void aFileWhoseBatchWasDeadLetteredIsProcessedByTheReconciler(@TempDir Path dir) throws Exception {
        AtomicBoolean workflowBroken = new AtomicBoolean(true);
        try (DevStack stack = DevStack.start(options(dir), real -> payload -> {
            if (workflowBroken.get()) {
                throw new IllegalStateException("the workflow service is failing"); // not a function error: the execution fails
            }
            return real.invoke(payload);
        })) {
            ApiClient client = client(stack, "stuck");
            String fileId = client.upload("d.txt", "data".getBytes(StandardCharsets.UTF_8)).json().get("file_id").asText();
            Await.untilAfter("the batch dead-lettered", DEADLINE, left -> stack.pipe().awaitPasses(1, left),
                    () -> Files.isDirectory(dir.resolve("pipe/dlq")), deadLettered -> deadLettered);
            assertEquals("PENDING", client.file(fileId).json().get("status").asText());
            workflowBroken.set(false);

            ReconcileReport report = stack.reconcile(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));

            assertEquals(1, report.redriven());
            assertEquals("PROCESSED", client.awaitTerminal(fileId, DEADLINE).get("status").asText());
        }
    }
}

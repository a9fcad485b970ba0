package io.filepipe.emulators.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.pipeline.PipeSettings;
import io.filepipe.core.pipeline.PipelineDefinition;
import io.filepipe.core.store.FileTable;
import io.filepipe.testsupport.Await;
import io.filepipe.testsupport.ManualClock;
import io.filepipe.testsupport.SharedBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The local pipe on a real DynamoDB Local stream: filter, batching, retries, dead letters, checkpoints. */
class PipeRunnerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PipeSettings SETTINGS = new PipeSettings("TRIM_HORIZON", 10, 0, 1, -1, 2, 1, "EXPRESS", "REQUEST_RESPONSE");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient streams;

    private String table;
    private String streamArn;

    @BeforeAll
    static void clients() {
        AwsClients clients = SharedBackends.clients();
        dynamo = clients.dynamoDb();
        streams = clients.dynamoDbStreams();
    }

    @AfterAll
    static void close() {
        dynamo.close();
        streams.close();
    }

    private void newTable() {
        table = SharedBackends.uniqueName("pipe");
        streamArn = FileTable.createIfMissing(dynamo, table).latestStreamArn();
    }

    private void put(String sk) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("PK", AttributeValue.fromS("USER#u"), "SK", AttributeValue.fromS(sk),
                "status", AttributeValue.fromS("PENDING"))));
    }

    private PipeRunner runner(PipeTarget target, Path stateDir) {
        return runner(SETTINGS, target, stateDir, Clock.systemUTC());
    }

    private PipeRunner runner(PipeSettings settings, PipeTarget target, Path stateDir, Clock clock) {
        return new PipeRunner(streams, streamArn, "eu-west-1", PipelineDefinition.filterPattern(), settings, target,
                stateDir, Duration.ofMillis(20), d -> { }, clock).start();
    }

    /** Looks after each pass of the pipe until the condition holds. */
    private static void await(PipeRunner pipe, BooleanSupplier condition) throws Exception {
        Await.untilAfter("the condition after a pass of the pipe", TIMEOUT, left -> pipe.awaitPasses(1, left),
                condition::getAsBoolean, holds -> holds);
    }

    private static List<String> sortKeys(List<ArrayNode> batches) {
        List<String> keys = new ArrayList<>();
        batches.forEach(b -> b.forEach(r -> keys.add(r.at("/dynamodb/Keys/SK/S").asText())));
        return keys;
    }

    @Test
    void onlyInsertsOfFileItemsReachTheTargetInPipesShape(@TempDir Path dir) throws Exception {
        newTable();
        List<ArrayNode> batches = new CopyOnWriteArrayList<>();
        try (PipeRunner pipe = runner((id, attempt, batch) -> batches.add(batch), dir)) {
            put("PROFILE");
            put("IDEMPOTENCY#k");
            put("FILE#1");
            dynamo.updateItem(r -> r.tableName(table).key(Map.of("PK", AttributeValue.fromS("USER#u"),
                    "SK", AttributeValue.fromS("FILE#1"))).updateExpression("SET #s = :p")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PROCESSED"))));
            dynamo.deleteItem(r -> r.tableName(table).key(Map.of("PK", AttributeValue.fromS("USER#u"),
                    "SK", AttributeValue.fromS("FILE#1"))));
            put("FILE#2");
            await(pipe, () -> sortKeys(batches).contains("FILE#2"));
        }
        assertEquals(List.of("FILE#1", "FILE#2"), sortKeys(batches));
        JsonNode record = batches.getFirst().get(0);
        assertEquals("INSERT", record.get("eventName").asText());
        assertEquals("aws:dynamodb", record.get("eventSource").asText());
        assertEquals("eu-west-1", record.get("awsRegion").asText());
        assertEquals(streamArn, record.get("eventSourceARN").asText());
        assertEquals("PENDING", record.at("/dynamodb/NewImage/status/S").asText());
        assertEquals("NEW_IMAGE", record.at("/dynamodb/StreamViewType").asText());
        assertTrue(record.at("/dynamodb/SequenceNumber").isTextual());
    }

    @Test
    void batchesHoldAtMostBatchSizeRecordsInStreamOrder(@TempDir Path dir) throws Exception {
        newTable();
        for (int i = 0; i < 25; i++) {
            put("FILE#" + String.format("%02d", i));
        }
        List<ArrayNode> batches = new CopyOnWriteArrayList<>();
        try (PipeRunner pipe = runner((id, attempt, batch) -> batches.add(batch), dir)) {
            await(pipe, () -> sortKeys(batches).size() == 25);
        }
        assertTrue(batches.stream().allMatch(b -> b.size() <= 10));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add("FILE#" + String.format("%02d", i));
        }
        assertEquals(expected, sortKeys(batches));
    }

    @Test
    void batchesOfOneShardRunSideBySideUpToTheParallelizationFactor(@TempDir Path dir) throws Exception {
        newTable();
        for (int i = 0; i < 40; i++) {
            put("FILE#" + String.format("%02d", i));
        }
        PipeSettings parallel = new PipeSettings("TRIM_HORIZON", 5, 0, 3, -1, 2, 1, "EXPRESS", "REQUEST_RESPONSE");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch threeAtOnce = new CountDownLatch(3);
        List<ArrayNode> batches = new CopyOnWriteArrayList<>();
        try (PipeRunner pipe = runner(parallel, (id, attempt, batch) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            threeAtOnce.countDown();
            try {
                // each batch stays in flight until three are: a pipe sending one at a time would never get here
                assertTrue(threeAtOnce.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "three batches in flight at once");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            batches.add(batch);
            running.decrementAndGet();
        }, dir, Clock.systemUTC())) {
            await(pipe, () -> sortKeys(batches).size() == 40);
        }
        assertEquals(3, most.get());
    }

    @Test
    void recordsOlderThanTheMaximumAgeAreDeadLetteredUnsent(@TempDir Path dir) throws Exception {
        newTable();
        put("FILE#stale");
        PipeSettings aged = new PipeSettings("TRIM_HORIZON", 10, 0, 1, 60, 2, 1, "EXPRESS", "REQUEST_RESPONSE");
        Clock twoMinutesLater = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
        List<ArrayNode> delivered = new CopyOnWriteArrayList<>();
        try (PipeRunner pipe = runner(aged, (id, attempt, batch) -> delivered.add(batch), dir, twoMinutesLater)) {
            await(pipe, () -> Files.exists(dir.resolve("dlq")));
        }
        assertEquals(List.of(), delivered);
        try (var letters = Files.list(dir.resolve("dlq"))) {
            JsonNode letter = JSON.readTree(letters.toList().getFirst().toFile());
            assertEquals("FILE#stale", letter.at("/records/0/dynamodb/Keys/SK/S").asText());
            assertTrue(letter.get("error").asText().contains("maximumRecordAgeInSeconds"));
        }
    }

    @Test
    void aFailingTargetIsRetriedAndThenSucceeds(@TempDir Path dir) throws Exception {
        newTable();
        AtomicInteger calls = new AtomicInteger();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        put("FILE#r");
        try (PipeRunner pipe = runner((id, attempt, batch) -> {
            attempts.add(attempt);
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("target down");
            }
        }, dir)) {
            await(pipe, () -> calls.get() == 3);
        }
        assertEquals(List.of(1, 2, 3), attempts);
        assertTrue(Files.notExists(dir.resolve("dlq")));
    }

    @Test
    void aBatchThatKeepsFailingGoesToTheDeadLetterFolderAndThePipeMovesOn(@TempDir Path dir) throws Exception {
        newTable();
        List<ArrayNode> delivered = new CopyOnWriteArrayList<>();
        put("FILE#poison");
        try (PipeRunner pipe = runner((id, attempt, batch) -> {
            if (batch.toString().contains("poison")) {
                throw new IllegalStateException("always fails");
            }
            delivered.add(batch);
        }, dir)) {
            await(pipe, () -> Files.exists(dir.resolve("dlq")));
            put("FILE#next");
            await(pipe, () -> sortKeys(delivered).contains("FILE#next"));
        }
        try (var letters = Files.list(dir.resolve("dlq"))) {
            List<Path> files = letters.toList();
            assertEquals(1, files.size());
            JsonNode letter = JSON.readTree(files.getFirst().toFile());
            assertEquals("FILE#poison", letter.at("/records/0/dynamodb/Keys/SK/S").asText());
            assertTrue(letter.get("error").asText().contains("always fails"));
        }
    }

    @Test
    void aRestartResumesAfterTheLastAcceptedBatch(@TempDir Path dir) throws Exception {
        newTable();
        List<ArrayNode> first = new CopyOnWriteArrayList<>();
        put("FILE#a");
        try (PipeRunner pipe = runner((id, attempt, batch) -> first.add(batch), dir)) {
            await(pipe, () -> sortKeys(first).contains("FILE#a"));
        }
        put("FILE#b");
        List<ArrayNode> second = new CopyOnWriteArrayList<>();
        try (PipeRunner pipe = runner((id, attempt, batch) -> second.add(batch), dir)) {
            await(pipe, () -> sortKeys(second).contains("FILE#b"));
            pipe.awaitPasses(2, TIMEOUT); // a redelivery of FILE#a would have arrived by now
        }
        assertEquals(List.of("FILE#a"), sortKeys(first));
        assertEquals(List.of("FILE#b"), sortKeys(second));
    }

    @Test
    void aBatchThatIsNotFullWaitsForItsBatchingWindowOnThePipesClock(@TempDir Path dir) throws Exception {
        newTable();
        PipeSettings windowed = new PipeSettings("TRIM_HORIZON", 10, 60, 1, -1, 2, 1, "EXPRESS", "REQUEST_RESPONSE");
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<ArrayNode> batches = new CopyOnWriteArrayList<>();
        put("FILE#w");
        try (PipeRunner pipe = runner(windowed, (id, attempt, batch) -> batches.add(batch), dir, clock)) {
            pipe.awaitPasses(2, TIMEOUT);
            assertEquals(List.of(), sortKeys(batches), "sent before its window was over");

            clock.advance(Duration.ofSeconds(60));
            await(pipe, () -> !batches.isEmpty());
        }
        assertEquals(List.of("FILE#w"), sortKeys(batches));
    }
}

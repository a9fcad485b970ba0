package io.filepipe.emulators.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filepipe.core.FileError;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.pipeline.PipelineDefinition;
import io.filepipe.core.store.ClaimOutcome;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.FileTable;
import io.filepipe.core.store.StatusTransition;
import io.filepipe.core.store.SweepShards;
import io.filepipe.testsupport.SharedBackends;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The workflow's {@code MarkFailed} update, run by the Step Functions emulator's
 * {@code dynamodb:updateItem} on DynamoDB Local, read back by the Java store: the FAILED item it
 * writes is one the store reads as a failed file, gone from the sweep index. Only MarkFailed and
 * the states it leads to run, whatever retries the processing task has.
 */
class MarkFailedIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A whole second: Step Functions still renders its milliseconds, as the table's format does. */
    private static final Instant ENTERED = Instant.parse("2026-11-24T10:15:30Z");
    private static final Instant UPLOADED = ENTERED.minusSeconds(60);
    private static final String FAILURE = "io.filepipe.processor.RetryableProcessingException";

    private static DynamoDbClient dynamo;
    private static String table;
    private static DynamoDbFileStore store;
    private static WorkflowRunner markFailed;

    @BeforeAll
    static void tableAndWorkflow() throws Exception {
        AwsClients clients = SharedBackends.clients();
        dynamo = clients.dynamoDb();
        table = SharedBackends.uniqueName("mark-failed");
        FileTable.createIfMissing(dynamo, table);
        store = new DynamoDbFileStore(dynamo, table, SweepShards.DEFAULTS);
        String workflow = PipelineDefinition.workflow(Map.of(
                PipelineDefinition.PROCESSOR_FUNCTION_ARN, "arn:aws:lambda:us-east-1:000000000000:function:unused",
                PipelineDefinition.TABLE_NAME, table));
        markFailed = new WorkflowRunner(StateMachine.parse(startingAtMarkFailed(JSON.readTree(workflow)).toString()),
                Map.of(DynamoDbUpdateItemResource.ARN, new DynamoDbUpdateItemResource(dynamo)),
                duration -> {
                    throw new AssertionError("MarkFailed does not wait");
                },
                new Random(), Clock.fixed(ENTERED, ZoneOffset.UTC), null);
    }

    @AfterAll
    static void close() {
        dynamo.close();
    }

    /** The per-item workflow from MarkFailed on: MarkFailed and every state it can go to. */
    private static ObjectNode startingAtMarkFailed(JsonNode workflow) {
        JsonNode states = workflow.at("/States/ProcessFiles/ItemProcessor/States");
        ObjectNode reachable = JSON.createObjectNode();
        Deque<String> next = new ArrayDeque<>(List.of("MarkFailed"));
        while (!next.isEmpty()) {
            String name = next.pop();
            if (reachable.has(name)) {
                continue;
            }
            JsonNode state = states.get(name);
            reachable.set(name, state);
            state.findValues("Next").forEach(target -> next.push(target.asText()));
        }
        ObjectNode machine = JSON.createObjectNode().put("StartAt", "MarkFailed");
        machine.set("States", reachable);
        return machine;
    }

    /** What the per-item workflow holds when its Catch sends it to MarkFailed: the stream record and the failure. */
    private static JsonNode caught(FileRecord file) {
        ObjectNode input = JSON.createObjectNode();
        input.putObject("dynamodb").putObject("Keys")
                .<ObjectNode>set("PK", JSON.createObjectNode().put("S", KeyScheme.partitionKey(file.userId())))
                .set("SK", JSON.createObjectNode().put("S", KeyScheme.fileSortKey(file.fileId())));
        input.putObject("failure").put("Error", FAILURE).put("Cause", "S3 is throttling");
        return input;
    }

    private static FileRecord pending() {
        FileRecord file = FileRecord.pending(new UserId(SharedBackends.uniqueName("user")),
                FileId.newId(UPLOADED), FileName.of("doomed.txt"), "", 1, "text/plain", "0".repeat(64), UPLOADED);
        store.create(file);
        return file;
    }

    private static void runMarkFailed(FileRecord file) {
        assertInstanceOf(ExecutionResult.Succeeded.class, markFailed.execute("mark-" + file.fileId().value(), caught(file)));
    }

    private static boolean inSweepIndex(FileRecord file, FileStatus status) {
        return store.unfinished(status, ENTERED.plusSeconds(1), 1000).stream()
                .anyMatch(unfinished -> unfinished.fileId().equals(file.fileId()));
    }

    private static void assertMarkedFailed(FileRecord file) {
        FileRecord failed = store.find(file.userId(), file.fileId()).orElseThrow();
        assertEquals(FileStatus.FAILED, failed.status());
        assertEquals(new FileError("PROCESSING_FAILED", FAILURE), failed.error());
        assertEquals(ENTERED, failed.updatedAt());
        assertNull(failed.result());
        String stored = dynamo.getItem(r -> r.tableName(table).key(Map.of(
                KeyScheme.PK, AttributeValue.fromS(
                        KeyScheme.partitionKey(file.userId())),
                KeyScheme.SK, AttributeValue.fromS(
                        KeyScheme.fileSortKey(file.fileId()))))).item().get(FileTable.SWEEP_SORT).s();
        assertEquals(Timestamps.format(ENTERED), stored, "updatedAt in the table's fixed-width format");
    }

    @Test
    void aPendingFileIsReadBackFailedAndLeavesTheSweepIndex() {
        FileRecord file = pending();
        assertTrue(inSweepIndex(file, FileStatus.PENDING));

        runMarkFailed(file);

        assertMarkedFailed(file);
        assertFalse(inSweepIndex(file, FileStatus.PENDING));
    }

    @Test
    void aFileHeldByAnAttemptIsReadBackFailedAndLeavesTheSweepIndex() {
        FileRecord file = pending();
        assertInstanceOf(ClaimOutcome.Claimed.class, store.claim(file.userId(), file.fileId(), UPLOADED, UPLOADED));
        assertTrue(inSweepIndex(file, FileStatus.PROCESSING));

        runMarkFailed(file);

        assertMarkedFailed(file);
        assertFalse(inSweepIndex(file, FileStatus.PROCESSING));
    }

    @Test
    void aFileThatFinishedMeanwhileKeepsItsOutcome() {
        FileRecord file = pending();
        store.claim(file.userId(), file.fileId(), UPLOADED, UPLOADED);
        FileRecord processed = store.transition(StatusTransition.finish(file.userId(), file.fileId(), 1,
                FileStatus.PROCESSED, UPLOADED, null, null));

        runMarkFailed(file);

        assertEquals(processed, store.find(file.userId(), file.fileId()).orElseThrow());
    }
}

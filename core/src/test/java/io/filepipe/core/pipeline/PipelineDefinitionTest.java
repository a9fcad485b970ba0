package io.filepipe.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.FileId;
import io.filepipe.core.KeyScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.event.ruler.Machine;

class PipelineDefinitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> VALUES = Map.of(
            PipelineDefinition.PROCESSOR_FUNCTION_ARN, "arn:aws:lambda:eu-west-1:123456789012:function:processor",
            PipelineDefinition.TABLE_NAME, "filepipe-files");

    /** A DynamoDB stream record in the shape EventBridge Pipes delivers it. */
    static String pipesRecord(String eventName, String sortKey) {
        return """
                {"eventID":"1","eventName":"%s","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
                 "dynamodb":{"ApproximateCreationDateTime":1795400000,"Keys":{"PK":{"S":"USER#u1"},"SK":{"S":"%s"}},
                   "NewImage":{"PK":{"S":"USER#u1"},"SK":{"S":"%s"},"status":{"S":"PENDING"},"size":{"N":"3"}},
                   "SequenceNumber":"100","SizeBytes":80,"StreamViewType":"NEW_IMAGE"},
                 "eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/filepipe-files/stream/2026"}
                """.formatted(eventName, sortKey, sortKey);
    }

    @ParameterizedTest
    @CsvSource({
            "INSERT, FILE#01J0000000000000000000000Z, true",
            "MODIFY, FILE#01J0000000000000000000000Z, false",
            "REMOVE, FILE#01J0000000000000000000000Z, false",
            "INSERT, PROFILE, false",
            "INSERT, IDEMPOTENCY#abc, false",
            "INSERT, UPLOAD#01J0000000000000000000000Z, false",
            "MODIFY, UPLOAD#01J0000000000000000000000Z, false",
            "REMOVE, UPLOAD#01J0000000000000000000000Z, false",
            "INSERT, file#01J0000000000000000000000Z, false",
            "INSERT, XFILE#01J0000000000000000000000Z, false"})
    void filterPassesOnlyInsertsOfFileItems(String eventName, String sortKey, boolean expected) throws Exception {
        Machine machine = Machine.builder().build();
        machine.addRule("files", PipelineDefinition.filterPattern());
        assertEquals(expected, !machine.rulesForJSONEvent(pipesRecord(eventName, sortKey)).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
            "MODIFY, FILE#01J0000000000000000000000Z, PROCESSED, true",
            "MODIFY, FILE#01J0000000000000000000000Z, REJECTED, true",
            "MODIFY, FILE#01J0000000000000000000000Z, FAILED, true",
            "MODIFY, FILE#01J0000000000000000000000Z, PENDING, false",
            "MODIFY, FILE#01J0000000000000000000000Z, PROCESSING, false",
            "INSERT, FILE#01J0000000000000000000000Z, PROCESSED, false",
            "REMOVE, FILE#01J0000000000000000000000Z, PROCESSED, false",
            "MODIFY, SHARE#abc, PROCESSED, false",
            "MODIFY, IDEMPOTENCY#abc, PROCESSED, false"})
    void eventsFilterPassesOnlyFileItemsThatBecameTerminal(String eventName, String sortKey, String status,
                                                          boolean expected) throws Exception {
        Machine machine = Machine.builder().build();
        machine.addRule("events", PipelineDefinition.eventsFilterPattern());
        String record = pipesRecord(eventName, sortKey).replace("\"PENDING\"", "\"" + status + "\"");
        assertEquals(expected, !machine.rulesForJSONEvent(record).isEmpty(), record);
    }

    @Test
    void eventsTemplateAndSchemaAreJsonAndTheSchemaRequiresEveryFieldTheTemplateWrites() throws IOException {
        String template = PipelineDefinition.eventsInputTemplate().replaceAll("<\\$[^>]*>", "x");
        JsonNode detail = JSON.readTree(template);
        JsonNode schema = JSON.readTree(PipelineDefinition.eventSchema());
        List<String> written = new ArrayList<>();
        detail.fieldNames().forEachRemaining(written::add);
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        assertEquals(written, required);
    }

    @ParameterizedTest
    @CsvSource({"INSERT", "MODIFY"})
    void filterLetsNoWriteOfTheReconcilersScanPositionThrough(String eventName) throws Exception {
        Machine machine = Machine.builder().build();
        machine.addRule("files", PipelineDefinition.filterPattern());
        String record = pipesRecord(eventName, KeyScheme.ORPHAN_SCAN_SORT_KEY)
                .replace(KeyScheme.USER_PREFIX + "u1", KeyScheme.RECONCILER_PARTITION);

        assertTrue(machine.rulesForJSONEvent(record).isEmpty(), record);
    }

    @ParameterizedTest
    @CsvSource({"INSERT", "MODIFY", "REMOVE"})
    void filterLetsNoWriteOfAShareLinkThrough(String eventName) throws Exception {
        Machine machine = Machine.builder().build();
        machine.addRule("files", PipelineDefinition.filterPattern());
        FileId file = new FileId("01J0000000000000000000000Z");
        String hash = "ab".repeat(32);
        String entry = pipesRecord(eventName, KeyScheme.shareSortKey(file, hash));
        String resolving = pipesRecord(eventName, KeyScheme.SHARE_SORT_KEY)
                .replace(KeyScheme.USER_PREFIX + "u1", KeyScheme.sharePartitionKey(hash));

        assertTrue(machine.rulesForJSONEvent(entry).isEmpty(), entry);
        assertTrue(machine.rulesForJSONEvent(resolving).isEmpty(), resolving);
    }

    @Test
    void workflowNeedsTheProcessorArnAndTheTableName() {
        assertEquals(Set.of("ProcessorFunctionArn", "TableName"), PipelineDefinition.workflowPlaceholders());
    }

    @Test
    void workflowWithValuesIsValidJsonWithNoPlaceholderLeft() throws IOException {
        String workflow = PipelineDefinition.workflow(VALUES);
        assertFalse(workflow.contains("${"));
        JsonNode tasks = JSON.readTree(workflow).at("/States/ProcessFiles/ItemProcessor/States");
        assertEquals("arn:aws:states:::lambda:invoke", tasks.at("/ProcessFile/Resource").asText());
        assertEquals(VALUES.get("ProcessorFunctionArn"), tasks.at("/ProcessFile/Parameters/FunctionName").asText());
        assertEquals("arn:aws:states:::dynamodb:updateItem", tasks.at("/MarkFailed/Resource").asText());
        assertEquals("filepipe-files", tasks.at("/MarkFailed/Parameters/TableName").asText());
    }

    @Test
    void workflowRefusesMissingOrUnknownValues() {
        assertThrows(IllegalArgumentException.class,
                () -> PipelineDefinition.workflow(Map.of("TableName", "t")));
        assertThrows(IllegalArgumentException.class, () -> PipelineDefinition.workflow(Map.of(
                "TableName", "t", "ProcessorFunctionArn", "a", "Extra", "x")));
    }

    /** DynamoDB Streams keeps a record 24 hours. */
    private static final int STREAM_RETENTION_SECONDS = 24 * 3600;

    /** The processor's default function timeout (stream-processor's ProcessorTimeouts, which core cannot see). */
    private static final int PROCESSOR_TIMEOUT_SECONDS = 60;

    /** Step Functions ends an Express execution after 5 minutes, retries or not. */
    private static final double EXPRESS_LIMIT_SECONDS = 300;

    private static JsonNode processorStates() throws IOException {
        return JSON.readTree(PipelineDefinition.workflow(VALUES)).at("/States/ProcessFiles/ItemProcessor/States");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @Test
    void transientRetriesWaitAtMostHalfTheExpressLimitWithFullJitter() throws IOException {
        JsonNode retry = processorStates().at("/ProcessFile/Retry");
        assertEquals(1, retry.size());
        JsonNode transientErrors = retry.get(0);
        assertEquals("FULL", transientErrors.path("JitterStrategy").asText(), "retries of a throttled burst spread out");

        // the worst case: every retry waits its whole computed delay (full jitter waits a random part of it)
        double worstWaitSeconds = 0;
        for (int attempt = 0; attempt < transientErrors.path("MaxAttempts").asInt(); attempt++) {
            worstWaitSeconds += Math.min(transientErrors.path("MaxDelaySeconds").asDouble(),
                    transientErrors.path("IntervalSeconds").asDouble()
                            * Math.pow(transientErrors.path("BackoffRate").asDouble(), attempt));
        }

        assertEquals(2 + 4 + 8 + 16 + 32 + 60, worstWaitSeconds, "the schedule the workflow's comment documents");
        assertTrue(worstWaitSeconds > 60, "a burst of throttling lasting a minute must not fail a file");
        // the other half is for the attempts themselves: a throttled invoke fails at once, a
        // processor's storage failure within its SDK timeouts
        assertTrue(worstWaitSeconds <= EXPRESS_LIMIT_SECONDS / 2,
                worstWaitSeconds + " s of retries in an Express workflow of " + EXPRESS_LIMIT_SECONDS + " s");
    }

    @Test
    void transientErrorsOutlastingTheRetriesLeaveTheFileForTheReconcilerOnlyOthersMarkItFailed() throws IOException {
        JsonNode states = processorStates();
        JsonNode task = states.get("ProcessFile");
        JsonNode catchers = task.path("Catch");
        assertEquals(3, catchers.size(), "transient errors, the attempt's timeout, everything else");

        JsonNode transientCatcher = catchers.get(0);
        assertEquals(texts(task.at("/Retry/0/ErrorEquals")), texts(transientCatcher.path("ErrorEquals")),
                "exactly the retried errors are transient");
        JsonNode leftPending = states.get(transientCatcher.path("Next").asText());
        assertEquals("Succeed", leftPending.path("Type").asText(), "the item is not touched: it stays PENDING");

        JsonNode permanentCatcher = catchers.get(2);
        assertEquals(List.of("States.ALL"), texts(permanentCatcher.path("ErrorEquals")));
        assertEquals("MarkFailed", permanentCatcher.path("Next").asText());
    }

    @Test
    void oneSlowFileHoldsItsBatchForTheTaskTimeoutAtMostAndIsNeitherRetriedNorMarkedFailed() throws IOException {
        JsonNode states = processorStates();
        JsonNode task = states.get("ProcessFile");
        int timeout = task.path("TimeoutSeconds").asInt();
        assertTrue(timeout > 0 && timeout < PROCESSOR_TIMEOUT_SECONDS,
                "a file may take longer than " + timeout + " s (up to its function timeout) without holding its batch");
        assertFalse(texts(task.at("/Retry/0/ErrorEquals")).contains("States.Timeout"),
                "a retry would start a second invocation beside the one still running");

        JsonNode timeoutCatcher = task.path("Catch").get(1);
        assertEquals(List.of("States.Timeout"), texts(timeoutCatcher.path("ErrorEquals")));
        assertEquals("Succeed", states.get(timeoutCatcher.path("Next").asText()).path("Type").asText(),
                "the running invocation finishes the file; the item is not touched");

        // the longest a batch can be held: every attempt times out and every retry waits its whole delay
        JsonNode retry = task.at("/Retry/0");
        double worst = (1 + retry.path("MaxAttempts").asInt()) * timeout + (2 + 4 + 8 + 16 + 32 + 60);
        assertTrue(worst < EXPRESS_LIMIT_SECONDS, worst + " s must end inside the Express limit");
    }

    @Test
    void theMapRunsAWholeBatchAtOnceWithinTheInlineMapsConcurrency() throws IOException {
        JsonNode map = JSON.readTree(PipelineDefinition.workflow(VALUES)).at("/States/ProcessFiles");
        int concurrency = map.path("MaxConcurrency").asInt();
        assertTrue(concurrency <= 40, "an inline Map runs 40 iterations at once at most");
        assertEquals(PipelineDefinition.settings().batchSize(), concurrency, "no file of a batch waits for another");
    }

    @Test
    void settingsAreReadFromTheDataFile() {
        PipeSettings settings = PipelineDefinition.settings();
        assertEquals(40, settings.batchSize());
        assertEquals(10, settings.parallelizationFactor());
        assertTrue(settings.maximumRecordAgeInSeconds() > 0
                && settings.maximumRecordAgeInSeconds() < STREAM_RETENTION_SECONDS, "dead-lettered before the trim");
        assertEquals("EXPRESS", settings.workflowType());
        assertEquals("REQUEST_RESPONSE", settings.invocationType());
        assertTrue(settings.maximumRetryAttempts() > 0);
    }

    /** AWS's own rules for ASL, checked by the asl-validator npm package where Node is installed. */
    @Test
    void workflowPassesAslValidator(@TempDir Path dir) throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean hasNpx = new ProcessBuilder("sh", "-c", "command -v npx").start().waitFor() == 0;
        if (!hasNpx) {
            System.err.println("SKIPPED: npx not found, asl-validator cannot run");
        }
        Assumptions.assumeTrue(hasNpx || ci, "npx not found");
        Path file = dir.resolve("workflow.asl.json");
        Files.writeString(file, PipelineDefinition.workflow(VALUES));
        List<String> command = new ArrayList<>(List.of("npx", "--yes", "asl-validator@4.0.0", "--json-path", file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "asl-validator timed out");
        assertEquals(0, process.exitValue(), output);
    }
}

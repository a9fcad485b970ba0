package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.testsupport.CapturedLogs;
import io.filepipe.core.FileStatus;
import io.filepipe.testsupport.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The handler's contract: input shapes in, response shapes out, malformed input refused. */
class HandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ProcessorFixture fixture;
    private static CapturedLogs logs;
    private static Handler handler;

    @BeforeAll
    static void start() {
        fixture = ProcessorFixture.create();
        logs = CapturedLogs.start("stdout");
        handler = new Handler(fixture.processor());
    }

    @AfterAll
    static void stop() {
        logs.close();
        fixture.close();
    }

    private static JsonNode invoke(String event, String requestId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new FakeContext(requestId));
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void keysDocumentIsAnsweredWithOneResultObject() throws IOException {
        FileRef file = fixture.upload("photo.png", TestImages.png(200, 100));

        JsonNode response = invoke(TestEvents.keys(file), "req-single");

        assertEquals(JSON.readTree("{\"userId\":\"" + file.userId().value() + "\",\"fileId\":\"" + file.fileId().value()
                + "\",\"status\":\"PROCESSED\",\"reason\":null}"), response);
        assertEquals(FileStatus.PROCESSED, fixture.item(file).status());
        assertEquals("req-single", logs.result(file.fileId()).path("requestId").asText());
    }

    @Test
    void batchOfPipesRecordsIsAnsweredInInputOrder() throws IOException {
        FileRef disguised = fixture.upload("cat.jpg", TestImages.zip());
        FileRef photo = fixture.upload("dog.jpg", TestImages.jpeg(300, 200));
        String batch = "[" + TestEvents.pipesRecord(disguised) + ","
                + TestEvents.pipesRecord(photo) + "]";

        JsonNode results = invoke(batch, "req-batch").path("results");

        assertEquals(2, results.size());
        assertEquals(disguised.fileId().value(), results.get(0).path("fileId").asText());
        assertEquals("REJECTED", results.get(0).path("status").asText());
        assertEquals("CONTENT_MISMATCH", results.get(0).path("reason").asText());
        assertEquals(photo.fileId().value(), results.get(1).path("fileId").asText());
        assertEquals("PROCESSED", results.get(1).path("status").asText());
        assertTrue(results.get(1).path("reason").isNull());
    }

    @Test
    void redeliveredEventIsAnsweredAsSkipped() throws IOException {
        FileRef file = fixture.upload("twice.txt", "twice".getBytes(StandardCharsets.UTF_8));
        invoke(TestEvents.keys(file), "req-first");

        JsonNode again = invoke(TestEvents.keys(file), "req-again");

        assertEquals("SKIPPED", again.path("status").asText());
        assertEquals("DUPLICATE", again.path("reason").asText());
    }

    @Test
    void malformedBatchIsRefusedBeforeAnyFileIsTouched() {
        FileRef file = fixture.upload("untouched.txt", "wait".getBytes(StandardCharsets.UTF_8));
        String batch = "[" + TestEvents.keys(file) + ",{\"pk\":\"USER#someone\",\"sk\":\"PROFILE\"}]";

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> invoke(batch, "req-bad"));

        assertTrue(e.getMessage().contains("event[1]"), e.getMessage());
        assertEquals(FileStatus.PENDING, fixture.item(file).status());
        assertEquals(0, logs.results(file.fileId()).size());
    }
}

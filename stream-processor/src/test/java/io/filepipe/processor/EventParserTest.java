package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.FileId;
import io.filepipe.core.UserId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {

    private static final UserId USER = new UserId("2f0c9a3e-5b8d-4c1e-9f7a-1d2e3f4a5b6c");
    private static final FileRef FILE = new FileRef(USER, FileId.newId(Instant.parse("2026-11-24T10:00:00Z")));
    private static final FileRef OTHER_FILE = new FileRef(USER, FileId.newId(Instant.parse("2026-11-24T10:00:01Z")));

    private final EventParser parser = new EventParser();

    private ProcessorEvent parse(String json) {
        return parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keysDocumentIsASingleFile() {
        ProcessorEvent event = parse(TestEvents.keys(FILE));

        assertEquals(List.of(FILE), event.files());
        assertFalse(event.batch());
    }

    @Test
    void pipesStreamRecordIsReadFromItsKeys() {
        ProcessorEvent event = parse(TestEvents.pipesRecord(FILE));

        assertEquals(List.of(FILE), event.files());
        assertFalse(event.batch());
    }

    @Test
    void arrayIsABatchInInputOrderAndMayMixShapes() {
        ProcessorEvent event = parse("[" + TestEvents.pipesRecord(OTHER_FILE) + "," + TestEvents.keys(FILE) + "]");

        assertEquals(List.of(OTHER_FILE, FILE), event.files());
        assertTrue(event.batch());
    }

    @Test
    void emptyArrayIsAnEmptyBatch() {
        ProcessorEvent event = parse("[]");

        assertEquals(List.of(), event.files());
        assertTrue(event.batch());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "{\"pk\":",
            "{\"pk\":\"USER#u\",\"sk\":\"FILE#01JDCHDZ8N6P3WJ0P8N3J0W8KQ\"} trailing",
            "42",
            "\"USER#u\"",
            "[[]]",
            "[42]",
            "{}",
            "{\"userId\":\"u\",\"fileId\":\"01JDCHDZ8N6P3WJ0P8N3J0W8KQ\"}",
            "{\"pk\":\"USER#u\"}",
            "{\"pk\":\"USER#u\",\"sk\":42}",
            "{\"pk\":\"u\",\"sk\":\"FILE#01JDCHDZ8N6P3WJ0P8N3J0W8KQ\"}",
            "{\"pk\":\"USER#u/../x\",\"sk\":\"FILE#01JDCHDZ8N6P3WJ0P8N3J0W8KQ\"}",
            "{\"pk\":\"USER#u\",\"sk\":\"FILE#not-a-ulid\"}",
            "{\"pk\":\"USER#u\",\"sk\":\"PROFILE\"}",
            "{\"eventName\":\"INSERT\",\"dynamodb\":{}}",
            "{\"eventName\":\"INSERT\",\"dynamodb\":{\"Keys\":{\"PK\":\"USER#u\",\"SK\":\"FILE#01JDCHDZ8N6P3WJ0P8N3J0W8KQ\"}}}",
            "{\"eventName\":\"INSERT\",\"dynamodb\":{\"Keys\":{\"PK\":{\"N\":\"1\"},\"SK\":{\"S\":\"FILE#01JDCHDZ8N6P3WJ0P8N3J0W8KQ\"}}}}",
    })
    void malformedInputIsAnInvalidEvent(String input) {
        assertThrows(InvalidEventException.class, () -> parse(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MODIFY", "REMOVE"})
    void streamRecordsOtherThanInsertAreInvalid(String eventName) {
        String record = TestEvents.pipesRecord(FILE).replace("\"INSERT\"", "\"" + eventName + "\"");

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> parse(record));
        assertTrue(e.getMessage().contains("eventName"), e.getMessage());
    }

    @Test
    void oneBadElementFailsTheWholeBatchAndNamesIt() {
        String batch = "[" + TestEvents.keys(FILE) + ",{\"pk\":\"USER#u\",\"sk\":\"FILE#bad\"}]";

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> parse(batch));
        assertTrue(e.getMessage().startsWith("event[1]"), e.getMessage());
    }
}

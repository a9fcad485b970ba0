package io.filepipe.emulators.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.pipeline.PipelineDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class InputTransformerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void placeholdersOutsideQuotesKeepTheValuesJsonType() throws Exception {
        InputTransformer transformer = InputTransformer.parse(
                "{\"n\": <$.a.n>, \"s\": <$.a.s>, \"o\": <$.a>, \"first\": <$.list[0]>}");

        JsonNode out = transformer.apply(json("{\"a\":{\"n\":3,\"s\":\"x\"},\"list\":[true,false]}"));

        assertEquals(json("{\"n\":3,\"s\":\"x\",\"o\":{\"n\":3,\"s\":\"x\"},\"first\":true}"), out);
    }

    @Test
    void placeholdersInsideQuotesAreInterpolatedAsEscapedText() throws Exception {
        InputTransformer transformer = InputTransformer.parse("{\"line\": \"file <$.name> is <$.size> bytes\"}");

        JsonNode out = transformer.apply(json("{\"name\":\"a \\\"quoted\\\" \\\\ name\",\"size\":12}"));

        assertEquals("file a \"quoted\" \\ name is 12 bytes", out.get("line").asText());
    }

    @Test
    void aPathThatMatchesNothingIsNullOutsideQuotesAndEmptyInsideThem() throws Exception {
        InputTransformer transformer = InputTransformer.parse("{\"a\": <$.missing>, \"b\": \"<$.missing.deeper>\"}");

        assertEquals(json("{\"a\":null,\"b\":\"\"}"), transformer.apply(json("{}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\": <$.list[*]>}",
            "{\"a\": <$..deep>}",
            "{\"a\": <$.a[?(@.b)]>}",
            "{\"a\": \"<aws.pipes.event.json>\"}",
            "{\"a\": <detail>}",
            "{\"a\": <$.a>",
            "{\"a\": \"<$.a\"}"})
    void refusesAtLoadWhatItDoesNotImplement(String template) {
        assertThrows(UnsupportedTemplate.class, () -> InputTransformer.parse(template));
    }

    @Test
    void theEventsTemplateTurnsATerminalRecordIntoTheDetail() throws Exception {
        JsonNode record = json("""
                {"eventID":"e-1","eventName":"MODIFY","dynamodb":{"NewImage":{
                  "fileId":{"S":"01J"},"userId":{"S":"u1"},"fileName":{"S":"cat.png"},"status":{"S":"PROCESSED"},
                  "size":{"N":"42"},"contentType":{"S":"image/png"},"createdAt":{"S":"2026-11-30T10:00:00Z"},
                  "updatedAt":{"S":"2026-11-30T10:00:01Z"},
                  "result":{"M":{"contentType":{"S":"image/png"},"width":{"N":"2"},"height":{"N":"3"}}}}}}
                """);

        JsonNode detail = InputTransformer.parse(PipelineDefinition.eventsInputTemplate()).apply(record);

        assertEquals("e-1", detail.get("eventId").asText());
        assertEquals("42", detail.get("sizeBytes").asText());
        assertEquals("2", detail.at("/result/width").asText());
        assertEquals("", detail.at("/error/code").asText());
        assertTrue(detail.get("status").isTextual());
    }
}

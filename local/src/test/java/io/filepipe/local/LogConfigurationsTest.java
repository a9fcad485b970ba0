package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.logging.JsonLogs;
import io.filepipe.core.logging.LogLine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The log configurations of the processes that write JSON lines (the API's, the processor's, the
 * local stack's, all on this module's class path): the same event comes out as the same line from
 * each, and the loggers read by name are the ones {@link JsonLogs} names.
 */
class LogConfigurationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "filepipe-log4j2.xml";
    private static final String PROCESSOR = "filepipe-processor-log4j2.xml";
    private static final String LOCAL = "filepipe-local-log4j2.xml";

    /** A result line as the processor writes it, inside a request, about a failure. */
    private static final LogEvent EVENT = Log4jLogEvent.newBuilder()
            .setLoggerName(JsonLogs.RESULT_LOGGER)
            .setLevel(Level.INFO)
            .setTimeMillis(1_795_400_000_123L)
            .setMessage(new LogLine("file result").with("status", "FAILED").with("attempt", 2))
            .setContextData(new SortedArrayStringMap(Map.of("requestId", "r-1", "fileId", "f-1")))
            .setThrown(new IllegalStateException("boom"))
            .build();

    private static Configuration load(String resource) {
        ConfigurationSource source = ConfigurationSource.fromResource(resource, LogConfigurationsTest.class.getClassLoader());
        assertNotNull(source, resource + " is on the class path");
        Configuration config = new XmlConfiguration(new LoggerContext(resource), source);
        config.initialize();
        return config;
    }

    /** The line the root logger's appender writes: every logger without an appender of its own goes there. */
    private static JsonNode line(String resource) throws IOException {
        Configuration config = load(resource);
        List<JsonTemplateLayout> layouts = new ArrayList<>();
        for (Appender appender : config.getRootLogger().getAppenders().values()) {
            layouts.add(assertInstanceOf(JsonTemplateLayout.class, appender.getLayout(), resource + ": " + appender.getName()));
        }
        assertEquals(1, layouts.size(), resource);
        return JSON.readTree(layouts.getFirst().toSerializable(EVENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {API, PROCESSOR, LOCAL})
    void everyProcessWritesTheSameLineForTheSameEvent(String resource) throws IOException {
        JsonNode line = line(resource);

        assertEquals(line(API), line, resource + " renders events as the API does");
        Set<String> fields = new TreeSet<>();
        line.fieldNames().forEachRemaining(fields::add);
        assertEquals(new TreeSet<>(Set.of("timestamp", "level", "logger", "message", "requestId", "fileId", "status",
                "attempt", "error", "errorMessage", "stackTrace")), fields, "context and fields at the top level");
        assertEquals("2026-11-23T02:13:20.123Z", line.get("timestamp").asText());
        assertEquals(JsonLogs.RESULT_LOGGER, line.get("logger").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {PROCESSOR, LOCAL})
    void theProcessorsResultLinesAreWrittenWhereverItRuns(String resource) {
        assertEquals(Level.INFO, load(resource).getLoggerConfig(JsonLogs.RESULT_LOGGER).getLevel(), resource);
    }

    @Test
    void theLocalStackShowsEveryRequestAsOneCompactLineByTheAccessLoggersName() {
        LoggerConfig access = load(LOCAL).getLoggerConfig(JsonLogs.ACCESS_LOGGER);

        assertEquals(JsonLogs.ACCESS_LOGGER, access.getName());
        assertEquals(Level.INFO, access.getLevel());
        assertFalse(access.isAdditive(), "not also as a JSON line");
        assertEquals(List.of(PatternLayout.class), access.getAppenders().values().stream()
                .map(appender -> appender.getLayout().getClass()).toList());
    }
}

package io.filepipe.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.logging.JsonLogs;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures what the processor logs, rendered by the production JSON layout (the tests run with
 * {@code filepipe-processor-log4j2.xml}), so assertions see exactly the lines CloudWatch would.
 */
final class CapturedLogs implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final Appender appender;

    private CapturedLogs() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        Layout<? extends Serializable> layout = config.getAppender("stdout").getLayout();
        appender = new Appender("capture-" + UUID.randomUUID(), layout);
        appender.start();
        config.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** Every captured line, each parsed as JSON (which also proves it is one JSON object). */
    List<JsonNode> all() {
        return lines.stream().map(CapturedLogs::parse).toList();
    }

    /** The result lines logged for one file. */
    List<JsonNode> results(FileRef file) {
        return all().stream()
                .filter(line -> JsonLogs.RESULT_LOGGER.equals(line.path("logger").asText()))
                .filter(line -> file.fileId().value().equals(line.path("fileId").asText()))
                .toList();
    }

    /** The single result line of a file; fails unless there is exactly one. */
    JsonNode result(FileRef file) {
        List<JsonNode> results = results(file);
        if (results.size() != 1) {
            throw new AssertionError("expected one result line for " + file.fileId() + " but found " + results);
        }
        return results.getFirst();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }

    private final class Appender extends AbstractAppender {

        Appender(String name, Layout<? extends Serializable> layout) {
            super(name, null, layout, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            lines.add(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8).strip());
        }
    }
}

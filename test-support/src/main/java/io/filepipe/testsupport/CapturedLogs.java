package io.filepipe.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.core.FileId;
import io.filepipe.core.logging.JsonLogs;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures what a process logs while it is open, rendered by the layout of one of the running
 * configuration's appenders (the production JSON layout), so assertions see exactly the lines
 * CloudWatch would. Loggers the tests' configuration hides can be captured at INFO too, without
 * showing them on the console.
 */
public final class CapturedLogs implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final Appender appender;
    private final List<Runnable> restore = new ArrayList<>();

    private CapturedLogs(String layoutOf, List<String> atInfo) {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        org.apache.logging.log4j.core.Appender source = config.getAppender(layoutOf);
        if (source == null) {
            throw new IllegalStateException("the tests' log configuration has no appender " + layoutOf);
        }
        appender = new Appender("capture-" + UUID.randomUUID(), source.getLayout());
        appender.start();
        config.getRootLogger().addAppender(appender, null, null);
        for (String name : atInfo) {
            LoggerConfig logger = config.getLoggerConfig(name);
            if (!logger.getName().equals(name)) {
                throw new IllegalStateException("the tests' log configuration has no " + name + " logger");
            }
            Level level = logger.getLevel();
            boolean additive = logger.isAdditive();
            logger.setLevel(Level.INFO);
            logger.setAdditive(false); // to the capture only, not to the console
            logger.addAppender(appender, null, null);
            restore.add(() -> {
                logger.removeAppender(appender.getName());
                logger.setAdditive(additive);
                logger.setLevel(level);
            });
        }
        context.updateLoggers();
    }

    /**
     * Starts capturing with the layout of the appender named {@code layoutOf}; the loggers named in
     * {@code atInfo} are captured at INFO whatever the configuration lets through.
     */
    public static CapturedLogs start(String layoutOf, String... atInfo) {
        return new CapturedLogs(layoutOf, List.of(atInfo));
    }

    /** Every captured line, each parsed as JSON (which also proves it is one JSON object). */
    public List<JsonNode> all() {
        return lines.stream().map(CapturedLogs::parse).toList();
    }

    /** The bytes written, as they would reach the log. */
    public long bytes() {
        return lines.stream().mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 1).sum();
    }

    /** The processor's result lines ({@value JsonLogs#RESULT_LOGGER}) about one file. */
    public List<JsonNode> results(FileId file) {
        return all().stream()
                .filter(line -> JsonLogs.RESULT_LOGGER.equals(line.path("logger").asText()))
                .filter(line -> file.value().equals(line.path("fileId").asText()))
                .toList();
    }

    /** The single result line of a file; fails unless there is exactly one. */
    public JsonNode result(FileId file) {
        List<JsonNode> results = results(file);
        if (results.size() != 1) {
            throw new AssertionError("expected one result line for " + file + " but found " + results);
        }
        return results.getFirst();
    }

    private static JsonNode parse(String line) {
        try {
            return Http.JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }

    @Override
    public void close() {
        restore.forEach(Runnable::run);
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

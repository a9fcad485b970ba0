package io.filepipe.api.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.testsupport.Http;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * Captures what the API logs while it is open, rendered by the production JSON layout: every event
 * the tests' configuration lets through (WARN and above) and, although that configuration hides
 * them from the console, the {@code filepipe.access} lines at INFO, so a test sees all the lines a
 * request costs in production.
 */
public final class CapturedLogs implements AutoCloseable {

    private static final String ACCESS = "filepipe.access";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final Appender appender;
    private final LoggerConfig access;
    private final Level accessLevel;
    private final boolean accessAdditive;

    private CapturedLogs() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        Layout<? extends Serializable> layout = config.getAppender("console").getLayout();
        appender = new Appender("capture-" + UUID.randomUUID(), layout);
        appender.start();
        config.getRootLogger().addAppender(appender, null, null);
        access = config.getLoggerConfig(ACCESS);
        if (!access.getName().equals(ACCESS)) {
            throw new IllegalStateException("the tests' log configuration has no " + ACCESS + " logger");
        }
        accessLevel = access.getLevel();
        accessAdditive = access.isAdditive();
        access.setLevel(Level.INFO);
        access.setAdditive(false); // to the capture only, not to the console
        access.addAppender(appender, null, null);
        context.updateLoggers();
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** Every captured line, each parsed as JSON (which also proves it is one JSON object). */
    public List<JsonNode> all() {
        return lines.stream().map(CapturedLogs::parse).toList();
    }

    /** The bytes written, as they would reach the log. */
    public long bytes() {
        return lines.stream().mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 1).sum();
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
        access.removeAppender(appender.getName());
        access.setAdditive(accessAdditive);
        access.setLevel(accessLevel);
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

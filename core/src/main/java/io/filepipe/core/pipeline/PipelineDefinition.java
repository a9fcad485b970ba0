package io.filepipe.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the pipeline's data files from the classpath: {@code filepipe/pipe-filter.json},
 * {@code filepipe/workflow.asl.json} and {@code filepipe/pipeline.json} for the processing pipe, and
 * {@code filepipe/events-pipe-filter.json}, {@code filepipe/events-input-template.json} and
 * {@code filepipe/file-event.schema.json} for the events pipe (table stream to the event bus), which
 * reads the stream with the same {@link #settings()}.
 */
public final class PipelineDefinition {

    /** The ARN of the processing function, in the workflow. */
    public static final String PROCESSOR_FUNCTION_ARN = "ProcessorFunctionArn";
    /** The table name, in the workflow's catch-all update. */
    public static final String TABLE_NAME = "TableName";

    /** The {@code source} of every result event. */
    public static final String EVENT_SOURCE = "filepipe";
    /**
     * The events pipe's {@code DetailType}: a Pipes dynamic path into the stream record, so the
     * detail-type is the terminal status ({@code PROCESSED}, {@code REJECTED}, {@code FAILED}).
     */
    public static final String EVENT_DETAIL_TYPE_PATH = "$.dynamodb.NewImage.status.S";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineDefinition() {
    }

    /** The EventBridge filter pattern: INSERTs of file items only. */
    public static String filterPattern() {
        return read("filepipe/pipe-filter.json");
    }

    /**
     * The events pipe's filter pattern: MODIFYs of file items whose new status is terminal. Every
     * status change is a conditional transition from the status before it and a terminal status
     * has no next one, so each file matches once (the stream is NEW_IMAGE: there is no old image
     * to compare, and none is needed).
     */
    public static String eventsFilterPattern() {
        return read("filepipe/events-pipe-filter.json");
    }

    /** The events pipe's input transformer template (Pipes syntax): a stream record to an event's detail. */
    public static String eventsInputTemplate() {
        return read("filepipe/events-input-template.json");
    }

    /** The JSON Schema (draft 4, as EventBridge's schema registry takes it) of an event's detail. */
    public static String eventSchema() {
        return read("filepipe/file-event.schema.json");
    }

    /** The state machine with its {@code ${...}} placeholders left in. */
    public static String workflowTemplate() {
        return read("filepipe/workflow.asl.json");
    }

    /** The placeholders the workflow needs. */
    public static Set<String> workflowPlaceholders() {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(workflowTemplate());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The state machine with every placeholder replaced.
     *
     * @throws IllegalArgumentException when a placeholder has no value or a value matches no placeholder
     */
    public static String workflow(Map<String, String> values) {
        Set<String> needed = workflowPlaceholders();
        if (!needed.equals(values.keySet())) {
            throw new IllegalArgumentException("workflow placeholders are " + needed + " but values were given for "
                    + new TreeSet<>(values.keySet()));
        }
        Matcher m = PLACEHOLDER.matcher(workflowTemplate());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(jsonStringContent(values.get(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static PipeSettings settings() {
        try {
            JsonNode root = JSON.readTree(read("filepipe/pipeline.json"));
            JsonNode source = root.path("source");
            JsonNode workflow = root.path("workflow");
            return new PipeSettings(
                    source.path("startingPosition").asText(),
                    source.path("batchSize").asInt(),
                    source.path("maximumBatchingWindowInSeconds").asInt(),
                    source.path("parallelizationFactor").asInt(1),
                    source.path("maximumRecordAgeInSeconds").asInt(-1),
                    source.path("maximumRetryAttempts").asInt(),
                    source.path("retryBackoffSeconds").asInt(),
                    workflow.path("type").asText(),
                    workflow.path("invocationType").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("filepipe/pipeline.json is not valid JSON", e);
        }
    }

    private static String jsonStringContent(String value) {
        try {
            String quoted = JSON.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = PipelineDefinition.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

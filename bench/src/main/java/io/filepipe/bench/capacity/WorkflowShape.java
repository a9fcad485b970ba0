package io.filepipe.bench.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.pipeline.PipelineDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the model needs from the workflow definition, read from it: the Map's concurrency, the
 * task's timeout (an attempt is waited for that long at most), and the state transitions of an
 * execution, counted by walking the states: the Map itself, then per file the states from the
 * item processor's {@code StartAt} along {@code Next} to its end (the path of a file that is
 * processed at once), and the longest path (every retry used, then the catch-all's state).
 *
 * @param mapConcurrency         the Map's {@code MaxConcurrency} (0: unbounded)
 * @param taskTimeoutSeconds     the processing task's {@code TimeoutSeconds}, or the Express
 *                               limit when it has none
 * @param transitionsPerFile     states a processed file passes through
 * @param worstTransitionsPerFile states of a file whose every retry fails and is then caught
 * @param transitionsPerExecution states outside the Map's items (the Map itself)
 */
public record WorkflowShape(int mapConcurrency, double taskTimeoutSeconds, int transitionsPerFile,
                            int worstTransitionsPerFile, int transitionsPerExecution) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shape of the project's own workflow ({@code workflow.asl.json}). */
    public static WorkflowShape ofProject() {
        return parse(PipelineDefinition.workflowTemplate());
    }

    static WorkflowShape parse(String asl) {
        JsonNode root;
        try {
            root = JSON.readTree(asl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode map = null;
        int outside = 0;
        for (JsonNode state = root.at("/States/" + root.path("StartAt").asText()); !state.isMissingNode();
             state = state.has("Next") ? root.at("/States/" + state.get("Next").asText()) : JSON.missingNode()) {
            outside++;
            if (state.path("Type").asText().equals("Map")) {
                map = state;
            }
        }
        if (map == null) {
            throw new IllegalArgumentException("the workflow has no Map over the batch");
        }
        JsonNode processor = map.has("ItemProcessor") ? map.get("ItemProcessor") : map.get("Iterator");
        JsonNode states = processor.path("States");
        JsonNode first = states.path(processor.path("StartAt").asText());
        int happy = 0;
        for (JsonNode state = first; !state.isMissingNode();
             state = state.has("Next") ? states.path(state.get("Next").asText()) : JSON.missingNode()) {
            happy++;
        }
        int retries = 0;
        for (JsonNode retry : first.path("Retry")) {
            retries = Math.max(retries, retry.path("MaxAttempts").asInt(3));
        }
        int caught = 0;
        for (JsonNode catcher : first.path("Catch")) {
            int after = 0;
            for (JsonNode state = states.path(catcher.path("Next").asText()); !state.isMissingNode();
                 state = state.has("Next") ? states.path(state.get("Next").asText()) : JSON.missingNode()) {
                after++;
            }
            caught = Math.max(caught, after);
        }
        double timeout = first.has("TimeoutSeconds") ? first.get("TimeoutSeconds").asDouble()
                : Quota.EXPRESS_DURATION.limit();
        return new WorkflowShape(map.path("MaxConcurrency").asInt(0), timeout, happy, 1 + retries + caught, outside);
    }
}

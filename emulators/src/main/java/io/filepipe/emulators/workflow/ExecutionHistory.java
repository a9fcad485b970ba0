package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filepipe.emulators.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * The events of one execution (states entered and exited, task failures, retries, catches), kept
 * in memory and written as one JSON document when the execution ends; no event carries the
 * execution's data. Thread-safe: Map iterations
 * add events concurrently.
 */
final class ExecutionHistory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final ArrayNode events = JSON.createArrayNode();

    ExecutionHistory(Clock clock) {
        this.clock = clock;
    }

    synchronized ObjectNode add(String type, String state) {
        ObjectNode event = events.addObject();
        event.put("timestamp", clock.instant().toString());
        event.put("type", type);
        if (state != null) {
            event.put("state", state);
        }
        return event;
    }

    synchronized long count(String type) {
        long n = 0;
        for (JsonNode e : events) {
            if (e.path("type").asText().equals(type)) {
                n++;
            }
        }
        return n;
    }

    /** Writes {@code <dir>/<name>.json} atomically, without the execution's data (see {@link ExecutionLog}). */
    synchronized void write(ExecutionLog log, String name, JsonNode input, ExecutionResult result) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("name", name);
        doc.set("inputSummary", log.inputSummary().apply(input));
        switch (result) {
            case ExecutionResult.Succeeded s -> doc.put("status", "SUCCEEDED");
            case ExecutionResult.Failed f -> {
                doc.put("status", "FAILED");
                doc.put("error", f.error());
                doc.put("cause", f.cause());
            }
        }
        doc.set("events", events);
        try {
            PrivateFiles.replace(log.dir().resolve(name + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the execution history of " + name, e);
        }
    }
}

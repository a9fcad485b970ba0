package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/**
 * The events of one execution (states entered and exited, task failures, retries, catches), kept
 * in memory and written as one JSON document when the execution ends. Thread-safe: Map iterations
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

    /** Writes {@code <dir>/<name>.json} atomically. */
    synchronized void write(Path dir, String name, JsonNode input, ExecutionResult result) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("name", name);
        doc.set("input", input);
        switch (result) {
            case ExecutionResult.Succeeded s -> {
                doc.put("status", "SUCCEEDED");
                doc.set("output", s.output());
            }
            case ExecutionResult.Failed f -> {
                doc.put("status", "FAILED");
                doc.put("error", f.error());
                doc.put("cause", f.cause());
            }
        }
        doc.set("events", events);
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(name + ".json.tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), doc);
            Files.move(tmp, dir.resolve(name + ".json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the execution history of " + name, e);
        }
    }
}

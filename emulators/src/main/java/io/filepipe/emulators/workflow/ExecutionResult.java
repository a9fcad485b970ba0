package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/** How an execution ended. */
public sealed interface ExecutionResult {

    String name();

    record Succeeded(String name, JsonNode output) implements ExecutionResult {
    }

    record Failed(String name, String error, String cause) implements ExecutionResult {
    }
}

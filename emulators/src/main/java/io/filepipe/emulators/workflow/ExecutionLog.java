package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where a {@link WorkflowRunner} leaves the history of each execution, {@code <dir>/<name>.json}
 * (readable by its owner only), and what of the execution's data it keeps. Like a state machine's
 * log with {@code includeExecutionData} false, filepipe's setting on AWS, a history holds no input
 * or output: the states entered and exited, retries, errors and their causes, each with its time.
 * {@code inputSummary} picks from the input what a developer needs to find an execution again and
 * nothing more (filepipe keeps the keys of the batch's items), written as {@code inputSummary}.
 */
public record ExecutionLog(Path dir, UnaryOperator<JsonNode> inputSummary) {

    public ExecutionLog {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(inputSummary, "inputSummary");
    }
}

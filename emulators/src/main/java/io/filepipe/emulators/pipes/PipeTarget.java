package io.filepipe.emulators.pipes;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Where the pipe sends a batch (a JSON array of records). Returning normally means the target
 * accepted it; throwing means it failed and the pipe retries it.
 */
@FunctionalInterface
public interface PipeTarget {
    void accept(String batchId, int attempt, ArrayNode batch) throws Exception;
}

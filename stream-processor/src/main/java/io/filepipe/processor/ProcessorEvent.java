package io.filepipe.processor;

import java.util.List;

/**
 * A parsed invocation input: the files to process, in order, and whether the input was a batch
 * (a JSON array), which decides the shape of the response.
 */
record ProcessorEvent(List<FileRef> files, boolean batch) {

    public ProcessorEvent {
        files = List.copyOf(files);
        if (!batch && files.size() != 1) {
            throw new IllegalArgumentException("a single event names exactly one file");
        }
    }
}

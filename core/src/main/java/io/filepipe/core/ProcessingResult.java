package io.filepipe.core;

import java.util.List;
import java.util.Objects;

/**
 * What processing learned about a file. {@code width}/{@code height} are null unless the file is
 * an image; {@code derivedKeys} lists the S3 keys written under the file's derived prefix.
 */
public record ProcessingResult(
        String contentType,
        Integer width,
        Integer height,
        List<String> derivedKeys,
        long durationMs,
        boolean extensionMismatch) {

    public ProcessingResult {
        Objects.requireNonNull(contentType, "contentType");
        derivedKeys = List.copyOf(derivedKeys);
    }
}

package io.filepipe.core;

import java.util.List;
import java.util.Objects;

/**
 * What processing learned about a file. {@code width}/{@code height} are null unless the file is
 * an image; {@code derivedKeys} lists the S3 keys written under the file's derived prefix;
 * {@code thumbnailSkipped}, when not null, says why an acceptable image got no thumbnail (it is
 * above the processor's decode budget: its size comes from its header alone).
 */
public record ProcessingResult(
        String contentType,
        Integer width,
        Integer height,
        List<String> derivedKeys,
        long durationMs,
        boolean extensionMismatch,
        String thumbnailSkipped) {

    /** A result with thumbnails made as usual (or none, for a file that is not an image). */
    public ProcessingResult(String contentType, Integer width, Integer height, List<String> derivedKeys,
                            long durationMs, boolean extensionMismatch) {
        this(contentType, width, height, derivedKeys, durationMs, extensionMismatch, null);
    }

    public ProcessingResult {
        Objects.requireNonNull(contentType, "contentType");
        derivedKeys = List.copyOf(derivedKeys);
    }
}

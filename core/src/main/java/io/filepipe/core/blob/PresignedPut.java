package io.filepipe.core.blob;

import java.net.URI;
import java.util.Map;

/**
 * A presigned PUT: the URL, and the headers the client must send with exactly these values
 * (besides {@code Host} and {@code Content-Length}, which every HTTP client sends itself).
 */
public record PresignedPut(URI url, Map<String, String> headers) {

    public PresignedPut {
        headers = Map.copyOf(headers);
    }
}

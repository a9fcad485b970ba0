package io.filepipe.core.blob;

/** What a HEAD tells about a stored object. */
public record BlobInfo(String key, long size, String contentType) {
}

package io.filepipe.core.blob;

/** A part named by a client to complete a multipart upload: its number and the ETag its PUT answered. */
public record PartTag(int partNumber, String etag) {
}

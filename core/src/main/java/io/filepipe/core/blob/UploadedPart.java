package io.filepipe.core.blob;

/** A part of a multipart upload that the backend holds: its number, its ETag (quoted, as S3 gives it) and size. */
public record UploadedPart(int partNumber, String etag, long size) {
}

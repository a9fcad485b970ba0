package io.filepipe.core.blob;

/**
 * What a HEAD tells about an object's content: its size, its ETag (quoted, as S3 gives it) and,
 * where the backend keeps one for the whole object, its SHA-256 (lowercase hex; null when the
 * backend has none, e.g. for a multipart object or on S3Proxy).
 */
public record BlobDigest(String key, long size, String etag, String sha256) {
}

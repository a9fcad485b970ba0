package io.filepipe.core.blob;

/**
 * An object's size and, where the backend keeps one for the whole object, its SHA-256 (lowercase
 * hex; null when the backend has none, e.g. for a multipart object or on S3Proxy).
 */
public record BlobDigest(String key, long size, String sha256) {
}

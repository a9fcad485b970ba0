package io.filepipe.local.upload;

/**
 * Which way a file goes to the API. Up to {@link #THRESHOLD_BYTES} it is sent base64 in the JSON
 * body of {@code POST /upload} (one request); above, the presigned path: {@code POST /uploads},
 * the parts straight to S3, {@code POST /uploads/{id}/complete}. The threshold is where the second
 * way gets cheaper on AWS (docs/deploy.md has the sums): API Gateway meters a request in 512 KB
 * units, so a 1 MiB file is 1.4 MB of base64 JSON, three units, and the API Lambda spends its time
 * decoding and writing it; the presigned path is always two metered API calls and one S3 PUT per
 * part. Below 1 MiB the single request wins (fewer round trips, no S3 request charge of its own).
 */
public enum UploadPath {
    /** {@code POST /upload}, the body base64 in JSON. */
    INLINE,
    /** {@code POST /uploads}, presigned PUTs to S3, {@code complete}. */
    PRESIGNED;

    public static final long THRESHOLD_BYTES = 1024 * 1024;

    public static UploadPath forSize(long size) {
        return size <= THRESHOLD_BYTES ? INLINE : PRESIGNED;
    }
}

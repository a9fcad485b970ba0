package io.filepipe.local.upload;

/**
 * Which way a file goes to the API. Up to {@link #THRESHOLD_BYTES} it is sent base64 in the JSON
 * body of {@code POST /upload} (one request); above, the presigned path: {@code POST /uploads},
 * the bytes straight to S3, {@code POST /uploads/{id}/complete}. The threshold is where the second
 * way becomes the cheaper on AWS (docs/deploy.md has the sums): API Gateway meters a request in
 * 512 KB units and base64 adds a third, and the API Lambda's time grows with the body, while the
 * presigned path costs the same two small API calls whatever the size (plus, like the inline path,
 * one S3 PUT per part). Up to two metered units the single request is cheaper; from the third unit
 * on (a file of about 768 KiB) the presigned path is.
 */
public enum UploadPath {
    /** {@code POST /upload}, the body base64 in JSON. */
    INLINE,
    /** {@code POST /uploads}, presigned PUTs to S3, {@code complete}. */
    PRESIGNED;

    /** API Gateway's metering step for a request's size. */
    static final long METERING_UNIT = 512 * 1024;
    /** Room for {@code {"file_name": …, "comment": …, "file_data": ""}} around the base64 text. */
    static final long JSON_ROOM = 1024;
    /** The largest file whose inline body fits two metering units: 785,664 bytes (767.25 KiB). */
    public static final long THRESHOLD_BYTES = (2 * METERING_UNIT - JSON_ROOM) / 4 * 3;

    public static UploadPath forSize(long size) {
        return size <= THRESHOLD_BYTES ? INLINE : PRESIGNED;
    }
}

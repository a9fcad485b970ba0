package io.filepipe.api.upload;

/**
 * Size limits, checked before anything is decoded or stored. The defaults fit AWS Lambda's 6 MB
 * request payload: a 4 MiB file is about 5.6 MB once base64-encoded in its JSON body.
 *
 * @param maxBodyBytes    largest request body read at all
 * @param maxFileBytes    largest decoded file
 * @param maxCommentChars longest comment, in Unicode code points
 */
public record UploadLimits(long maxBodyBytes, long maxFileBytes, int maxCommentChars) {

    public static final long DEFAULT_MAX_BODY_BYTES = 6_000_000;
    public static final long DEFAULT_MAX_FILE_BYTES = 4L * 1024 * 1024;
    public static final int DEFAULT_MAX_COMMENT_CHARS = 1024;

    public UploadLimits {
        if (maxBodyBytes < 1 || maxFileBytes < 1 || maxCommentChars < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static UploadLimits defaults() {
        return new UploadLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_COMMENT_CHARS);
    }
}
